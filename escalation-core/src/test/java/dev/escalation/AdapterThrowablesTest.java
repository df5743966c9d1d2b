package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Adapters that fail with more than a {@link RuntimeException}: a checked exception thrown sneakily (a Kotlin or
 * Lombok adapter), an {@link Error} such as {@link StackOverflowError}. Such a failure is the failed attempt of the
 * one side effect it hit (retried, dead-lettered after the maximum attempts); the rest of the batch is delivered and
 * recorded once. A fatal error of the JVM ({@link OutOfMemoryError}) ends the run, but only after the outcomes of the
 * batch so far are recorded: nothing already delivered goes out again once the lease runs out. So does an interrupt,
 * reported as the engine's {@code UNAVAILABLE}.
 */
class AdapterThrowablesTest {

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** Fails every notification to {@code recipient} with what {@code failure} supplies while it supplies one. */
    private static final class Failing implements Notifier {
        final InMemoryNotifier delegate = new InMemoryNotifier();
        final String recipient;
        final AtomicReference<Supplier<Throwable>> failure = new AtomicReference<>();

        Failing(String recipient, Supplier<Throwable> failure) {
            this.recipient = recipient;
            this.failure.set(failure);
        }

        @Override
        public void send(Notification n) {
            delegate.send(n); // counted per key, delivered only if nothing fails below
            Supplier<Throwable> f = failure.get();
            if (f != null && n.recipient().id().equals(recipient)) {
                throw sneaky(f.get());
            }
        }
    }

    private static void assertEachKeySentOnce(Failing notifier, String except) {
        Map<String, Integer> calls = notifier.delegate.callsPerKey();
        notifier.delegate.delivered().stream()
                .filter(n -> !n.recipient().id().equals(except))
                .forEach(n -> assertThat(calls.get(n.idempotencyKey()))
                        .as("calls of %s", n.idempotencyKey())
                        .isEqualTo(1));
    }

