package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Audit ports that answer {@code null} (the SPI is null-marked: they never may), or throw a failure the SPI does not
 * name instead of {@code UnavailableException}: subject keys and audit anchors. The engine takes no {@code null} for an
 * answer and lets no untyped failure through: the caller gets the retryable {@code UNAVAILABLE} error and nothing is
 * stored, where before the command failed with an untyped exception (after going round for keys it never got, or the
 * port's own).
 */
class AuditPortFaultsTest {
    private final InMemorySubjectKeys realKeys = new InMemorySubjectKeys();
    private final InMemoryAuditAnchors realAnchors = new InMemoryAuditAnchors();
    /** How the ports fail while a fault is planted. */
    enum Fault {
        /** They answer {@code null}. */
        ANSWER_NULL,
        /** They throw an {@code IllegalStateException}, which the SPI does not name. */
        THROW_UNNAMED
    }

    private final java.util.concurrent.atomic.AtomicReference<Fault> fault =
            new java.util.concurrent.atomic.AtomicReference<>();

    private <T> T answer(java.util.function.Supplier<T> real) {
        Fault f = fault.get();
        if (f == Fault.THROW_UNNAMED) {
            throw new IllegalStateException("key vault sealed");
        }
        return f == Fault.ANSWER_NULL ? null : real.get();
    }

    private final SubjectKeys keys = new SubjectKeys() {
        @Override
        public byte[] keyOf(PartyRef subject) {
            return answer(() -> realKeys.keyOf(subject));
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            return answer(() -> realKeys.existingKey(subject));
        }

        @Override
        public boolean shred(PartyRef subject) {
            return answer(() -> realKeys.shred(subject));
        }
    };

    private final AuditAnchors anchors = new AuditAnchors() {
        @Override
        public void record(Anchor anchor) {
            answer(() -> {
                realAnchors.record(anchor);
                return true;
            });
        }

        @Override
        public Optional<Anchor> latest(EscalationId escalation) {
            return answer(() -> realAnchors.latest(escalation));
        }
    };

    private final World w = new World(b -> b.auditTrail(new AuditSettings(keys, anchors, AuditTrailTest.KEYS)));

    private static void unavailable(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        EscalationUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("UNAVAILABLE"));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void subjectKeysThatFailAreUnavailableAndNothingIsStored(Fault planted) {
        fault.set(planted);

        unavailable(() -> w.engine.escalate(INA, World.escalateC1()));

        w.assertRecordedNothing("subject keys failing: " + planted);
        fault.set(null);
        assertThat(w.escalated()).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anchorsOrKeysThatFailMakeVerificationAndAnchoringUnavailable(Fault planted) {
        EscalationId id = w.escalated();
        w.engine.operations().audit().anchor(SAM, id);
        fault.set(planted);

        unavailable(() -> w.engine.operations().audit().verify(SAM, id));
        unavailable(() -> w.engine.operations().audit().anchor(SAM, id));

        fault.set(null);
        assertThat(w.engine.operations().audit().verify(SAM, id).anchored()).isPresent();
    }

    /**
     * A store that keeps the subject keys in its own transactions (SPI v2) and whose keys view fails inside the
     * command's transaction with a failure the SPI does not name: the engine's code asked the port there, so the
     * failure is the port's ({@code UNAVAILABLE}), not the engine's, and nothing is stored.
     */
    @Test
    void keysTheStoreKeepsThatThrowInsideItsTransactionAreUnavailableAndNothingIsStored() {
        dev.escalation.inmemory.InMemoryEscalationStore memory = new dev.escalation.inmemory.InMemoryEscalationStore();
        World inStore = new World(
                b -> b.auditTrail(new AuditSettings(realKeys, realAnchors, AuditTrailTest.KEYS)),
                new RecordingStore(memory, keys));
        fault.set(Fault.THROW_UNNAMED);

        unavailable(() -> inStore.engine.escalate(INA, World.escalateC1()));

        assertThat(memory.listForVendor(
                                java.util.EnumSet.allOf(dev.escalation.model.EscalationState.class),
                                dev.escalation.model.PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(memory.outbox().counts().pending()).isZero();
        fault.set(null);
        assertThat(inStore.engine.escalate(INA, World.escalateC1()).created()).isTrue();
    }
}
