package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Filters and sort of an {@link EscalationQueries} query. An empty set or an empty optional means "any".
 *
 * @param states      states to include
 * @param criticality criticalities to include
 * @param customers   customers to include
 * @param manager     only escalations of this Escalation Manager ("mine")
 * @param breached    only breached ({@code true}) or only not breached ({@code false}) at {@link #now()}
 * @param paused      only paused or only running SLA clocks
 * @param caseId      only escalations of this case
 * @param openOnly    only open escalations (not closed or withdrawn)
 * @param sort        the order
 * @param now         the instant "breached" is judged at (engine clock)
 */
public record InboxQuery(
        Set<EscalationState> states,
        Set<Criticality> criticality,
        Set<CustomerId> customers,
        Optional<StaffId> manager,
        Optional<Boolean> breached,
        Optional<Boolean> paused,
        Optional<CaseId> caseId,
        boolean openOnly,
        Sort sort,
        Instant now) {

    /** Orders of a query; ties are broken by the escalation id in the same direction. */
    public enum Sort {
        /** Earliest next deadline first; escalations without one last. */
        NEXT_DEADLINE_ASC,
        /** Latest next deadline first; escalations without one last. */
        NEXT_DEADLINE_DESC,
        /** Oldest first. */
        RAISED_ASC,
        /** Newest first. */
        RAISED_DESC
    }

    /** What {@link EscalationQueries#counts} can count by. */
    public enum Facet {
        /** By state. */
        STATE,
        /** By criticality. */
        CRITICALITY,
        /** By customer id. */
        CUSTOMER,
        /** By manager id (escalations without a manager are left out). */
        MANAGER,
        /** Breached or not at {@code now}. */
        BREACHED,
        /** Paused or not. */
        PAUSED
    }

    /**
     * Validates and copies the components.
     *
     * @param states states to include
     * @param criticality criticalities to include
     * @param customers customers to include
     * @param manager only escalations of this Escalation Manager ("mine")
     * @param breached only breached ({@code true}) or only not breached ({@code false}) at {@link #now()}
     * @param paused only paused or only running SLA clocks
     * @param caseId only escalations of this case
     * @param openOnly only open escalations (not closed or withdrawn)
     * @param sort the order
     * @param now the instant "breached" is judged at (engine clock)
     * @throws NullPointerException if a component is null
     */
    public InboxQuery {
        states = Copies.set(states, "states");
        criticality = Copies.set(criticality, "criticality");
        customers = Copies.set(customers, "customers");
        requireNonNull(manager, "manager");
        requireNonNull(breached, "breached");
        requireNonNull(paused, "paused");
        requireNonNull(caseId, "caseId");
        requireNonNull(sort, "sort");
        requireNonNull(now, "now");
    }

    /**
     * A query without filters.
     *
     * @param sort the order
     * @param now  the instant "breached" is judged at
     * @return the query
     */
    public static InboxQuery all(Sort sort, Instant now) {
        return new InboxQuery(
                Set.of(),
                Set.of(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                sort,
                now);
    }
}
