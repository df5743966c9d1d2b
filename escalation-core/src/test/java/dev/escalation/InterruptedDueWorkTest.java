package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A due-work pass on an interrupted thread, or interrupted in the middle of its batch (the worker's stop interrupts its
 * thread while a store call that ignores the interrupt runs), processes no further item: it ends as
 * {@code UNAVAILABLE} with the flag kept, and the items it has not completed are released, so the next pass processes
 * each of them at once and once. Before, the pass went on through its whole batch after the interrupt, as
 * {@link InterruptedDeliveryTest}'s delivery once did, so a worker that had been told to stop went on queueing.
 */
class InterruptedDueWorkTest {
    private final World w = new World(b -> b.shutdownTimeout(Duration.ZERO));
    private Instant now;
    private int due;

    /** Four active escalations, a day later: their meeting reminders are due, in one batch. */
    private void dueWork() {
        w.active();
        for (String c : new String[] {"C-7", "C-8", "C-9"}) {
            w.active(w.escalatedOnNewCase(c));
        }
        w.engine.deliverPending();
        w.clock.advance(Duration.ofDays(1));
        now = w.clock.instant();
        due = w.memoryStore.dueWork().due(now, 100).size();
        assertThat(due).as("items due").isGreaterThan(2);
    }

    @Test
    void aPassOnAnInterruptedThreadProcessesNothing() {
        dueWork();

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(w.engine::processDueWork).isInstanceOf(EscalationUnavailableException.class);
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        }
        assertThat(w.memoryStore.dueWork().due(now, 100)).as("not completed").hasSize(due);

        assertThat(w.engine.processDueWork().delivered()).isEqualTo(due);
        assertThat(w.memoryStore.dueWork().due(now, 100)).isEmpty();
    }

    @Test
    void aPassInterruptedInItsBatchStopsAndReleasesTheRest() {
        dueWork();
        w.recording.afterDueCompletion.set(() -> Thread.currentThread().interrupt());

        try {
            assertThatThrownBy(w.engine::processDueWork)
                    .isInstanceOf(EscalationUnavailableException.class)
                    .hasMessageContaining("the rest is processed later")
                    .satisfies(e -> assertThat(e.getSuppressed())
                            .as("releases that failed")
                            .isEmpty());
        } finally {
            assertThat(Thread.interrupted()).as("the interrupt flag is kept").isTrue();
        }
        assertThat(w.memoryStore.dueWork().due(now, 100))
                .as("only the item completed before the interrupt")
                .hasSize(due - 1);

        // released, not left leased: the next pass, at the same instant, processes each of the rest once
        assertThat(w.engine.processDueWork().delivered()).isEqualTo(due - 1);
        assertThat(w.memoryStore.dueWork().due(now, 100)).isEmpty();
        assertThat(w.engine.processDueWork().delivered()).isZero();
    }

    /**
     * The background worker's run, cut off by {@code close()} (a shutdown timeout of zero) while a store call of its
     * due-work pass runs that swallows the interrupt (the thread's flag is clear when it returns): only the cut tells
     * the pass to stop. It completes nothing more after the call, and the rest is processed by the next pass.
     */
    @Test
    void aPassCutOffByCloseStopsAndReleasesTheRest() throws InterruptedException {
        dueWork();
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Thread> worker = new AtomicReference<>();
        w.recording.afterDueCompletion.set(() -> {
            worker.set(Thread.currentThread());
            inCall.countDown();
            while (true) {
                try {
                    closed.await();
                    return;
                } catch (InterruptedException swallowed) {
                    // as a driver that ignores the interrupt: the flag is not set again
                }
            }
        });
        w.engine.start(Duration.ofMinutes(1));
        inCall.await();

        w.engine.close(); // gives up waiting at once: cuts the run off and interrupts its thread
        closed.countDown();
        worker.get().join(); // the cut-off run has ended

        assertThat(w.memoryStore.dueWork().due(now, 100))
                .as("only the item completed in the call the run was cut off in")
                .hasSize(due - 1);
        assertThat(w.engine.processDueWork().delivered()).isEqualTo(due - 1);
        assertThat(w.memoryStore.dueWork().due(now, 100)).isEmpty();
    }
}
