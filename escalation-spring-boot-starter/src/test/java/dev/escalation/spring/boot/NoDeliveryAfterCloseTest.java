package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Closing the context ends background delivery: once {@code close()} has returned after the shutdown timeout, the
 * worker sends nothing more, even when the call it was in (a JDBC statement, a mail client) ignored the interrupt and
 * returned later. Before, the run went on after such a call: a due-work pass that outlasted the timeout was followed by
 * a whole delivery run, and a send that outlasted it by the rest of its batch, all after the application had closed.
 */
class NoDeliveryAfterCloseTest {

    /** Holds a call on the worker's thread until released, ignoring interrupts (as a blocking driver would). */
    static final class Gate {
        final AtomicBoolean armed = new AtomicBoolean();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Thread> worker = new AtomicReference<>();

        void pass() {
            if (!armed.compareAndSet(true, false)) {
                return;
            }
            worker.set(Thread.currentThread());
            entered.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // ignored until the call is over, then kept
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until the gated call has been entered. */
        void awaitEntered() throws InterruptedException {
            assertThat(entered.await(30, TimeUnit.SECONDS))
                    .as("the worker reached the gated call")
                    .isTrue();
        }

        /** Lets the gated call return and waits for the worker's thread to end. */
        void releaseAndJoin() throws InterruptedException {
            release.countDown();
            Thread t = worker.get();
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("the worker's thread ended").isFalse();
        }
    }

    /** A proxy of {@code type} on {@code target} whose answers pass through {@code around} (method name, answer). */
    @SuppressWarnings("unchecked")
    private static <T> T around(Class<T> type, Object target, java.util.function.BiFunction<String, Object, Object> f) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            try {
                return f.apply(method.getName(), method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    /** The in-memory store whose due-work claim goes through the gate. */
    private static EscalationStore gatedDueWork(Gate gate) {
        return around(
                EscalationStore.class,
                new InMemoryEscalationStore(),
                (name, answer) -> name.equals("dueWork")
                        ? around(DueWork.class, answer, (call, claimed) -> {
                            if (call.equals("claim")) {
                                gate.pass();
                            }
                            return claimed;
                        })
                        : answer);
    }

    private static ApplicationContextRunner delivering() {
        return TestAdapters.inMemory()
                .withPropertyValues(
                        "escalation.delivery.enabled=true",
                        "escalation.delivery.interval=10ms",
                        "escalation.delivery.shutdown-timeout=0s");
    }

    @Test
    void aDueWorkPassThatOutlastsTheShutdownTimeoutIsNotFollowedByADelivery() {
        Gate gate = new Gate();
        delivering().withBean(EscalationStore.class, () -> gatedDueWork(gate)).run(context -> {
            InMemoryNotifier notifier = context.getBean(InMemoryNotifier.class);
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            gate.armed.set(true);
            gate.awaitEntered();
            TestAdapters.escalate(engine, "C-1"); // its notifications wait in the outbox

            context.close();
            gate.releaseAndJoin();

            assertThat(notifier.delivered()).as("sent after the context closed").isEmpty();
            assertThat(engine.operations().outboxCounts(Actor.staff("sam")).pending())
                    .as("kept for the next start")
                    .isPositive();
        });
    }

    /** A notifier whose first send goes through the gate; records every send that completed. */
    static final class GatedNotifier implements Notifier {
        final Gate gate = new Gate();
        final List<String> sent = new CopyOnWriteArrayList<>();

        @Override
        public void send(Notification notification) {
            gate.pass();
            sent.add(notification.idempotencyKey());
        }
    }

    @Test
    void aSendThatOutlastsTheShutdownTimeoutIsTheLastOne() {
        GatedNotifier notifier = new GatedNotifier();
        notifier.gate.armed.set(true);
        delivering()
                .withPropertyValues("test.own-notifier=true")
                .withBean(GatedNotifier.class, () -> notifier)
                .run(context -> {
                    EscalationEngine engine = context.getBean(EscalationEngine.class);
                    TestAdapters.escalate(engine, "C-2");
                    TestAdapters.escalate(engine, "C-3"); // several notifications in the worker's batch
                    notifier.gate.awaitEntered();

                    context.close();
                    notifier.gate.releaseAndJoin();

                    assertThat(notifier.sent)
                            .as("only the send in flight when the context closed completed")
                            .hasSize(1);
                    assertThat(engine.operations()
                                    .outboxCounts(Actor.staff("sam"))
                                    .pending())
                            .as("the rest kept for the next start")
                            .isPositive();
                });
    }
}
