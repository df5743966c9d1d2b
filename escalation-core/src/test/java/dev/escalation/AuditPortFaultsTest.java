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
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Audit ports that answer {@code null} (the SPI is null-marked: they never may): subject keys and audit anchors. The
 * engine takes no {@code null} for an answer: the caller gets the retryable {@code UNAVAILABLE} error and nothing is
 * stored, where before the command failed with an untyped exception after going round for keys it never got.
 */
class AuditPortFaultsTest {
    private final InMemorySubjectKeys realKeys = new InMemorySubjectKeys();
    private final InMemoryAuditAnchors realAnchors = new InMemoryAuditAnchors();
    private final AtomicBoolean answerNull = new AtomicBoolean();

    private final SubjectKeys keys = new SubjectKeys() {
        @Override
        public byte[] keyOf(PartyRef subject) {
            return answerNull.get() ? null : realKeys.keyOf(subject);
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            return answerNull.get() ? null : realKeys.existingKey(subject);
        }

        @Override
        public boolean shred(PartyRef subject) {
            return realKeys.shred(subject);
        }
    };

    private final AuditAnchors anchors = new AuditAnchors() {
        @Override
        public void record(Anchor anchor) {
            realAnchors.record(anchor);
        }

        @Override
        public Optional<Anchor> latest(EscalationId escalation) {
            return answerNull.get() ? null : realAnchors.latest(escalation);
        }
    };

    private final World w = new World(b -> b.auditTrail(new AuditSettings(keys, anchors, AuditTrailTest.KEYS)));

    private static void unavailable(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        EscalationUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("UNAVAILABLE"));
    }

    @Test
    void subjectKeysThatAnswerNullAreUnavailableAndNothingIsStored() {
        answerNull.set(true);

        unavailable(() -> w.engine.escalate(INA, World.escalateC1()));

        w.assertRecordedNothing("subject keys answered null");
        answerNull.set(false);
        assertThat(w.escalated()).isNotNull();
    }

    @Test
    void anchorsOrKeysThatAnswerNullMakeVerificationUnavailable() {
        EscalationId id = w.escalated();
        w.engine.operations().audit().anchor(SAM, id);
        answerNull.set(true);

        unavailable(() -> w.engine.operations().audit().verify(SAM, id));
        unavailable(() -> w.engine.operations().audit().anchor(SAM, id));

        answerNull.set(false);
        assertThat(w.engine.operations().audit().verify(SAM, id).anchored()).isPresent();
    }
}
