package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.EscalationFacts;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The facts' branch-free chain-head check (the fast path, shared with {@code ChainLink}) accepts and rejects exactly
 * what the per-character comparison it replaced did: hashes, hashes with characters swapped for near misses (upper
 * case, the characters next to the digits, Latin-1 and wider characters whose low 7 bits are a digit) and other
 * lengths.
 */
class ChainHeadCheckProperties {
    /** The check as it was before the branch-free one: a comparison per character. */
    private static boolean slowAccepts(String h) {
        boolean hex = h.length() == 64;
        for (int i = 0; hex && i < 64; i++) {
            char c = h.charAt(i);
            hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        return hex;
    }

    private static boolean fastAccepts(String h) {
        try {
            EscalationFacts.NONE.withChainHead(Optional.of(h));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Property(tries = 3000)
    void the_fast_check_judges_as_the_slow_one(@ForAll("heads") String head) {
        assertThat(fastAccepts(head)).as("%s", head).isEqualTo(slowAccepts(head));
    }

    @Provide
    Arbitrary<String> heads() {
        Arbitrary<Character> hex = Arbitraries.of(
                "0123456789abcdef".chars().mapToObj(c -> (char) c).toList());
        Arbitrary<Character> nearMiss = Arbitraries.oneOf(
                Arbitraries.of('/', ':', '`', 'g', 'A', 'F', 'G', ' ', '\u0000', '\u007f'),
                Arbitraries.chars().range('\u00b0', '\u00b9'), // low 7 bits are '0'..'9'
                Arbitraries.chars().range('\u00e1', '\u00e6'), // low 7 bits are 'a'..'f'
                Arbitraries.chars().range('\u0130', '\u0139'),
                Arbitraries.chars().range('\uffe1', '\uffe6'),
                Arbitraries.chars());
        Arbitrary<String> valid = hex.list().ofSize(64).map(ChainHeadCheckProperties::join);
        Arbitrary<String> mutated = Arbitraries.integers()
                .between(0, 63)
                .flatMap(at -> nearMiss.flatMap(c -> valid.map(v -> v.substring(0, at) + c + v.substring(at + 1))));
        Arbitrary<String> otherLength = hex.list().ofMinSize(0).ofMaxSize(70).map(ChainHeadCheckProperties::join);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, valid),
                net.jqwik.api.Tuple.of(6, mutated),
                net.jqwik.api.Tuple.of(1, otherLength));
    }

    private static String join(java.util.List<Character> chars) {
        StringBuilder b = new StringBuilder(chars.size());
        chars.forEach(b::append);
        return b.toString();
    }
}
