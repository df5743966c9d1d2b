package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The audit keys of one command ({@link AuditChain.Keys}: the first subject's key in two fields, any other in a map)
 * answer exactly as the hash map they replace: after any sequence of puts (null keys included) and rebinds, every
 * subject's key is the map's.
 */
class AuditKeysProperties {

    /** One step: put {@code key} (null: none) for subject {@code subject}, or rebind (clear) when {@code subject < 0}. */
    record Step(int subject, byte[] key) {}

    private static final List<PartyRef> SUBJECTS = List.of(
            new PartyRef(Party.Kind.CONTACT, "c-1"),
            new PartyRef(Party.Kind.STAFF, "c-1"),
            new PartyRef(Party.Kind.STAFF, "system"),
            new PartyRef(Party.Kind.CONTACT, "c-2"),
            new PartyRef(Party.Kind.EXTERNAL, "x-1"));

    private static final SubjectKeys NONE = new SubjectKeys() {
        @Override
        public byte[] keyOf(PartyRef subject) {
            return null;
        }

        @Override
        public Optional<byte[]> existingKey(PartyRef subject) {
            return Optional.empty();
        }

        @Override
        public boolean shred(PartyRef subject) {
            return false;
        }
    };

    @Property(tries = 1000)
    void keys_answer_as_a_hash_map(@ForAll("steps") List<Step> steps) {
        AuditChain.Keys keys = new AuditChain.Keys();
        Map<PartyRef, byte[]> map = new HashMap<>();
        for (Step s : steps) {
            if (s.subject() < 0) {
                keys.bind(NONE);
                map.clear();
            } else {
                // a fresh but equal subject each time: found by equality, not identity
                PartyRef p = SUBJECTS.get(s.subject());
                PartyRef subject = new PartyRef(p.kind(), new String(p.id()));
                keys.put(subject, s.key());
                map.put(subject, s.key());
            }
            for (PartyRef p : SUBJECTS) {
                assertThat(keys.of(new PartyRef(p.kind(), p.id()))).isSameAs(map.get(p));
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<byte[]> key = Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(4)
                .injectNull(0.2);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(-1, SUBJECTS.size() - 1), key)
                .as(Step::new);
        return step.list().ofMaxSize(12);
    }
}
