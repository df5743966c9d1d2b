package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.EscalationState;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What a customer contact lists of their own customer's escalations ({@link EscalationEngine#escalationsOfCustomer}):
 * always newest first (by time raised, then id), optionally only some states, one case, or open ones. Immutable;
 * each method returns a new query. Start with {@link #all()} or {@link #open()}.
 *
 * <p>{@link #all()} works on every store; any filter needs a store with the {@code QUERIES} capability (otherwise the
 * engine refuses with {@link UnsupportedQueryException}).
 */
public final class CustomerQuery {
    private static final CustomerQuery ALL = new CustomerQuery(Set.of(), Optional.empty(), false);

    private final Set<EscalationState> states;
    private final Optional<CaseId> caseId;
    private final boolean openOnly;

    private CustomerQuery(Set<EscalationState> states, Optional<CaseId> caseId, boolean openOnly) {
        this.states = states;
        this.caseId = caseId;
        this.openOnly = openOnly;
    }

    /**
     * Every escalation of the customer, newest first.
     *
     * @return the query
     */
    public static CustomerQuery all() {
        return ALL;
    }

    /**
     * The customer's open escalations (neither closed nor withdrawn), newest first.
     *
     * @return the query
     */
    public static CustomerQuery open() {
        return new CustomerQuery(Set.of(), Optional.empty(), true);
    }

    /**
     * Only escalations in one of these states (replaces an earlier state filter; none given means any state).
     *
     * @param states the states
     * @return the new query
     * @throws NullPointerException if the array (message {@code "states"}) or a state ({@code "states[i]"}) is null
     */
    public CustomerQuery states(EscalationState... states) {
        Set<EscalationState> s = EnumSet.noneOf(EscalationState.class);
        s.addAll(BuilderChecks.noNulls(states, "states"));
        return new CustomerQuery(Set.copyOf(s), caseId, openOnly);
    }

    /**
     * Only escalations of this support case.
     *
     * @param caseId the case
     * @return the new query
     * @throws NullPointerException if the case is null
     */
    public CustomerQuery caseId(CaseId caseId) {
        return new CustomerQuery(states, Optional.of(requireNonNull(caseId, "caseId")), openOnly);
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
     * Whether this query filters anything (then it needs a store with the {@code QUERIES} capability).
     *
     * @return {@code true} if any filter is set
     */
    public boolean isFiltered() {
        return !states.isEmpty() || caseId.isPresent() || openOnly;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerQuery q
                && q.states.equals(states)
                && q.caseId.equals(caseId)
                && q.openOnly == openOnly;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(states, caseId, openOnly);
    }

    @Override
    public String toString() {
        return "CustomerQuery[states=" + states + ", caseId=" + caseId + ", openOnly=" + openOnly + "]";
    }
}
