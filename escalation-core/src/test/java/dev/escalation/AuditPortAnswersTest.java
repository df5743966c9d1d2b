package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Resolve;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.UnavailableException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Audit ports that answer what their contract rules out, planted by wrapping the in-memory adapters: a
 * {@link SubjectKeys} that wipes the key it returned when it hands out the next, an {@link AuditAnchors} whose latest
 * anchor is another escalation's or covers more entries than the chain, a {@code shred} that fails after the values
 * were erased. Wrong key lengths are {@link AuditKeyAnswersProperties}.
 */
class AuditPortAnswersTest {

    /** In-memory keys whose answers pass through {@link #keyOf} and {@link #existing} (as they are by default). */
    static final class PlantedKeys implements SubjectKeys {
        final InMemorySubjectKeys real = new InMemorySubjectKeys();
        volatile UnaryOperator<byte[]> keyOf = UnaryOperator.identity();
        volatile Function<PartyRef, UnaryOperator<byte[]>> existing = s -> UnaryOperator.identity();
        volatile RuntimeException shredFails;

        @Override
        public byte[] keyOf(PartyRef subject) {
            return keyOf.apply(real.keyOf(subject));
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            Optional<byte[]> key = real.existingKey(subject);
            if (key.isEmpty()) {
                return key;
            }
            byte[] answer = existing.apply(subject).apply(key.get());
            return answer == null ? null : Optional.of(answer); // a null answer is planted as it is
        }

        @Override
        public boolean shred(PartyRef subject) {
            RuntimeException fails = shredFails;
            if (fails != null) {
                throw fails;
            }
            return real.shred(subject);
        }
    }

    /** In-memory anchors whose {@code latest} answer passes through {@link #latest}. */
    static final class PlantedAnchors implements AuditAnchors {
        final InMemoryAuditAnchors real = new InMemoryAuditAnchors();
        volatile Function<EscalationId, Optional<Anchor>> latest = real::latest;

        @Override
        public void record(Anchor anchor) {
            real.record(anchor);
        }

        @Override
        public Optional<Anchor> latest(EscalationId escalation) {
            return latest.apply(escalation);
        }
    }

    private final PlantedKeys keys = new PlantedKeys();
    private final PlantedAnchors anchors = new PlantedAnchors();
    private final World w = new World(
            b -> b.slaPolicy(SlaFixtures.V1).auditTrail(new AuditSettings(keys, anchors, AuditTrailTest.KEYS)));

    /**
     * A key store that wipes each key it returned from {@code existingKey} when it hands out the next (its own
     * "clean up key material" done on the caller's copy): verification keeps a person's key for their later entries,
     * so it must hold its own copy. Before, Ina's key read for entry 1 was all zeros by the time her later note was
     * checked, and an intact chain was reported as {@code VALUE_CHANGED} there.
     */
    @Test
    void aKeyTheAdapterWipesAfterReturningItDoesNotChangeWhatVerificationChecks() {
        EscalationId id = w.active();
        w.engine.logProgress(
                INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "still down here", Visibility.CUSTOMER));
        byte[][] handedOut = {null};
        keys.existing = s -> key -> {
            synchronized (handedOut) {
                if (handedOut[0] != null) {
                    java.util.Arrays.fill(handedOut[0], (byte) 0);
                }
                handedOut[0] = key;
            }
            return key;
        };

        AuditVerification v = w.engine.operations().audit().verify(SAM, id);

