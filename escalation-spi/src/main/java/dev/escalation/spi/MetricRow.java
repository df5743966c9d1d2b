package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * One service-metric fact the engine records with a write ({@link EscalationWrite#metrics()}): a lifecycle transition
 * of an escalation, or one SLA target settled as met or breached, with the durations measured from the escalation's
 * raise. Carries no personal data (ids of the escalation and the customer organisation, codes and numbers only), so
 * it outlives erasure and retention purges. Stores keep every row they are given and never change it; JDBC stores them
 * in {@code esc_metric}. {@link MetricsQueries} aggregates them.
 *
 * @param escalation       the escalation
 * @param customer         its customer (tenant)
 * @param criticality      its criticality at the transition
 * @param transition       what happened
 * @param at               when, truncated to whole seconds
 * @param wallClockSeconds wall-clock seconds from the escalation's raise to {@code at}
 * @param businessSeconds  business seconds from the raise to {@code at}: for a transition on the vendor's business
 *                         calendar, for a target on the target's SLA calendar; SLA pauses and resolved-until-reopened
 *                         spans excluded in both
 * @param target           the SLA target for {@link Transition#TARGET_MET} and {@link Transition#TARGET_BREACHED}
 *                         ({@link DueKind#FIRST_CONTACT} or {@link DueKind#RESOLUTION}); empty for the others
 */
public record MetricRow(
        EscalationId escalation,
        CustomerId customer,
        Criticality criticality,
        Transition transition,
        Instant at,
        long wallClockSeconds,
        long businessSeconds,
        Optional<DueKind> target) {

    /** What a metric row records. New constants may be added in minor releases. */
    public enum Transition {
        /** The escalation was raised (durations 0). */
        ESCALATED,
        /** An Escalation Manager was appointed for the first time. */
        ACKNOWLEDGED,
        /** The escalation was resolved (each resolution, also after a reopen). */
        RESOLVED,
        /** A resolved escalation was reopened. */
        REOPENED,
        /** The escalation was closed. */
        CLOSED,
        /** The customer withdrew the escalation. */
        WITHDRAWN,
        /** An SLA target was met on time (at or before its deadline). */
        TARGET_MET,
        /** An SLA target was met late, or its deadline had passed when the escalation was withdrawn. */
        TARGET_BREACHED;

        /**
         * Whether rows of this transition name an SLA target.
         *
         * @return {@code true} for {@link #TARGET_MET} and {@link #TARGET_BREACHED}
         */
        public boolean isTarget() {
            return this == TARGET_MET || this == TARGET_BREACHED;
        }
    }

    /**
     * Validates the components and truncates {@code at} to seconds.
     *
     * @param escalation the escalation
     * @param customer its customer (tenant)
     * @param criticality its criticality at the transition
     * @param transition what happened
     * @param at when, truncated to whole seconds
     * @param wallClockSeconds wall-clock seconds from the escalation's raise to {@code at}
     * @param businessSeconds business seconds from the raise to {@code at}
     * @param target the SLA target of a target row; empty for the others
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a duration is negative, or {@code target} is present exactly when the
     *     transition is not a target transition, or names {@link DueKind#NEXT_MEETING}
     */
    public MetricRow {
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(criticality, "criticality");
        requireNonNull(transition, "transition");
        at = requireNonNull(at, "at").truncatedTo(ChronoUnit.SECONDS);
        requireNonNull(target, "target");
        if (wallClockSeconds < 0 || businessSeconds < 0) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (transition.isTarget() != target.isPresent()) {
            throw new IllegalArgumentException("a target is given exactly for TARGET_MET and TARGET_BREACHED rows");
        }
        if (target.filter(t -> t == DueKind.NEXT_MEETING).isPresent()) {
            throw new IllegalArgumentException("NEXT_MEETING is not an SLA target");
        }
    }
}
