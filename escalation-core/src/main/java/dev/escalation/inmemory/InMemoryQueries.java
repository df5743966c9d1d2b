package dev.escalation.inmemory;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.InboxQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The desk queries of {@link InMemoryEscalationStore}: a filter over every escalation, sorted, then keyset-paged. The
 * reference answer the contract kit and the JDBC store are compared with; it visits every escalation per query, except
 * {@link #overdue}, which walks a sorted index.
 */
final class InMemoryQueries implements EscalationQueries {

    private final StoreState state;

    InMemoryQueries(StoreState state) {
        this.state = state;
    }

    @Override
    public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        return page(matching(query, null), query, page);
    }

    /** Answered by the {@link OverdueIndex} of the store's {@link Listings}: never a scan of every escalation. */
    @Override
    public Page<EscalationSummary> overdue(Instant now, PageRequest page) {
        return state.listings.overdue(now, page);
    }

    @Override
    public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        InboxQuery own = new InboxQuery(
                query.states(),
                query.criticality(),
                Set.of(customer),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                query.caseId(),
                query.openOnly(),
                query.sort(),
                query.now());
        return page(matching(own, null), own, page);
    }

    @Override
    public Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery query, Set<InboxQuery.Facet> facets) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(facets, "facets");
        Map<InboxQuery.Facet, Map<String, Long>> result = new EnumMap<>(InboxQuery.Facet.class);
        for (InboxQuery.Facet facet : facets) {
            Map<String, Long> counts = new TreeMap<>();
            for (EscalationSummary s : matching(query, facet)) {
                valueOf(facet, s, query.now()).ifPresent(v -> counts.merge(v, 1L, Long::sum));
            }
            result.put(facet, Map.copyOf(counts));
        }
        return result;
    }

    static Optional<String> valueOf(InboxQuery.Facet facet, EscalationSummary s, Instant now) {
        return switch (facet) {
            case STATE -> Optional.of(s.state().name());
            case CRITICALITY -> Optional.of(s.criticality().name());
            case CUSTOMER -> Optional.of(s.customer().value());
            case MANAGER -> s.manager().map(m -> m.value());
            case BREACHED -> Optional.of(Boolean.toString(s.breachedAt(now)));
            case PAUSED -> Optional.of(Boolean.toString(s.pausedSince().isPresent()));
        };
    }

    /** The summaries matching {@code q}, leaving out the filter of {@code unset} (for facet counts). */
    private List<EscalationSummary> matching(InboxQuery q, InboxQuery.Facet unset) {
        Predicate<EscalationSummary> p = s -> true;
        if (!q.states().isEmpty() && unset != InboxQuery.Facet.STATE) {
            p = p.and(s -> q.states().contains(s.state()));
        }
        if (!q.criticality().isEmpty() && unset != InboxQuery.Facet.CRITICALITY) {
            p = p.and(s -> q.criticality().contains(s.criticality()));
        }
        if (!q.customers().isEmpty() && unset != InboxQuery.Facet.CUSTOMER) {
            p = p.and(s -> q.customers().contains(s.customer()));
        }
        if (q.manager().isPresent() && unset != InboxQuery.Facet.MANAGER) {
            p = p.and(s -> s.manager().equals(q.manager()));
        }
        if (q.breached().isPresent() && unset != InboxQuery.Facet.BREACHED) {
            p = p.and(s -> s.breachedAt(q.now()) == q.breached().get());
        }
        if (q.paused().isPresent() && unset != InboxQuery.Facet.PAUSED) {
            p = p.and(s -> s.pausedSince().isPresent() == q.paused().get());
        }
        if (q.caseId().isPresent()) {
            p = p.and(s -> s.caseId().equals(q.caseId().get()));
        }
        if (q.openOnly()) {
            p = p.and(s -> s.state().isOpen());
        }
        List<EscalationSummary> result = new ArrayList<>();
        for (var e : state.snapshot()) {
            EscalationSummary s = e.summary();
            if (p.test(s)) {
                result.add(s);
            }
        }
        return result;
    }

    /** The instant a summary sorts by: its next deadline (none: {@link Instant#MAX}) or the time it was raised. */
    static Instant sortInstant(EscalationSummary s, InboxQuery.Sort sort) {
        return switch (sort) {
            case NEXT_DEADLINE_ASC, NEXT_DEADLINE_DESC ->
                s.nextDeadline().map(d -> d.at()).orElse(Instant.MAX);
            case RAISED_ASC, RAISED_DESC -> s.raisedAt();
        };
    }

    /**
     * The order of a sort: ascending or descending by (instant, id), except that escalations without a deadline
     * come last in both deadline orders.
     */
    static Comparator<EscalationSummary> comparator(InboxQuery.Sort sort) {
        Comparator<EscalationSummary> byKey = Comparator.comparing((EscalationSummary s) -> sortInstant(s, sort))
                .thenComparing(s -> s.id().value());
        return switch (sort) {
            case NEXT_DEADLINE_ASC, RAISED_ASC -> byKey;
            case RAISED_DESC -> byKey.reversed();
            case NEXT_DEADLINE_DESC ->
                Comparator.comparing((EscalationSummary s) -> s.nextDeadline().isEmpty())
                        .thenComparing(byKey.reversed());
        };
    }

    private static Page<EscalationSummary> page(List<EscalationSummary> all, InboxQuery q, PageRequest page) {
        Comparator<EscalationSummary> order = comparator(q.sort());
        all.sort(order);
        List<EscalationSummary> items = new ArrayList<>(page.size());
        boolean more = false;
        for (EscalationSummary s : all) {
            if (page.after().isPresent() && !isAfter(s, page.after().get(), q.sort())) {
                continue;
            }
            if (items.size() == page.size()) {
                more = true;
                break;
            }
            items.add(s);
        }
        Optional<PageCursor> next =
                more ? Optional.of(cursorOf(items.get(items.size() - 1), q.sort())) : Optional.empty();
        return new Page<>(items, next);
    }

    static PageCursor cursorOf(EscalationSummary s, InboxQuery.Sort sort) {
        return new PageCursor(sortInstant(s, sort), s.id().value());
    }

    /** Whether {@code s} comes strictly after the cursor in the sort's order. */
    static boolean isAfter(EscalationSummary s, PageCursor cursor, InboxQuery.Sort sort) {
        Instant at = sortInstant(s, sort);
        int c = at.compareTo(cursor.at());
        int byId = s.id().value().compareTo(cursor.id());
        return switch (sort) {
            case NEXT_DEADLINE_ASC, RAISED_ASC -> c > 0 || (c == 0 && byId > 0);
            case RAISED_DESC -> c < 0 || (c == 0 && byId < 0);
            case NEXT_DEADLINE_DESC -> {
                boolean sNone = at.equals(Instant.MAX);
                boolean cNone = cursor.at().equals(Instant.MAX);
                if (sNone != cNone) {
                    yield sNone; // deadline-less ones come after every dated one
                }
                yield c < 0 || (c == 0 && byId < 0);
            }
        };
    }
}
