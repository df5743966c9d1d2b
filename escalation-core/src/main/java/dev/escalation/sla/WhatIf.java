package dev.escalation.sla;

import static java.util.Objects.requireNonNull;

import dev.escalation.calendar.Interval;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Criticality;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.internal.Copies;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A hypothetical escalation for {@code EscalationOperations.whatIf}: nothing of it is stored.
 *
 * @param raisedAt         when it would be escalated
 * @param criticality      its criticality
 * @param customerCalendar the customer's contract calendar, if any (built like the engine builds a customer's)
 * @param pauses           pauses of the SLA clock (finite, any order)
 * @param policy           the policy version to project; empty for the engine's current policy
 */
public record WhatIf(
        Instant raisedAt,
        Criticality criticality,
        Optional<CalendarSpec> customerCalendar,
        List<Interval> pauses,
        Optional<PolicyRef> policy) {

    /**
     * Validates and copies the components.
     *
     * @param raisedAt see the record component
     * @param criticality see the record component
     * @param customerCalendar see the record component
     * @param pauses see the record component
     * @param policy see the record component
     * @throws NullPointerException if a component or pause is null
     */
    public WhatIf {
        requireNonNull(raisedAt, "raisedAt");
        requireNonNull(criticality, "criticality");
        requireNonNull(customerCalendar, "customerCalendar");
        pauses = Copies.list(pauses, "pauses");
        requireNonNull(policy, "policy");
    }

    /**
     * A hypothetical escalation under the current policy, without a customer calendar and without pauses.
     *
     * @param raisedAt    when it would be escalated
     * @param criticality its criticality
     * @return the hypothesis
     */
    public static WhatIf at(Instant raisedAt, Criticality criticality) {
        return new WhatIf(raisedAt, criticality, Optional.empty(), List.of(), Optional.empty());
    }

    /**
     * The same hypothesis with a customer contract calendar.
     *
     * @param spec the calendar
     * @return a copy
     */
    public WhatIf withCustomerCalendar(CalendarSpec spec) {
        return new WhatIf(raisedAt, criticality, Optional.of(spec), pauses, policy);
    }

    /**
     * The same hypothesis with one more pause.
     *
     * @param pause the pause
     * @return a copy
     */
    public WhatIf withPause(Interval pause) {
        List<Interval> more = new java.util.ArrayList<>(pauses);
        more.add(requireNonNull(pause, "pause"));
        return new WhatIf(raisedAt, criticality, customerCalendar, more, policy);
    }

    /**
     * The same hypothesis under another policy version.
     *
     * @param ref the version (must be known to the engine)
     * @return a copy
     */
    public WhatIf withPolicy(PolicyRef ref) {
        return new WhatIf(raisedAt, criticality, customerCalendar, pauses, Optional.of(ref));
    }
}
