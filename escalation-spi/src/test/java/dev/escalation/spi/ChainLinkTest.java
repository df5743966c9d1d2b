package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The branch-free hash check accepts exactly 64 lower-case hexadecimal digits, whatever the other component is. */
class ChainLinkTest {
    private static final String A = HashCandidates.A;
    private static final String B = "fedcba9876543210".repeat(4);

    @Test
    void every_character_at_every_kind_of_position_is_judged_as_the_rule_says() {
        HashCandidates.forEach((candidate, valid) -> accepts(candidate, B) == valid
                && accepts(B, candidate) == valid
                && accepts(candidate, candidate) == valid);
    }

    @Test
    void lengths_other_than_64_and_nulls_are_rejected_with_the_component_named() {
        for (int length = 0; length < 130; length++) {
            String s = "a".repeat(length);
            assertThat(accepts(s, A)).as("length %d", length).isEqualTo(length == 64);
        }
        assertThatThrownBy(() -> new ChainLink(A, A.substring(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("previous must be 64 lower-case hexadecimal digits");
        assertThatThrownBy(() -> new ChainLink(A.toUpperCase(java.util.Locale.ROOT), A))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hash must be 64 lower-case hexadecimal digits");
        assertThatThrownBy(() -> new ChainLink(null, A))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("hash");
        assertThatThrownBy(() -> new ChainLink(A, null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("previous");
        assertThat(new ChainLink(A, B)).isEqualTo(new ChainLink(A, B));
    }

    @Test
    void a_hash_seen_before_is_accepted_again_and_other_strings_are_still_judged() {
        String seen = new String(A);
        assertThat(accepts(seen, B)).isTrue();
        assertThat(accepts(B, seen)).isTrue();
        HashCandidates.forEach((candidate, valid) ->
                accepts(seen, candidate) == valid && accepts(candidate, seen) == valid && accepts(seen, seen));
    }

    private static boolean accepts(String hash, String previous) {
        try {
            new ChainLink(hash, previous);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
