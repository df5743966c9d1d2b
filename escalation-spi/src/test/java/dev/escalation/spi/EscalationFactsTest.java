package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The facts' chain head is checked as a link's hash is: exactly 64 lower-case hexadecimal digits. */
class EscalationFactsTest {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HASH_CHAR = Pattern.compile("[0-9a-f]");
    private static final String A = "0123456789abcdef".repeat(4);

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
                if (accepts(candidate) != HASH.matcher(candidate).matches()) {
                    fail("judged %04x at %d wrongly", c, position);
                }
            }
        }
    }

    @Test
    void other_lengths_are_rejected_and_no_head_is_accepted() {
        for (int length = 0; length < 130; length++) {
            assertThat(accepts("a".repeat(length))).as("length %d", length).isEqualTo(length == 64);
        }
        assertThat(EscalationFacts.NONE.withChainHead(Optional.empty()).chainHead())
                .isEmpty();
        assertThatThrownBy(() -> EscalationFacts.NONE.withChainHead(Optional.of(A.toUpperCase(java.util.Locale.ROOT))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hash must be 64 lower-case hexadecimal digits");
        assertThatThrownBy(() -> EscalationFacts.NONE.withChainHead(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("chainHead");
    }

    private static boolean accepts(String head) {
        try {
            return EscalationFacts.NONE
                            .withChainHead(Optional.of(head))
                            .chainHead()
                            .orElseThrow()
                    == head;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
