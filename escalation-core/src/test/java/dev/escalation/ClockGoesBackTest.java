package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.PauseClock;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.ExcludedSpan;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The engine's clock goes back (an NTP step, a host's clock corrected) between the start of an excluded span (the SLA
 * clock paused, the escalation resolved) and its end. Before, the command that ends the span failed with the value
 * record's raw {@code IllegalArgumentException} ("span ends before it starts") until the clock had caught up again;
 * now the span is empty and the command goes through.
 */
class ClockGoesBackTest {

    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1));

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
