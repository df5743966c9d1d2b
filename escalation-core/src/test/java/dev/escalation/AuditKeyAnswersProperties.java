package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.AddParticipant;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.PartyRef;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A {@code SubjectKeys} port that answers a key that is not one ({@value dev.escalation.spi.SubjectKeys#KEY_BYTES}
 * random bytes): empty, shorter, longer, or 32 zero bytes. No HMAC is ever computed under it: a command is refused
 * with the non-retryable {@code CORRUPT_DATA} and changes nothing (keys read before the unit of work or inside the
 * store's transaction, SPI v2); verification reports the first entry that holds a value under that key as {@code
 * UNREADABLE}, and the trail is {@code CORRUPT_DATA}. A {@code null} answer stays the retryable {@code UNAVAILABLE}.
 * Before, an empty key escaped as the JDK's {@code IllegalArgumentException}, and every other length was taken: the
 * commitments were stored under it, and verification reported {@code VALUE_CHANGED} or found the chain intact (HMAC
 * pads a key shorter than its block with zeros, so 33 bytes ending in a zero are the 32 before them).
 */
class AuditKeyAnswersProperties {

    /** A planted answer in place of the real key: null, or {@code length} bytes, all zero or not. */
    record Answer(int length, boolean zero, boolean none) {
        boolean isAKey() {
            return !none && !zero && length == dev.escalation.spi.SubjectKeys.KEY_BYTES;
        }

        byte[] apply(byte[] real) {
            if (none) {
                return null;
            }
            byte[] out = new byte[length];
            if (!zero) {
                for (int i = 0; i < length; i++) {
                    out[i] = i < real.length ? real[i] : (byte) (0x5A + i); // not the zero padding HMAC would add
                }
                if (length > 0 && Arrays.equals(out, new byte[length])) {
                    out[0] = 1;
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return none ? "null" : (zero ? "zero " : "") + length + " bytes";
        }
    }

    @Provide
    Arbitrary<Answer> answers() {
        Arbitrary<Answer> bytes = Arbitraries.integers()
                .between(0, 64)
                .flatMap(n -> Arbitraries.of(true, false).map(z -> new Answer(n, z, false)));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Answer(0, false, true))),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Answer(32, false, false))),
                net.jqwik.api.Tuple.of(20, bytes));
    }

    private static String outcome(Supplier<?> call) {
        try {
            call.get();
            return "done";
        } catch (EscalationException e) {
            return e.code();
        } catch (RuntimeException e) {
            return "raw " + e.getClass().getName();
        }
    }

    private static World world(
            AuditPortAnswersTest.PlantedKeys keys, boolean keysInStore, InMemoryEscalationStore memory) {
        AuditSettings audit =
                new AuditSettings(keys, new dev.escalation.inmemory.InMemoryAuditAnchors(), AuditTrailTest.KEYS);
        return new World(b -> b.auditTrail(audit), new RecordingStore(memory, keysInStore ? keys : null));
    }

    private static List<String> stored(InMemoryEscalationStore memory, EscalationId id) {
        List<String> out = new java.util.ArrayList<>();
        memory.entriesForVendor(id, 0, 500).forEach(e -> out.add(e.toString()));
        memory.listForCustomer(dev.escalation.model.CustomerId.of("acme"), dev.escalation.model.PageRequest.first(10))
                .items()
                .forEach(e -> out.add(e.id() + " v" + e.version()));
        return out;
    }

    @Property(tries = 160)
    void a_command_takes_only_a_key_for_a_key(@ForAll("answers") Answer answer, @ForAll boolean keysInStore) {
        AuditPortAnswersTest.PlantedKeys keys = new AuditPortAnswersTest.PlantedKeys();
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        World w = world(keys, keysInStore, memory);
        EscalationId id = w.active();
        List<String> before = stored(memory, id);
        keys.keyOf = answer::apply;
        String expected = answer.isAKey() ? "done" : answer.none ? "UNAVAILABLE" : "CORRUPT_DATA";

        assertThat(outcome(() -> w.engine.logProgress(
                        EVE, new LogProgress(id, LogProgress.Kind.NOTE, "a note", Visibility.INTERNAL))))
                .as("logProgress with a key of %s", answer)
                .isEqualTo(expected);
        assertThat(outcome(() -> w.engine.addParticipant(EVE, AddParticipant.external(id, "Zoe", "zoe@x.example"))))
                .as("adding an external participant with a key of %s", answer)
                .isEqualTo(expected);
        assertThat(outcome(() -> w.engine.escalate(
                        World.INA,
                        new EscalateCase(World.C2, "Slow again", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))))
                .as("escalate with a key of %s", answer)
                .isEqualTo(expected);
        if (!answer.isAKey()) {
            assertThat(stored(memory, id))
                    .as("the log and escalations after commands refused for a key of %s", answer)
                    .isEqualTo(before);
        }
        keys.keyOf = UnaryOperator.identity();
        assertThat(w.engine.operations().audit().verify(SAM, id).problem()).isEmpty();
    }

    @Property(tries = 140)
    void verification_takes_only_a_key_for_a_key(@ForAll("answers") Answer answer) {
        AuditPortAnswersTest.PlantedKeys keys = new AuditPortAnswersTest.PlantedKeys();
        World w = world(keys, false, new InMemoryEscalationStore());
        EscalationId id = w.active(); // 1 ESCALATED by Ina, 2 ACKNOWLEDGED by Sam, 3 PLAN_AGREED by Eve
        PartyRef sam = new PartyRef(Party.Kind.STAFF, "sam");
        keys.existing = s -> s.equals(sam) ? answer::apply : UnaryOperator.identity();

        String verified;
        try {
            AuditVerification v = w.engine.operations().audit().verify(SAM, id);
            verified = v.problem().map(p -> p.reason() + "@" + p.sequence()).orElse("intact");
        } catch (EscalationException e) {
            verified = e.code();
        } catch (RuntimeException e) {
            verified = "raw " + e.getClass().getName();
        }
        String trail = outcome(() -> w.engine.operations().audit().trail(SAM, id));

        if (answer.isAKey()) {
            assertThat(verified).isEqualTo("intact");
            assertThat(trail).isEqualTo("done");
        } else if (answer.none) {
            assertThat(verified).isEqualTo("UNAVAILABLE");
            assertThat(trail).isEqualTo("UNAVAILABLE");
        } else {
            assertThat(verified).as("verify with Sam's key of %s", answer).isEqualTo("UNREADABLE@2");
            assertThat(trail).as("trail with Sam's key of %s", answer).isEqualTo("CORRUPT_DATA");
        }
    }
}
