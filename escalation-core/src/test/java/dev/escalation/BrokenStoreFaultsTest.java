package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store adapter that breaks its contract: it fails with something the SPI does not name (a driver's
 * {@code IllegalStateException}, a bug's {@code NullPointerException}, a bare {@code RuntimeException}, an
 * {@code UncheckedIOException}, a checked {@code IOException} thrown sneakily, an {@code AssertionError}) instead of
 * {@code UnavailableException}, in its writes, reads, outbox and due work. (An {@code IllegalArgumentException} from a
 * write is named by the SPI — the store refused the write the engine decided — and reaches the caller as it is: see
 * {@code LifecycleProperties}.) Every engine call that meets it is the retryable {@code UNAVAILABLE} error with the
 * failure as its cause (before: the adapter's exception reached the caller untyped), the engine applies nothing, and
 * once the store works again the same calls go through.
 */
class BrokenStoreFaultsTest {

    static List<Supplier<Throwable>> failures() {
        return List.of(
                () -> new IllegalStateException("connection pool closed"),
                () -> new NullPointerException("row mapper bug"),
                () -> new RuntimeException("driver failure"),
                () -> new java.io.UncheckedIOException(new java.io.IOException("socket closed")),
                () -> new java.io.IOException("connection to ina@x.example's database reset"), // thrown sneakily
                () -> new AssertionError("a driver's internal check failed"));
    }

    private static void unavailable(Throwable planted, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(EscalationUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNAVAILABLE");
                    assertThat(e.isRetryable()).isTrue();
                })
                .hasCause(planted)
                .hasMessageNotContaining(planted.getMessage()); // the adapter's words may carry personal data
    }

    @ParameterizedTest
    @MethodSource("failures")
    void escalatingIsUnavailableAndRecordsNothing(Supplier<Throwable> failure) {
        World w = new World();
        Throwable planted = failure.get();
        w.recording.broken.set(planted);

        unavailable(planted, () -> w.engine.escalate(INA, World.escalateC1()));

        w.recording.broken.set(null);
        w.assertRecordedNothing("a broken store");
        assertThat(w.escalated()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void aCommandAndTheReadsAreUnavailableAndChangeNothing(Supplier<Throwable> failure) {
        World w = new World();
        EscalationId id = w.escalated();
        long version = w.stored(id).version();
        int events = w.events.size();
        Throwable planted = failure.get();
        w.recording.broken.set(planted);

        unavailable(planted, () -> w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina")));
        unavailable(planted, () -> w.engine.find(SAM, id));
        unavailable(planted, () -> w.engine.find(INA, id));
        unavailable(
                planted,
                () -> w.engine.operations().inbox(SAM, EnumSet.of(EscalationState.REQUESTED), PageRequest.first(10)));

        w.recording.broken.set(null);
        assertThat(w.stored(id).version()).isEqualTo(version);
        assertThat(w.events).hasSize(events);
        assertThat(w.engine
                        .acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"))
                        .state())
                .isEqualTo(EscalationState.ACKNOWLEDGED);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void deliveryAndDueWorkAreUnavailableAndLoseNothing(Supplier<Throwable> failure) {
        World w = new World();
        EscalationId id = w.escalated();
        long pending = w.pending();
        assertThat(pending).isPositive();
        Throwable planted = failure.get();
        w.recording.broken.set(planted);

        unavailable(planted, w.engine::deliverPending);
        unavailable(planted, w.engine::processDueWork);

        w.recording.broken.set(null);
        assertThat(w.pending()).isEqualTo(pending);
        assertThat(w.engine.deliverPending().delivered()).isEqualTo((int) pending);
        assertThat(w.notifier.delivered()).anyMatch(n -> n.escalation().equals(id));
    }
}
