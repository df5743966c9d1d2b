package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.spi.internal.Copies;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service metrics for a {@link MetricsQuery}, one {@link Group} per period (and customer and criticality if asked)
 * that had any transition. Every figure is computed from the rows the engine stored at each transition (see the
 * README, "Metrics", for the exact definitions); an escalation counts in the period of each transition, not of its
 * raise.
 *
 * @param query  what was asked
 * @param groups the groups with any transition, by period, customer id and criticality
 */
public record MetricsReport(MetricsQuery query, List<Group> groups) {

    /**
     * Copies the groups.
     *
     * @param query what was asked
     * @param groups the groups with any transition, by period, customer id and criticality
     */
    public MetricsReport {
        groups = Copies.list(groups, "groups");
    }

    /**
     * The figures of one group.
     *
     * @param periodStart  the first instant of the period
     * @param periodEnd    the first instant after it (the query's {@code to} for the last period)
     * @param customer     the customer, when grouped by customer
     * @param criticality  the criticality at the transitions, when grouped by criticality
     * @param escalated    escalations raised
     * @param acknowledged escalations acknowledged for the first time
     * @param mtta         mean time to acknowledge: the mean, over the acknowledgements, of the time from raise to
     *                     the first appointment of an Escalation Manager; empty without acknowledgements
     * @param resolved     resolutions (each resolution counts, also one after a reopen)
     * @param mttr         mean time to resolve: the mean, over the resolutions, of the time from raise to resolution;
     *                     empty without resolutions
     * @param reopened     reopens
     * @param reopenRate   reopens divided by resolutions in the group; empty without resolutions
     * @param closed       escalations closed
     * @param withdrawn    escalations withdrawn
     * @param targets      per SLA target with any settlement ({@link DueKind#FIRST_CONTACT},
     *                     {@link DueKind#RESOLUTION}): met and breached counts and attainment, in the targets'
     *                     declaration order
     */
    public record Group(
            Instant periodStart,
            Instant periodEnd,
            Optional<CustomerId> customer,
            Optional<Criticality> criticality,
            long escalated,
            long acknowledged,
            Optional<Mean> mtta,
            long resolved,
            Optional<Mean> mttr,
            long reopened,
            Optional<Double> reopenRate,
            long closed,
            long withdrawn,
            Map<DueKind, Attainment> targets) {

        /**
         * Copies the targets.
         *
         * @param periodStart the first instant of the period
         * @param periodEnd the first instant after it
         * @param customer the customer, when grouped by customer
         * @param criticality the criticality at the transitions, when grouped by criticality
         * @param escalated escalations raised
         * @param acknowledged escalations acknowledged for the first time
         * @param mtta mean time to acknowledge
         * @param resolved resolutions
         * @param mttr mean time to resolve
         * @param reopened reopens
         * @param reopenRate reopens divided by resolutions
         * @param closed escalations closed
         * @param withdrawn escalations withdrawn
         * @param targets per SLA target: met and breached counts and attainment
         */
        public Group {
            Map<DueKind, Attainment> copy = new EnumMap<>(DueKind.class); // in the targets' declaration order
            requireNonNull(targets, "targets")
                    .forEach((k, v) -> copy.put(requireNonNull(k, "targets key"), requireNonNull(v, "targets value")));
            targets = Collections.unmodifiableMap(copy);
        }

        /**
         * SLA breaches of all targets in the group.
         *
         * @return the sum of {@link Attainment#breached()}
         */
        public long breaches() {
            return targets.values().stream().mapToLong(Attainment::breached).sum();
        }
    }

    /**
     * A mean duration, on the wall clock and in business time (the vendor's business calendar, SLA pauses and
     * resolved-until-reopened spans excluded).
     *
     * @param wallClock the mean wall-clock time
     * @param business  the mean business time
     */
    public record Mean(Duration wallClock, Duration business) {}

    /**
     * How one SLA target fared: settled on time, settled late or given up.
     *
     * @param met        targets met at or before their deadline
     * @param breached   targets met after their deadline, or whose deadline had passed at withdrawal
     * @param attainment {@code met / (met + breached)}, from 0 to 1
     */
    public record Attainment(long met, long breached, double attainment) {}
}