        assertThat(v.problem()).isEmpty();
        assertThat(w.engine.operations().audit().trail(SAM, id).records()).hasSize((int) v.length());
    }

    /**
     * An anchor store whose latest anchor of one escalation is another escalation's of the same length: {@code anchor}
     * returned that anchor's signed head as this escalation's and recorded nothing, so the escalation was never
     * anchored, and {@code trail} showed it as this escalation's latest anchor. Now the impossible answer is {@code
     * CORRUPT_DATA} (for the trail too; verification reports it as {@code ANCHOR_SIGNATURE}) and nothing is recorded;
     * the change feed's run names the escalation as not anchored and anchors the others.
     */
    @Test
    void anAnchorOfAnotherEscalationIsCorruptDataAndNothingIsSigned() {
        EscalationId id = w.active();
        EscalationId other = w.active(w.escalatedOnNewCase("C-other"));
        w.engine.operations().audit().anchor(SAM, other);
        Anchor theirs = anchors.real.latest(other).orElseThrow();
        assertThat(w.engine.operations().audit().verify(SAM, id).length()).isEqualTo(theirs.length());
        anchors.latest = e -> e.equals(id) ? Optional.of(theirs) : anchors.real.latest(e);

        assertThatThrownBy(() -> w.engine.operations().audit().anchor(SAM, id))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(anchors.real.latest(id)).isEmpty();
        assertThatThrownBy(() -> w.engine.operations().audit().trail(SAM, id))
                .as("the trail does not show another escalation's anchor as this one's")
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(w.engine.operations().audit().verify(SAM, id).problem())
                .map(AuditVerification.Problem::reason)
                .contains(AuditVerification.Reason.ANCHOR_SIGNATURE);

        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "a note", Visibility.INTERNAL));
        w.engine.logProgress(EVE, new LogProgress(other, LogProgress.Kind.NOTE, "a note", Visibility.INTERNAL));
        AuditOperations.AnchorRun run = w.engine.operations().audit().anchorChanges(SAM, "", 100);
        assertThat(run.unanchored()).containsExactly(id);
        assertThat(anchors.real.latest(id)).isEmpty();
        assertThat(anchors.real.latest(other).orElseThrow().length()).isEqualTo(theirs.length() + 1);
    }

    /**
     * The latest anchor covers more entries than the chain has (what verification reports as {@code
     * ANCHOR_BEYOND_END}: the tail was cut off, or the anchor store answers an anchor that is not this chain's):
     * {@code anchor} signed the shorter chain, so the next verification against the real store found it intact.
     * Now it is refused with {@code CORRUPT_DATA} and nothing is signed.
     */
    @Test
    void anAnchorBeyondTheChainsEndIsCorruptDataAndNothingIsSigned() {
        EscalationId id = w.active();
        w.engine.operations().audit().anchor(SAM, id);
        Anchor mine = anchors.real.latest(id).orElseThrow();
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "a note", Visibility.INTERNAL));
        Anchor beyond = signed(new Anchor(id, mine.length() + 5, mine.head(), mine.at(), new byte[0]));
        anchors.latest = e -> e.equals(id) ? Optional.of(beyond) : anchors.real.latest(e);

        assertThatThrownBy(() -> w.engine.operations().audit().anchor(SAM, id))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(anchors.real.latest(id)).contains(mine);
        assertThat(w.engine.operations().audit().anchorChanges(SAM, "", 100).unanchored())
                .containsExactly(id);
        assertThat(anchors.real.latest(id)).contains(mine);
        assertThat(w.engine.operations().audit().verify(SAM, id).problem())
                .map(AuditVerification.Problem::reason)
                .contains(AuditVerification.Reason.ANCHOR_BEYOND_END);
    }

    /** {@code a} signed with the engine's key: an anchor the engine could have taken. */
    private static Anchor signed(Anchor a) {
        try {
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(AuditTrailTest.KEYS.getPrivate());
            s.update(AuditEncoding.anchorBytes(a.escalation(), a.length(), a.head(), a.at()));
            return new Anchor(a.escalation(), a.length(), a.head(), a.at(), s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The key store fails to shred after the store erased the person's values. The erasure is reported as not
     * finished (the retryable {@code UNAVAILABLE}), without saying that nothing was changed, which it was; given again
     * it finishes, and the chain verifies.
     */
    @Test
    void aShredThatFailsAfterTheErasureSaysSoAndTheErasureFinishesWhenGivenAgain() {
        String zoe = "zoe@partner.example";
        EscalationId id = w.active();
        w.engine.addParticipant(EVE, AddParticipant.external(id, "Zoe", zoe));
        w.engine.removeParticipant(EVE, RemoveParticipant.external(id, zoe, "done"));
        w.engine.resolve(EVE, new Resolve(id, "Index rebuilt"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(id, "no time"));
        w.engine.close(EVE, new Close(id, null));
        keys.shredFails = new UnavailableException("key vault unreachable", null);

        assertThatThrownBy(() -> w.engine.operations().erasePerson(SAM, DataSubject.external(zoe)))
                .isInstanceOfSatisfying(
                        EscalationUnavailableException.class,
                        e -> assertThat(e.getMessage())
                                .doesNotContain("nothing was changed")
                                .contains("erasePerson again")
                                .doesNotContain(zoe));

        keys.shredFails = null;
        w.engine.operations().erasePerson(SAM, DataSubject.external(zoe));
        assertThat(keys.real.existingKey(new PartyRef(Party.Kind.EXTERNAL, zoe)))
                .isEmpty();
        assertThat(w.engine.operations().audit().verify(SAM, id).problem()).isEmpty();
    }
}
