package dev.escalation;

import static dev.escalation.World.EVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Resolve;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * The action table itself (package-private {@link Lifecycle}, injected through the builder's package-private hook).
 * Who may do which action, and when, is tested through the public API in escalation-test's
 * {@code dev.escalation.test.engine.ActionRulesTest}.
 */
class ActionRulesTest {

    @Test
    void theTableCoversEveryActionAndNobodyGetsAnActionByDefault() {
        Lifecycle table = Lifecycle.standard();
        for (Action a : Action.values()) {
            assertThat(table.row(a).who().parties()).as("who may %s", a).isNotEmpty();
        }
        // a row whose who names nobody grants nobody (there is no default that lets the manager in)
        Lifecycle nobodyResolves = new Lifecycle.Builder()
                .from(table)
                .row(Action.RESOLVE, new ActionRow.Who(EnumSet.noneOf(ActionRow.Party.class), ""))
                .build();
        World other = new World(b -> b.lifecycle(nobodyResolves));
        EscalationId id = other.active();
        assertThat(other.engine.find(EVE, id).orElseThrow().availableActions()).doesNotContain(Action.RESOLVE);
        assertThatThrownBy(() -> other.engine.resolve(EVE, new Resolve(id, "x")))
                .isInstanceOf(NotAuthorizedException.class);
        assertThat(other.stored(id).state()).isEqualTo(EscalationState.ACTIVE);
    }
}
