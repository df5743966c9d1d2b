package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The branch-free hash check accepts exactly 64 lower-case hexadecimal digits, whatever the other component is. */
class ChainLinkTest {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HASH_CHAR = Pattern.compile("[0-9a-f]");
    private static final String A = "0123456789abcdef".repeat(4);
    private static final String B = "fedcba9876543210".repeat(4);

    @Test
    void every_character_at_every_kind_of_position_is_judged_as_the_rule_says() {
        for (int position : new int[] {0, 1, 31, 62, 63}) {
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                if (c >= 0x180
                        && !HASH_CHAR.matcher(String.valueOf((char) (c & 0x7F))).matches()) {
                    continue; // beyond Latin-1, only the characters whose low 7 bits are a digit could fool the table
                }
                char[] chars = A.toCharArray();
                chars[position] = (char) c;
                String candidate = new String(chars);
                boolean valid = HASH.matcher(candidate).matches();
                if (accepts(candidate, B) != valid
                        || accepts(B, candidate) != valid
                        || accepts(candidate, candidate) != valid) {
                    fail("judged %04x at %d wrongly (valid: %s)", c, position, valid);
                }
            }
        }
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

    private static boolean accepts(String hash, String previous) {
        try {
            new ChainLink(hash, previous);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
