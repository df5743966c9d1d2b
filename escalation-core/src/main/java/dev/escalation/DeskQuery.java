package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A support-desk inbox query ({@link EscalationOperations#inbox(Actor, DeskQuery, dev.escalation.model.PageRequest)}
 * and {@link EscalationOperations#inboxCounts}): filters by state, criticality, customer, manager ("mine"), breached,
 * paused and case, and a sort. Immutable; each method returns a new query, for example
 * {@code DeskQuery.open().criticality(Criticality.CRITICAL).mine().sortBy(DeskQuery.Sort.NEXT_DEADLINE_ASC)}.
 * Unset filters mean "any". "Breached" is judged at the engine's clock when the query runs; "mine" is the calling
 * staff member. Needs a store with the {@code QUERIES} capability ({@link UnsupportedQueryException} otherwise).
 */
public final class DeskQuery {
    /** The most customers one query may filter by. */
    public static final int MAX_CUSTOMERS = 100;

    /** Orders of the inbox; ties are broken by escalation id in the same direction. */
    public enum Sort {
        /** Earliest next deadline first; escalations without one last. The default. */
        NEXT_DEADLINE_ASC,
        /** Latest next deadline first; escalations without one last. */
        NEXT_DEADLINE_DESC,
        /** Oldest first (by time raised). */
        RAISED_ASC,
        /** Newest first (by time raised). */
        RAISED_DESC
    }

    /**
     * What {@link EscalationOperations#inboxCounts} counts by. The count of a facet's values ignores that facet's own
     * filter (the usual facet-badge semantics) and keeps all others.
     */
    public enum Facet {
        /** By state (keys: {@link EscalationState} names). */
        STATE,
        /** By criticality (keys: {@link Criticality} names). */
        CRITICALITY,
        /** By customer (keys: customer id values). */
        CUSTOMER,
        /** By manager (keys: staff id values; escalations without a manager are not counted). */
        MANAGER,
        /** Breached or not at the engine's clock (keys: {@code "true"}, {@code "false"}). */
        BREACHED,
        /** SLA clock paused or not (keys: {@code "true"}, {@code "false"}). */
        PAUSED
    }

    private final Set<EscalationState> states;
    private final Set<Criticality> criticality;
    private final Set<CustomerId> customers;
    private final boolean mine;
    private final Optional<StaffId> manager;
    private final Optional<Boolean> breached;
    private final Optional<Boolean> paused;
    private final Optional<CaseId> caseId;
    private final boolean openOnly;
    private final Sort sort;

    private DeskQuery(
            Set<EscalationState> states,
            Set<Criticality> criticality,
            Set<CustomerId> customers,
            boolean mine,
            Optional<StaffId> manager,
            Optional<Boolean> breached,
            Optional<Boolean> paused,
            Optional<CaseId> caseId,
            boolean openOnly,
            Sort sort) {
        this.states = states;
        this.criticality = criticality;
        this.customers = customers;
        this.mine = mine;
        this.manager = manager;
        this.breached = breached;
        this.paused = paused;
        this.caseId = caseId;
        this.openOnly = openOnly;
        this.sort = sort;
    }

    /**
     * Every escalation, earliest next deadline first.
     *
     * @return the query
     */
    public static DeskQuery all() {
        return new DeskQuery(
                Set.of(),
                Set.of(),
                Set.of(),
                false,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Sort.NEXT_DEADLINE_ASC);
    }

    /**
     * Open escalations (neither closed nor withdrawn), earliest next deadline first.
     *
     * @return the query
     */
    public static DeskQuery open() {
        return all().openOnly(true);
    }

    private DeskQuery openOnly(boolean open) {
        return new DeskQuery(states, criticality, customers, mine, manager, breached, paused, caseId, open, sort);
    }

    /**
     * Only these states (replaces an earlier state filter; none given means any).
     *
     * @param states the states
     * @return the new query
     * @throws NullPointerException if the array (message {@code "states"}) or a state ({@code "states[i]"}) is null
     */
    public DeskQuery states(EscalationState... states) {
        Set<EscalationState> s = EnumSet.noneOf(EscalationState.class);
        s.addAll(BuilderChecks.noNulls(states, "states"));
        return new DeskQuery(
                Set.copyOf(s), criticality, customers, mine, manager, breached, paused, caseId, openOnly, sort);
    }

    /**
     * Only these criticalities (replaces an earlier criticality filter; none given means any).
     *
     * @param criticality the criticalities
     * @return the new query
     * @throws NullPointerException if the array (message {@code "criticality"}) or one of its elements
     *     ({@code "criticality[i]"}) is null
     */
    public DeskQuery criticality(Criticality... criticality) {
        Set<Criticality> c = EnumSet.noneOf(Criticality.class);
        c.addAll(BuilderChecks.noNulls(criticality, "criticality"));
        return new DeskQuery(states, Set.copyOf(c), customers, mine, manager, breached, paused, caseId, openOnly, sort);
    }

    /**
     * Only these customers (replaces an earlier customer filter; none given means any; at most
     * {@value #MAX_CUSTOMERS}, checked when the query runs).
     *
     * @param customers the customers
     * @return the new query
     * @throws NullPointerException if the array (message {@code "customers"}) or a customer ({@code "customers[i]"})
     *     is null
     */
    public DeskQuery customers(CustomerId... customers) {
        Set<CustomerId> c = Set.copyOf(BuilderChecks.noNulls(customers, "customers"));
        return new DeskQuery(states, criticality, c, mine, manager, breached, paused, caseId, openOnly, sort);
    }

    /**
     * Only escalations whose Escalation Manager is the calling staff member (replaces {@link #manager(StaffId)}).
     *
     * @return the new query
     */
    public DeskQuery mine() {
        return new DeskQuery(
                states, criticality, customers, true, Optional.empty(), breached, paused, caseId, openOnly, sort);
    }

    /**
     * Only escalations of this Escalation Manager (replaces {@link #mine()}).
     *
     * @param manager the manager
     * @return the new query
     * @throws NullPointerException if the manager is null
     */
    public DeskQuery manager(StaffId manager) {
        Optional<StaffId> m = Optional.of(requireNonNull(manager, "manager"));
        return new DeskQuery(states, criticality, customers, false, m, breached, paused, caseId, openOnly, sort);
    }

    /**
     * Only breached ({@code true}) or only not breached ({@code false}) escalations, judged at the engine's clock.
     *
     * @param breached which
     * @return the new query
     */
    public DeskQuery breached(boolean breached) {
        return new DeskQuery(
                states, criticality, customers, mine, manager, Optional.of(breached), paused, caseId, openOnly, sort);
    }

    /**
     * Only escalations whose SLA clock is paused ({@code true}) or running ({@code false}).
     *
     * @param paused which
     * @return the new query
     */
    public DeskQuery paused(boolean paused) {
        return new DeskQuery(
                states, criticality, customers, mine, manager, breached, Optional.of(paused), caseId, openOnly, sort);
    }

    /**
     * Only escalations of this support case.
     *
     * @param caseId the case
     * @return the new query
     * @throws NullPointerException if the case is null
     */
    public DeskQuery caseId(CaseId caseId) {
        Optional<CaseId> c = Optional.of(requireNonNull(caseId, "caseId"));
        return new DeskQuery(states, criticality, customers, mine, manager, breached, paused, c, openOnly, sort);
    }

    /**
     * The order of the inbox.
     *
     * @param sort the order
     * @return the new query
     * @throws NullPointerException if the sort is null
     */
    public DeskQuery sortBy(Sort sort) {
        requireNonNull(sort, "sort");
        return new DeskQuery(states, criticality, customers, mine, manager, breached, paused, caseId, openOnly, sort);
    }

    /**
     * The states to include; empty for any.
     *
     * @return the states
     */
    public Set<EscalationState> states() {
        return states;
    }

    /**
     * The criticalities to include; empty for any.
     *
     * @return the criticalities
     */
    public Set<Criticality> criticality() {
        return criticality;
    }

    /**
     * The customers to include; empty for any.
     *
     * @return the customers
     */
    public Set<CustomerId> customers() {
        return customers;
    }

    /**
     * Whether only the calling staff member's escalations are included.
     *
     * @return {@code true} for "mine"
     */
    public boolean isMine() {
        return mine;
    }

    /**
     * The manager to include, if filtered by a named manager.
     *
     * @return the manager
     */
    public Optional<StaffId> manager() {
        return manager;
    }

    /**
     * The breached filter, if set.
     *
     * @return {@code true} for breached only, {@code false} for not breached only
     */
    public Optional<Boolean> breached() {
        return breached;
    }

    /**
     * The paused filter, if set.
     *
     * @return {@code true} for paused only, {@code false} for running only
     */
    public Optional<Boolean> paused() {
        return paused;
    }

    /**
     * The case to include, if filtered by case.
     *
     * @return the case
     */
    public Optional<CaseId> caseId() {
        return caseId;
    }

    /**
     * Whether only open escalations are included.
     *
     * @return {@code true} for open only
     */
    public boolean openOnly() {
        return openOnly;
    }

    /**
     * The order.
     *
     * @return the sort
     */
    public Sort sort() {
        return sort;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeskQuery q
                && q.states.equals(states)
                && q.criticality.equals(criticality)
                && q.customers.equals(customers)
                && q.mine == mine
                && q.manager.equals(manager)
                && q.breached.equals(breached)
                && q.paused.equals(paused)
                && q.caseId.equals(caseId)
                && q.openOnly == openOnly
                && q.sort == sort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(states, criticality, customers, mine, manager, breached, paused, caseId, openOnly, sort);
    }

    @Override
    public String toString() {
        return "DeskQuery[states=" + states + ", criticality=" + criticality + ", customers=" + customers.size()
                + ", mine=" + mine + ", manager=" + manager.isPresent() + ", breached=" + breached + ", paused="
                + paused + ", caseId=" + caseId.isPresent() + ", openOnly=" + openOnly + ", sort=" + sort + "]";
    }
}
