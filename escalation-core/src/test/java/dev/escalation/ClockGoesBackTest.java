package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.PauseClock;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine's clock goes back (an NTP step, a host's clock corrected) between the start of an excluded span (the SLA
 * clock paused, the escalation resolved) and its end. Before, the command that ends the span failed with the value
 * record's raw {@code IllegalArgumentException} ("span ends before it starts") until the clock had caught up again;
 * now the span is empty and the command goes through. A delivery run whose clock goes back leases its later batches
 * for the whole lease still (before, for the lease less the step back: no lease at all, so another instance could
 * claim and send them again).
 */
class ClockGoesBackTest {

    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1));

    @Test
    void aBatchClaimedAfterTheClockWentBackIsLeasedForTheWholeLease() {
        AtomicReference<World> world = new AtomicReference<>();
        AtomicReference<Instant> start = new AtomicReference<>();
        List<String> claimedTwice = new CopyOnWriteArrayList<>();
        AtomicInteger sends = new AtomicInteger();
        InMemoryNotifier sent = new InMemoryNotifier();
        Notifier stepping = n -> {
            World x = world.get();
            if (start.get() == null) {
                start.set(x.clock.instant());
                x.clock.advance(Duration.ofHours(-2)); // this instance's clock steps back during the run
            } else if (sends.incrementAndGet() <= 10) { // bounded: before, each claim was taken over and sent again
                // another instance, whose clock did not step back, claims meanwhile
                List<ClaimedMessage> other =
                        x.memoryStore.outbox().claim("other", start.get(), Duration.ofMinutes(1), 10);
                x.memoryStore
                        .outbox()
                        .finish(
                                other.stream()
                                        .<DeliveryOutcome>map(DeliveryOutcome.Released::new)
                                        .toList(),
                                start.get());
                other.stream()
                        .filter(c -> c.message().idempotencyKey().equals(n.idempotencyKey()))
                        .forEach(c -> claimedTwice.add(n.idempotencyKey()));
            }
            sent.send(n);
        };
        World x = new World(b -> b.delivery(Duration.ofMinutes(1), 1, 3), null, List.of(stepping));
        world.set(x);
        x.escalated();

        x.engine.deliverPending();

        assertThat(sent.delivered()).hasSize(2);
        assertThat(claimedTwice)
                .as("messages another instance could claim while they were delivered")
                .isEmpty();
    }

    @Test
    void resumingAfterTheClockWentBackEndsAnEmptyPause() {
        EscalationId id = w.active();
        w.engine.pauseClock(EVE, new PauseClock(id, "waiting for logs"));
        w.clock.advance(Duration.ofMinutes(-30));

        EscalationView view = w.engine.resumeClock(EVE, new ResumeClock(id, null));

        assertThat(view.clockPaused()).isFalse();
        assertThat(w.stored(id).facts().excluded())
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(s.from()));
    }

    @Test
    void resolvingWhilePausedAfterTheClockWentBackGoesThrough() {
        EscalationId id = w.active();
        w.engine.pauseClock(EVE, new PauseClock(id, "waiting for logs"));
        w.clock.advance(Duration.ofHours(-2));

        assertThat(w.engine.resolve(EVE, new Resolve(id, "patched")).state()).isEqualTo(EscalationState.RESOLVED);
    }

    @Test
    void reopeningAfterTheClockWentBackBeforeTheResolutionGoesThrough() {
        EscalationId id = w.active();
        w.engine.resolve(EVE, new Resolve(id, "patched"));
        w.clock.advance(Duration.ofMinutes(-5));

        assertThat(w.engine.reopen(INA, new Reopen(id, "broken again")).state()).isEqualTo(EscalationState.ACTIVE);
        assertThat(w.stored(id).facts().excluded()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED);
            assertThat(s.to()).isEqualTo(s.from());
        });
    }
}
