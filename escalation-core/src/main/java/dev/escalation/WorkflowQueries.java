package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.Capability;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.Touchpoint;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The engine's read model: the customer's filtered list, the open escalation of a case, the desk inbox and its facet
 * counts, answered by the store's {@link EscalationQueries} (capability {@link Capability#QUERIES}). Each is
 * authorised; a contact's results are re-checked to be their own customer's. Without the capability only
 * {@link CustomerQuery#all()} is answered (by the store's plain list); everything else is refused with
 * {@link UnsupportedQueryException}.
 */
final class WorkflowQueries {
    private final Workflow w;

    WorkflowQueries(Workflow w) {
        this.w = w;
    }

    Page<EscalationSummary> ofCustomer(Actor actor, CustomerQuery query, PageRequest page) {
        CustomerId customer = contactCustomer(actor);
        Function<PageRequest, Page<EscalationSummary>> read;
        if (!query.isFiltered()) {
            read = p -> w.store.listForCustomer(customer, p);
        } else {
            InboxQuery q = customerQuery(query);
            EscalationQueries queries = queries();
            read = p -> queries.ofCustomer(customer, q, p);
        }
        Page<EscalationSummary> own = ScopedPages.read(
                "customer list",
                page,
                read,
                s -> s.customer().equals(customer),
                s -> new PageCursor(s.raisedAt(), s.id().value()));
        return own.map(this::forContact);
    }

    /**
     * A summary as a contact may see it: without a next deadline of a kind that {@code deadlines} hides from contacts
     * ({@link dev.escalation.sla.SlaPolicy#isCustomerVisible}, by the escalation's policy version; a plan's next
     * meeting without one). A summary does not name its version: when the registered versions disagree on the kind,
     * the escalation is read for it.
     */
    private EscalationSummary forContact(EscalationSummary s) {
        if (s.nextDeadline().isEmpty()) {
            return s;
        }
        DueKind kind = s.nextDeadline().get().kind();
        SlaClock sla = w.planner.sla();
        boolean shown = false;
        boolean hidden = false;
        for (PolicyRef ref : sla.known()) {
            if (sla.policy(ref).map(x -> x.isCustomerVisible(kind)).orElse(false)) {
                shown = true;
            } else {
                hidden = true;
            }
        }
        if (!hidden || (shown && shownByOwnVersion(s, kind, sla))) {
            return s; // no version registered: only a plan's next meeting, which contacts see, has a deadline
        }
        return new EscalationSummary(
                s.id(),
                s.version(),
                s.customer(),
                s.caseId(),
                s.state(),
                s.cause(),
                s.criticality(),
                s.raisedBy(),
                s.raisedAt(),
                s.updatedAt(),
                s.manager(),
                Optional.empty(),
                s.nextMeetingAt(),
                s.pausedSince(),
                s.ticketReference(),
                s.hotline());
    }

    /** Whether the escalation's own policy version shows contacts {@code kind} (unknown or gone: no). */
    private boolean shownByOwnVersion(EscalationSummary s, DueKind kind, SlaClock sla) {
        Optional<StoredEscalation> r = Workflow.call(() -> w.store.findForCustomer(s.customer(), s.id()));
        try {
            return r.isPresent()
                    && sla.policyOf(SlaSubject.of(r.get()))
                            .map(x -> x.isCustomerVisible(kind))
                            .orElse(kind == DueKind.NEXT_MEETING);
        } catch (UnknownPolicyException e) {
            return false;
        }
    }

    Optional<EscalationSummary> openOfCase(Actor actor, CaseId caseId) {
        Principal p = w.resolve(actor);
        if (!p.isContact() && p.staff().isEmpty()) {
            throw new NotAuthorizedException(
                    actor,
                    null,
                    null,
                    NotAuthorizedException.Reason.NOT_PARTY,
                    actor + " is neither a customer contact nor vendor staff");
        }
        InboxQuery open = customerQuery(CustomerQuery.open().caseId(caseId));
        PageRequest one = PageRequest.first(1);
        EscalationQueries queries = queries();
        Page<EscalationSummary> found;
        Optional<CustomerId> tenant = p.contact().map(Touchpoint::customer);
        if (tenant.isPresent()) {
            CustomerId customer = tenant.get();
            found = Workflow.call(() -> queries.ofCustomer(customer, open, one));
        } else {
            found = Workflow.call(() -> queries.inbox(open, one));
        }
        return found.items().stream()
                .filter(s -> s.caseId().equals(caseId) && s.state().isOpen())
                .filter(s -> tenant.isEmpty() || s.customer().equals(tenant.get())) // a store that broke its scope
                .map(s -> tenant.isPresent() ? forContact(s) : s)
                .findFirst();
    }

    Page<EscalationSummary> inbox(Actor actor, DeskQuery query, PageRequest page) {
        InboxQuery q = deskQuery(actor, query);
        EscalationQueries queries = queries();
        return StoreRows.movedOn("the desk query", page, Workflow.call(() -> queries.inbox(q, page)));
    }

    /** Staff only; judged at the engine's clock; a store whose facet keeps the default is refused like no facet. */
    Page<EscalationSummary> overdue(Actor actor, PageRequest page) {
        staff(actor);
        EscalationQueries queries = queries();
        java.time.Instant now = w.clock.instant();
        try {
            return StoreRows.movedOn("the overdue query", page, Workflow.call(() -> queries.overdue(now, page)));
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedQueryException("the store's queries do not answer the overdue query");
        }
    }

    Map<DeskQuery.Facet, Map<String, Long>> counts(Actor actor, DeskQuery query, Set<DeskQuery.Facet> facets) {
        InboxQuery q = deskQuery(actor, query);
        EscalationQueries queries = queries();
        Set<InboxQuery.Facet> asked = EnumSet.noneOf(InboxQuery.Facet.class);
        facets.forEach(f -> asked.add(InboxQuery.Facet.valueOf(f.name())));
        Map<InboxQuery.Facet, Map<String, Long>> counted =
                asked.isEmpty() ? Map.of() : Workflow.call(() -> queries.counts(q, asked));
        // the facets in declaration order, each one's values in key order: the same on every store and every run
        Map<DeskQuery.Facet, Map<String, Long>> result = new EnumMap<>(DeskQuery.Facet.class);
        for (DeskQuery.Facet f : facets) {
            Map<String, Long> values = new TreeMap<>();
            counted.getOrDefault(InboxQuery.Facet.valueOf(f.name()), Map.of())
                    .forEach((k, v) -> values.put(requireNonNull(k, "value"), requireNonNull(v, "count")));
            result.put(f, Collections.unmodifiableMap(values));
        }
        return Collections.unmodifiableMap(result);
    }

    private Principal staff(Actor actor) {
        return w.staff(actor, null, "this query");
    }

    private CustomerId contactCustomer(Actor actor) {
        Principal p = w.resolve(actor);
        if (!p.isContact()) {
            throw new NotAuthorizedException(
                    actor,
                    null,
                    null,
                    NotAuthorizedException.Reason.NOT_CONTACT,
                    actor + " is not a customer contact; use the desk inbox");
        }
        return p.contact().get().customer();
    }

    /** Staff only; "mine" becomes the caller's staff id, "breached" is judged at the engine's clock. */
    private InboxQuery deskQuery(Actor actor, DeskQuery d) {
        Principal p = staff(actor);
        return new InboxQuery(
                d.states(),
                d.criticality(),
                d.customers(),
                d.isMine() ? p.staff().map(s -> s.id()) : d.manager(),
                d.breached(),
                d.paused(),
                d.caseId(),
                d.openOnly(),
                InboxQuery.Sort.valueOf(d.sort().name()),
                w.clock.instant());
    }

    private InboxQuery customerQuery(CustomerQuery c) {
        return new InboxQuery(
                c.states(),
                Set.of(),
                Set.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                c.caseId(),
                c.openOnly(),
                InboxQuery.Sort.RAISED_DESC,
                w.clock.instant());
    }

    private EscalationQueries queries() {
        Optional<EscalationQueries> q =
                w.store.capabilities().has(Capability.QUERIES) ? w.store.queries() : Optional.empty();
        return q.orElseThrow(() -> new UnsupportedQueryException(
                "the store does not declare the QUERIES capability; only the plain lists are available"));
    }
}
