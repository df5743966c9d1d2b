package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A notifier call that outlasts the dispatcher's lease: the rest of its batch may have been claimed by another
 * instance meanwhile, which sends it. The engine does not send it a second time after the lease ran out; it releases
 * it and ends the run, and nothing is lost: once the other instance's claim lapses too, each notification goes out
 * (only the slow one, whose claim was superseded while it ran, twice: at least once).
 */
class SlowAdapterLeaseTest {

    @Test
    void whatIsLeftOfABatchAfterItsLeaseRanOutIsReleasedNotSent() {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        List<String> takenOver = new ArrayList<>();
        AtomicReference<World> world = new AtomicReference<>();
        Notifier slowOnce = new Notifier() {
            private boolean slow = true;

            @Override
            public void send(Notification n) {
                sent.add(n.idempotencyKey());
                if (slow) {
                    slow = false;
                    World w = world.get();
                    w.clock.advance(Duration.ofMinutes(2)); // the call takes longer than the lease of one minute
                    // another instance (it crashes later) claims what the lease no longer holds
                    for (ClaimedMessage c : w.memoryStore
                            .outbox()
                            .claim("other-instance", w.clock.instant(), Duration.ofMinutes(1), 100)) {
                        takenOver.add(c.message().idempotencyKey());
                    }
                }
            }
        };
        World w = new World(b -> {}, null, List.of(slowOnce));
        world.set(w);
        w.escalated();

        w.engine.deliverPending();

        String slowKey = sent.get(0);
        assertThat(takenOver)
                .as("the batch had notifications after the slow one")
                .contains(slowKey)
                .hasSizeGreaterThan(2);
        assertThat(sent).as("nothing sent after the lease ran out").containsExactly(slowKey);

        w.clock.advance(Duration.ofMinutes(2)); // the other instance's claim lapses
        w.engine.deliverPending();

        assertThat(w.memoryStore.outbox().counts().pending())
                .as("all delivered")
                .isZero();
        assertThat(w.memoryStore.outbox().counts().dead()).isZero();
        List<String> others = new ArrayList<>(sent);
        others.remove(slowKey);
        assertThat(others).as("each of the others once").hasSizeGreaterThan(1).doesNotHaveDuplicates();
    }
}