    /** Delivers: the run ends as UNAVAILABLE with the interrupt flag set again (cleared here after the check). */
    private static void assertRunInterrupted(World w) {
        try {
            assertThatThrownBy(w.engine::deliverPending).isInstanceOf(EscalationUnavailableException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** Once ina's notifier works again and the lease ran out, everything goes out, each key once. */
    private static void assertAllDeliveredOnceAfterwards(World w, Failing notifier, EscalationId id) {
        notifier.failure.set(null);
        w.clock.advance(Duration.ofHours(1));
        w.engine.deliverPending();
        assertThat(w.pending()).isZero();
        assertThat(w.ticketing.ticketOf(id)).isPresent();
        assertEachKeySentOnce(notifier, "ina");
    }

    @Test
    void aSneakyCheckedExceptionIsAFailedAttemptOfItsSideEffectOnly() {
        Failing notifier = new Failing("sam", () -> new IOException("smtp: connection reset"));
        World w = new World(b -> {}, null, List.of(notifier));
        EscalationId id = w.escalated();

        DeliveryReport report = w.engine.deliverPending();

        assertThat(report.retried()).isEqualTo(1);
        assertThat(notifier.delegate.delivered())
                .anyMatch(n -> n.escalation().equals(id) && n.recipient().id().equals("ina"));
        assertThat(w.ticketing.ticketOf(id)).isPresent();
        w.clock.advance(Duration.ofHours(1)); // past the lease and the backoff
        notifier.failure.set(null);
        w.engine.deliverPending();
        assertThat(w.pending()).isZero();
        assertEachKeySentOnce(notifier, "sam");
    }

    @Test
    void aStackOverflowInTheNotifierIsRetriedAndThenDeadLetteredNotThrown() {
        Failing notifier = new Failing("sam", () -> new StackOverflowError());
        World w = new World(b -> {}, null, List.of(notifier));
        EscalationId id = w.escalated();

        for (int run = 0; run < 3; run++) { // maxAttempts is 3
            w.engine.deliverPending();
            w.clock.advance(Duration.ofHours(1));
        }

        assertThat(w.pending()).isZero();
        assertThat(w.engine
                        .operations()
                        .deadLetters(World.SAM, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> assertThat(d.code()).contains("ATTEMPTS_EXHAUSTED"));
        assertThat(notifier.delegate.delivered())
                .anyMatch(n -> n.escalation().equals(id) && n.recipient().id().equals("ina"));
        assertEachKeySentOnce(notifier, "sam");
    }

    @Test
    void aFatalErrorEndsTheRunButWhatWasDeliveredBeforeItIsRecorded() {
        Failing notifier = new Failing("ina", () -> new OutOfMemoryError("simulated"));
        World w = new World(b -> {}, null, List.of(notifier));
        EscalationId id = w.escalated();

        assertThatThrownBy(w.engine::deliverPending).isInstanceOf(OutOfMemoryError.class);

        notifier.failure.set(null);
        w.clock.advance(Duration.ofHours(1)); // the lease has run out
        w.engine.deliverPending();
        assertThat(w.pending()).isZero();
        assertThat(notifier.delegate.delivered())
                .anyMatch(n -> n.escalation().equals(id) && n.recipient().id().equals("ina"));
        assertEachKeySentOnce(notifier, "ina");
    }

    @Test
    void anInterruptedAdapterEndsTheRunAsUnavailableWithTheFlagSetAndLosesNothing() {
        Failing notifier = new Failing("ina", () -> new InterruptedException());
        World w = new World(b -> {}, null, List.of(notifier));
        EscalationId id = w.escalated();

        assertRunInterrupted(w);

        assertAllDeliveredOnceAfterwards(w, notifier, id);
    }

    @Test
    void anInterruptOnTheLastAttemptReleasesTheSideEffectRatherThanDeadLetteringIt() {
        Failing notifier = new Failing("sam", () -> new IOException("smtp: connection reset"));
        World w = new World(b -> {}, null, List.of(notifier));
        EscalationId id = w.escalated();
        for (int run = 0; run < 2; run++) { // two of the three attempts fail
            w.engine.deliverPending();
            w.clock.advance(Duration.ofHours(1));
        }

        notifier.failure.set(() -> new InterruptedException()); // the host shuts down during the last attempt
        assertRunInterrupted(w);

        assertThat(w.engine
                        .operations()
                        .deadLetters(World.SAM, PageRequest.first(10))
                        .items())
                .as("an interrupt is the dispatcher stopping, not a failed attempt")
                .isEmpty();
        notifier.failure.set(() -> new IOException("smtp: connection reset")); // the third attempt still counts
        w.engine.deliverPending();
        assertThat(w.engine
                        .operations()
                        .deadLetters(World.SAM, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.escalation()).isEqualTo(id);
                    assertThat(d.attempts()).isEqualTo(3);
                    assertThat(d.code()).contains("ATTEMPTS_EXHAUSTED");
                });
    }

    @Test
    void anAdapterThatKeepsTheInterruptFlagAndThrowsSomethingElseEndsTheRun() {
        Failing notifier = new Failing("ina", () -> {
            Thread.currentThread().interrupt(); // as mail and HTTP clients do: flag kept, their own exception thrown
            return new IllegalStateException("mail: connection interrupted");
        });
        World w = new World(b -> {}, null, List.of(notifier));
        EscalationId id = w.escalated();
        EscalationId later = w.engine
                .escalate(
                        World.INA,
                        new EscalateCase(World.C2, "And the backup", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();

        assertRunInterrupted(w);
        assertThat(notifier.delegate.delivered())
                .as("nothing after the interrupted call is attempted with the flag set")
                .noneMatch(n -> n.escalation().equals(later));

        assertAllDeliveredOnceAfterwards(w, notifier, id);
    }

    @Test
    void aListenerThatThrowsAnErrorOrACheckedExceptionDoesNotFailTheCommittedCommand() {
        List<String> seen = new java.util.ArrayList<>();
        World w = new World(b -> b.listener(e -> {
                    throw new AssertionError("listener saw " + e.entry());
                })
                .listener(e -> {
                    throw sneaky(new IOException("audit sink down"));
                })
                .listener(e -> seen.add(e.entry().kind().name())));

        EscalationId id = w.engine.escalate(World.INA, World.escalateC1()).escalation();

        assertThat(w.stored(id).raisedBy().value()).isEqualTo("ina");
        assertThat(seen).containsExactly("ESCALATED");
    }

    @Test
    void anObserverThatThrowsAnErrorDoesNotBreakADeliveryBatch() {
        EngineObserver failing = new EngineObserver() {
            @Override
            public void deliveryAttempted(DeliveryTarget target, DeliveryResult result, Duration latency) {
                throw new AssertionError("metrics registry broke");
            }
        };
        World w = new World(b -> b.listener(failing));
        EscalationId id = w.escalated();

        DeliveryReport report = w.engine.deliverPending();

        assertThat(report.delivered()).isPositive();
        assertThat(w.pending()).isZero();
        assertThat(w.ticketing.ticketOf(id)).isPresent();
        w.clock.advance(Duration.ofHours(1));
        w.engine.deliverPending();
        assertThat(w.notifier.callsPerKey().values()).containsOnly(1);
    }
}
