package dev.escalation.spi;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
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
}
