package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.EscalationId;
import org.junit.jupiter.api.Test;

/**
 * A delivery run on an interrupted thread sends nothing, whether or not the adapters look at the interrupt (the
 * in-memory notifier does not): the run ends as {@code UNAVAILABLE} with the flag kept, and every side effect stays
 * pending for the next run. Before, only an adapter that threw on the interrupt ended the run; one that ignored it
 * was handed the whole batch, so a worker that had been told to stop went on sending.
 */
class InterruptedDeliveryTest {

    @Test
    void anInterruptedRunSendsNothingAndTheNextRunSendsEverything() {
        World w = new World();
        EscalationId id = w.escalated();
        long pending = w.engine.operations().outboxCounts(World.SAM).pending();
        assertThat(pending).isPositive();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(w.engine::deliverPending).isInstanceOf(EscalationUnavailableException.class);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        }
        assertThat(w.notifier.delivered()).as("sent by the interrupted run").isEmpty();
        assertThat(w.engine.operations().outboxCounts(World.SAM).pending()).isEqualTo(pending);

        assertThat(w.engine.deliverPending().delivered()).isPositive();
        assertThat(w.notifier.delivered()).anyMatch(n -> n.escalation().equals(id));
        assertThat(w.engine.operations().outboxCounts(World.SAM).pending()).isZero();
    }
}
