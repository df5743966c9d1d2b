package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationState;
import org.junit.jupiter.api.Test;

/**
 * The varargs filters of {@link DeskQuery} and {@link CustomerQuery} name a {@code null} array or element as the
 * records name a list's ({@code "customers[1]"}), and a refused call leaves the query it was called on as it was.
 * Before, {@code customers(a, null)} threw {@code Set.of}'s {@link NullPointerException} without a message, and the
 * others named the element's type ({@code "state"}) but not the array or the position.
 */
class QueryNullElementsTest {
    private static final CustomerId ACME = CustomerId.of("acme");

    @Test
    void aDeskFilterNamesTheNullElementAndItsPosition() {
        DeskQuery q = DeskQuery.open().customers(ACME);
        assertThatNullPointerException()
                .isThrownBy(() -> q.customers(ACME, null))
                .withMessage("customers[1]");
        assertThatNullPointerException()
                .isThrownBy(() -> q.states(EscalationState.ACTIVE, EscalationState.REQUESTED, null))
                .withMessage("states[2]");
        assertThatNullPointerException()
                .isThrownBy(() -> q.criticality((Criticality) null))
                .withMessage("criticality[0]");
        assertThat(q).as("the query called on").isEqualTo(DeskQuery.open().customers(ACME));
    }

    @Test
    void aDeskFilterNamesANullArray() {
        assertThatNullPointerException()
                .isThrownBy(() -> DeskQuery.open().customers((CustomerId[]) null))
                .withMessage("customers");
        assertThatNullPointerException()
                .isThrownBy(() -> DeskQuery.open().states((EscalationState[]) null))
                .withMessage("states");
        assertThatNullPointerException()
                .isThrownBy(() -> DeskQuery.open().criticality((Criticality[]) null))
                .withMessage("criticality");
    }

    @Test
    void aContactsStateFilterNamesTheNullElementAndItsPosition() {
        assertThatNullPointerException()
                .isThrownBy(() -> CustomerQuery.open().states(EscalationState.ACTIVE, null))
                .withMessage("states[1]");
        assertThatNullPointerException()
                .isThrownBy(() -> CustomerQuery.open().states((EscalationState[]) null))
                .withMessage("states");
    }

    @Test
    void repeatedCustomersAreOneFilter() {
        assertThat(DeskQuery.open().customers(ACME, CustomerId.of("globex"), ACME))
                .isEqualTo(DeskQuery.open().customers(CustomerId.of("globex"), ACME));
    }
}
