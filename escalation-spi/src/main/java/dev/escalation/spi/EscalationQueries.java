package dev.escalation.spi;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Desk and portal queries over escalations: filters, sorting, facet counts and keyset paging. An optional capability
 * of an {@link EscalationStore} ({@link Capability#QUERIES}); the contract kit compares its answers with a plain
 * filter over every stored escalation.
 *
 * <p>Keyset paging: following the cursors returns every matching escalation exactly once while nothing changes, and
 * an escalation that does not change between two pages is neither repeated nor skipped while others change.
 * Thread-safe.
 */
public interface EscalationQueries {

    /**
     * The support desk's inbox across customers. <b>Vendor-scoped.</b>
     *
     * @param query filters and sort
     * @param page  which page
     * @return the page
     */
    Page<EscalationSummary> inbox(InboxQuery query, PageRequest page);

    /**
     * Counts the escalations matching {@code query} per value of each facet, as if that facet's own filter were
     * not set (the usual facet-badge semantics). <b>Vendor-scoped.</b>
     *
     * @param query  filters (its sort is ignored)
     * @param facets which facets to count
     * @return per facet, the count per value (the value's {@code name()}, or the id's {@code value()}, or
     *     {@code "true"}/{@code "false"}); values with no match are left out
     */
    Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery query, Set<InboxQuery.Facet> facets);

    /**
     * One customer's escalations, with filters.
     *
     * @param customer the tenant; no other customer's escalation is ever returned
     * @param query    filters and sort (its customer, manager, breached and paused filters are ignored)
     * @param page     which page
     * @return the page
     */
    Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page);

    /**
     * The overdue escalations: those whose {@link EscalationSummary#overdueSince()} is not after {@code now} (a
     * deadline breached, or a meeting of the agreed plan not held in time), most overdue first (ascending by
     * {@code overdueSince}, then by id), keyset-paged with cursors ({@code overdueSince}, id). The answer depends
     * only on the stored escalations, never on due work: processing due items does not change it; a write that meets
     * the deadline or records the meeting does. <b>Vendor-scoped.</b>
     *
     * <p>Stores must answer it from an index on {@code overdueSince}, not by visiting every escalation (the in-memory
     * store visits at most the page and a logarithmic search; JDBC reads the {@code overdue_since} column's index).
     * Added in the read-model release with a default that throws; every store declaring {@link Capability#QUERIES}
     * is expected to implement it (kit rule Q5).
     *
     * @param now  the instant "overdue" is judged at (engine clock)
     * @param page which page; cursors are those of earlier pages of this query
     * @return the page
     * @throws UnsupportedOperationException if the store does not implement it (the default)
     */
    default Page<EscalationSummary> overdue(Instant now, PageRequest page) {
        throw new UnsupportedOperationException("this store's queries do not answer overdue(now, page)");
    }
}
