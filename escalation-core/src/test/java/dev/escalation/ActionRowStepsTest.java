package dev.escalation;

import static dev.escalation.model.EscalationState.ACTIVE;
import static dev.escalation.model.EscalationState.CLOSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.command.Resolve;
import dev.escalation.model.EscalationId;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The rows of the action table carry the bodies ({@link ActionRow.Steps}): every action but {@code ESCALATE} has
 * steps, one per command type the engine takes, and tables built from the standard one keep them.
 */
class ActionRowStepsTest {

    private final Lifecycle standard = Lifecycle.standard();

    @Test
    void everyRowButTheCreatingOnesCarriesItsSteps() {
        for (Action a : Action.values()) {
            if (a == Action.ESCALATE || a == Action.ESCALATE_ON_BEHALF) {
                assertThat(standard.row(a).steps()).as("steps of %s", a).isNull();
            } else {
                assertThat(standard.row(a).steps()).as("steps of %s", a).isNotNull();
            }
        }
    }

    @Test
    void eachCommandOfTheEngineHasExactlyOneRow() {
        Set<Class<?>> handled = new HashSet<>();
        for (Action a : EnumSet.complementOf(EnumSet.of(Action.ESCALATE, Action.ESCALATE_ON_BEHALF))) {
            assertThat(handled.add(standard.row(a).steps().command()))
                    .as("%s handles a command type of its own", a)
                    .isTrue();
        }
        for (Method m : EscalationEngine.class.getDeclaredMethods()) {
            Class<?>[] types = m.getParameterTypes();
            if (Modifier.isPublic(m.getModifiers())
                    && types.length == 2
                    && types[0] == Actor.class
                    && types[1].getPackageName().equals("dev.escalation.command")
                    && types[1] != EscalateCase.class
                    && types[1] != EscalateOnBehalf.class) {
                assertThat(handled).as("a row runs %s", m.getName()).contains(types[1]);
            }
        }
    }

    @Test
    void aTableBuiltFromTheStandardOneKeepsTheSteps() {
        Lifecycle wrong = new Lifecycle.Builder()
                .from(standard)
                .on(Action.RESOLVE, ACTIVE, CLOSED)
                .row(Action.REOPEN, ActionRow.Who.of(ActionRow.Party.SUPPORT_MANAGEMENT))
                .build();
        for (Action a : Action.values()) {
            assertThat(wrong.row(a).steps())
                    .as("steps of %s", a)
                    .isSameAs(standard.row(a).steps());
        }
        assertThat(wrong.row(Action.RESOLVE).transitions()).containsEntry(ACTIVE, CLOSED);
        assertThat(wrong.row(Action.REOPEN).who())
                .isNotEqualTo(standard.row(Action.REOPEN).who());
    }

    @Test
    void aRowRunsOnlyTheCommandItIsTypedFor() {
        Resolve resolve = new Resolve(EscalationId.of("E-1"), "fixed");
        assertThat(standard.rowFor(Action.RESOLVE, resolve).steps().command()).isEqualTo(Resolve.class);
        assertThatThrownBy(() -> standard.rowFor(Action.REOPEN, resolve))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("REOPEN");
        assertThatThrownBy(() -> standard.rowFor(Action.ESCALATE, resolve))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ESCALATE");
    }
}
