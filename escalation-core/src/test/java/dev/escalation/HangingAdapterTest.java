package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A notifier that hangs (and ignores interrupts): the caller's command never waits for it (nothing is sent inline),
 * {@code close()} returns after the shutdown timeout, and the notification is not lost: once the notifier answers
 * again it is delivered (at least once).
 */
class HangingAdapterTest {

    @Test
    void aHangingNotifierBlocksNeitherTheCallerNorCloseAndLosesNothing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean hang = new AtomicBoolean(true);
        AtomicReference<Notifier> real = new AtomicReference<>();
        Notifier hanging = n -> {
            if (hang.get()) {
                entered.countDown();
                boolean released = false;
                while (!released) {
                    try {
                        released = release.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException ignored) {
                        // a hanging adapter that ignores interrupts
                    }
                }
            }
            real.get().send(n);
        };
        World w = new World(b -> b.shutdownTimeout(Duration.ofMillis(100)), null, List.of(hanging));
        real.set(w.notifier);

        EscalationId id = w.escalated(); // returns: nothing is sent on the caller's thread
        assertThat(w.stored(id)).isNotNull();
        w.engine.start(Duration.ofMillis(10));
        assertThat(entered.await(30, TimeUnit.SECONDS))
                .as("the worker reached the notifier")
                .isTrue();

        long started = System.nanoTime();
        w.engine.close();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));

        hang.set(false);
        release.countDown();
        w.clock.advance(Duration.ofHours(1)); // the hung claim's lease has run out
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (w.notifier.delivered().stream()
                        .noneMatch(n ->
                                n.escalation().equals(id) && n.recipient().id().equals("ina"))
                && System.nanoTime() < deadline) {
            w.engine.deliverPending();
            Thread.sleep(10);
        }
        assertThat(w.notifier.delivered())
                .anyMatch(n -> n.escalation().equals(id) && n.recipient().id().equals("ina"));
    }
}
