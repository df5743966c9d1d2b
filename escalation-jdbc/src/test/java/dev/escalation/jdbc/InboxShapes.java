package dev.escalation.jdbc;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import dev.escalation.spi.InboxQuery;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The desk's inbox filters as a plan test names them: every filter unset but those a shape sets (test helper). */
final class InboxShapes {
    static final InboxQuery.Sort DEADLINE = InboxQuery.Sort.NEXT_DEADLINE_ASC;
    static final InboxQuery.Sort RAISED_DESC = InboxQuery.Sort.RAISED_DESC;

    private InboxShapes() {}

    /** The query of the filters {@code filters} sets, sorted by {@code sort}, at {@code now}. */
    static InboxQuery query(Consumer<Q> filters, InboxQuery.Sort sort, Instant now) {
        Q q = new Q();
        filters.accept(q);
        return new InboxQuery(
                q.states, q.criticality, q.customers, q.manager, q.breached, q.paused, q.caseId, q.openOnly, sort, now);
    }

    /** Mutable filters of a shape. */
    static final class Q {
        Set<EscalationState> states = Set.of();
        Set<Criticality> criticality = Set.of();
        Set<CustomerId> customers = Set.of();
        Optional<StaffId> manager = Optional.empty();
        Optional<Boolean> breached = Optional.empty();
        Optional<Boolean> paused = Optional.empty();
        Optional<CaseId> caseId = Optional.empty();
        boolean openOnly;
    }
}
