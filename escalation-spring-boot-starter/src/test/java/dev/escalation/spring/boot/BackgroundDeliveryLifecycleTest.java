package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Background delivery runs with the context: it starts when the context starts, and closing the context waits for a
 * delivery that is in flight (up to escalation.delivery.shutdown-timeout) instead of cutting it off.
 */
class BackgroundDeliveryLifecycleTest {

    /** A notifier whose first send takes a while, as a slow mail server would. */
    static final class SlowNotifier implements Notifier {
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean interrupted = new AtomicBoolean();
        /** Counted down once the first send's pause ended, interrupted or not. */
        final CountDownLatch woke = new CountDownLatch(1);

        final List<String> completed = new CopyOnWriteArrayList<>();

        @Override
        public void send(Notification notification) {
            if (entered.getCount() > 0) {
                entered.countDown();
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } finally {
                    woke.countDown();
                }
            }
            completed.add(notification.idempotencyKey());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestAdapters.class)
    static class App {
        @Bean
        SlowNotifier slowNotifier() {
            return new SlowNotifier();
        }
    }

    /** The test adapters with their in-memory notifier. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestAdapters.class)
    static class PlainApp {}

    private static ConfigurableApplicationContext start(String shutdownTimeout) {
        return new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "test.own-notifier=true",
                        "escalation.store=memory",
                        "escalation.coverage.always-open=true",
                        "escalation.delivery.interval=20ms",
                        "escalation.delivery.shutdown-timeout=" + shutdownTimeout)
                .run();
    }

    @Test
    void closingTheContextLetsTheDeliveryInFlightComplete() throws Exception {
        ConfigurableApplicationContext context = start("10s");
        SlowNotifier notifier = context.getBean(SlowNotifier.class);
        assertThat(context.getBean(BackgroundDelivery.class).isRunning()).isTrue();
        TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-6");
        assertThat(notifier.entered.await(30, TimeUnit.SECONDS))
                .as("the worker started by the context picked the notification up")
                .isTrue();

        context.close();

        // no waiting here: close() itself must have let the send finish
        assertThat(notifier.interrupted).isFalse();
        assertThat(notifier.completed).as("the notification in flight was sent").isNotEmpty();
    }

    /**
     * {@code ConfigurableApplicationContext.stop()} pauses background delivery (nothing is sent while stopped) and
     * {@code start()} resumes it on the same engine.
     */
    @Test
    void stoppingTheContextPausesDeliveryAndStartingItResumesIt() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PlainApp.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "escalation.store=memory",
                        "escalation.coverage.always-open=true",
                        "escalation.delivery.interval=20ms")
                .run()) {
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            BackgroundDelivery delivery = context.getBean(BackgroundDelivery.class);

            context.stop();
            assertThat(delivery.isRunning()).isFalse();
            TestAdapters.escalate(engine, "C-8");
            Thread.sleep(500); // 25 intervals
            assertThat(pending(engine))
                    .as("nothing is delivered while the context is stopped")
                    .isPositive();

            context.start();
            assertThat(delivery.isRunning()).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (pending(engine) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(pending(engine))
                    .as("the restarted worker delivered the backlog")
                    .isZero();
        }
    }

    private static long pending(EscalationEngine engine) {
        return engine.operations().outboxCounts(Actor.staff("sam")).pending();
    }

    @Test
    void aShutdownTimeoutOfZeroInterruptsTheDeliveryInFlight() throws Exception {
        ConfigurableApplicationContext context = start("0s");
        SlowNotifier notifier = context.getBean(SlowNotifier.class);
        TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-7");
        assertThat(notifier.entered.await(30, TimeUnit.SECONDS)).isTrue();

        context.close();

        // a timeout of 0 does not wait for the worker: the flag is set on its thread once it wakes (an uninterrupted
        // pause ends after 1.5 s with the flag unset)
        assertThat(notifier.woke.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(notifier.interrupted)
                .as("escalation.delivery.shutdown-timeout reached the engine")
                .isTrue();
    }
}
