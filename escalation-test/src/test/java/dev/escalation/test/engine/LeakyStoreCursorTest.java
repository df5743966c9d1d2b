package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.C2;
import static dev.escalation.test.engine.Cast.G1;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.CursorFollowing.follow;
import static dev.escalation.test.engine.CursorFollowing.proxy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.InboxQuery;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A store that breaks its scope and answers a customer's list with every customer's escalations: the engine drops the
 * other customer's rows (README "Who sees what"), and the page's cursor, which the contact holds, names none of them
 * either. Followed page by page, the list is exactly the contact's own escalations, newest first, at every page size.
 */
class LeakyStoreCursorTest {
    private final Scenario honest = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
    private final EscalationId acmeActive = Cast.active(honest);
    private final EscalationId acmeRequested =
            escalate(INA, new EscalateCase(C2, "Slow", Cause.COMPLAINT, Criticality.LOW, null));
    private final EscalationId globex =
            escalate(GIL, new EscalateCase(G1, "Down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));

    private EscalationId escalate(Actor actor, EscalateCase command) {
        honest.after(Duration.ofMinutes(1));
        return honest.engine().escalate(actor, command).escalation();
    }

    /** The same data behind a store whose customer queries answer with the whole desk inbox, newest first. */
    private Scenario leaky() {
        EscalationStore real = honest.store();
        EscalationQueries queries = real.queries().orElseThrow();
        EscalationQueries leaking = proxy(
                EscalationQueries.class,
                queries,
                (name, args) -> name.equals("ofCustomer")
                        ? Optional.of(queries.inbox((InboxQuery) args[1], (PageRequest) args[2]))
                        : Optional.empty());
        EscalationStore store = proxy(
                EscalationStore.class,
                real,
                (name, args) -> name.equals("queries") ? Optional.of(Optional.of(leaking)) : Optional.empty());
        return Cast.world(b -> b.slaPolicy(SlaFixtures.V1), store);
    }

    @Test
    void theCursorsOfALeakyStoresPagesNameOnlyTheContactsOwnEscalations() {
        Scenario w = leaky();
        for (int size = 1; size <= 4; size++) {
            assertThat(follow(w, INA, size, globex))
                    .as("ina, pages of %d", size)
                    .containsExactly(acmeRequested, acmeActive);
            assertThat(follow(w, GIL, size, acmeActive, acmeRequested))
                    .as("gil, pages of %d", size)
                    .containsExactly(globex);
        }
    }
}
