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
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.InboxQuery;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A store that breaks its scope the other common way: it pages every customer's escalations and filters the page
 * afterwards, keeping the cursor of the last row it read. Its pages then hold only the customer's rows (some short,
 * some empty) while the cursor names another customer's escalation and its time. The contact never receives such a
 * cursor: the engine makes it of the last row it hands out, and reads on past a page of other customers' rows only.
 */
class PostFilteringStoreCursorTest {
    private final Scenario honest = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
    // newest first: acmeRequested, globex, acmeActive: GLOBEX's escalation sits between ACME's two
    private final EscalationId acmeActive = Cast.active(honest);
    private final EscalationId globex =
            escalate(GIL, new EscalateCase(G1, "Down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));
    private final EscalationId acmeRequested =
            escalate(INA, new EscalateCase(C2, "Slow", Cause.COMPLAINT, Criticality.LOW, null));

    private EscalationId escalate(Actor actor, EscalateCase command) {
        honest.after(Duration.ofMinutes(1));
        return honest.engine().escalate(actor, command).escalation();
    }

    /** The same data behind a store whose customer query pages the whole desk inbox, then drops other customers. */
    private Scenario postFiltering() {
        EscalationStore real = honest.store();
        EscalationQueries queries = real.queries().orElseThrow();
        EscalationQueries filtering = proxy(EscalationQueries.class, queries, (method, args) -> {
            if (!method.equals("ofCustomer")) {
                return Optional.empty();
            }
            CustomerId customer = (CustomerId) args[0];
            Page<EscalationSummary> all = queries.inbox((InboxQuery) args[1], (PageRequest) args[2]);
            List<EscalationSummary> kept = all.items().stream()
                    .filter(s -> s.customer().equals(customer))
                    .toList();
            return Optional.of(new Page<>(kept, all.next()));
        });
        EscalationStore store = proxy(
                EscalationStore.class,
                real,
                (method, args) -> method.equals("queries") ? Optional.of(Optional.of(filtering)) : Optional.empty());
        return Cast.world(b -> b.slaPolicy(SlaFixtures.V1), store);
    }

    @Test
    void noCursorOfAPostFilteringStoreNamesAnotherCustomersEscalation() {
        Scenario w = postFiltering();
        for (int size = 1; size <= 4; size++) {
            assertThat(follow(w, INA, size, globex))
                    .as("ina, pages of %d", size)
                    .containsExactly(acmeRequested, acmeActive);
            assertThat(follow(w, GIL, size, acmeRequested, acmeActive))
                    .as("gil, pages of %d", size)
                    .containsExactly(globex);
        }
    }
}
