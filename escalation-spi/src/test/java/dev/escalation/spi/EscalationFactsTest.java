package dev.escalation.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The facts' chain head is checked as a link's hash is: exactly 64 lower-case hexadecimal digits. */
class EscalationFactsTest {
    private static final String A = HashCandidates.A;

    @Test
    void every_character_at_every_kind_of_position_is_judged_as_the_rule_says() {
        HashCandidates.forEach((candidate, valid) -> accepts(candidate) == valid);
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
