package dev.escalation;

import dev.escalation.calendar.Interval;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the {@link SlaClock} derives deadlines from: the few facts of an escalation that count, either a stored
 * escalation's ({@link #of}) or a hypothetical one's for what-if ({@link #hypothetical}).
 *
 * @param id                the stored escalation, empty for a hypothetical one
 * @param state             its state
 * @param criticality       its criticality
 * @param raisedAt          when it was escalated
 * @param policy            its SLA policy version, if any
 * @param plan              its communication plan, if any
 * @param acknowledgedAt    when first contact was made
 * @param resolvedAt        when it was last resolved
 * @param lastMeetingHeldAt when the last meeting under the plan was held
 * @param excluded          closed spans that do not count as business time (pauses; resolved until reopened)
 * @param pausedSince       when the running pause began, if the clock is paused
 * @param pauseReason       the running pause's reason
 * @param lastContactAt     the last entry that counted as customer contact
 */
record SlaSubject(
        Optional<EscalationId> id,
        EscalationState state,
        Criticality criticality,
        Instant raisedAt,
        Optional<PolicyRef> policy,
        Optional<CommunicationPlan> plan,
        Optional<Instant> acknowledgedAt,
        Optional<Instant> resolvedAt,
        Optional<Instant> lastMeetingHeldAt,
        List<ExcludedSpan> excluded,
        Optional<Instant> pausedSince,
        Optional<String> pauseReason,
        Optional<Instant> lastContactAt) {

    SlaSubject {
        excluded = List.copyOf(excluded);
    }

    /** A stored escalation (or the next version a write is about to store). */
    static SlaSubject of(StoredEscalation r) {
        EscalationFacts f = r.facts();
        return new SlaSubject(
                Optional.of(r.id()),
                r.state(),
                r.criticality(),
                r.raisedAt(),
                r.policy(),
                r.plan(),
                f.acknowledgedAt(),
                f.resolvedAt(),
                f.lastMeetingHeldAt(),
                f.excluded(),
                f.pausedSince(),
                f.pauseReason(),
                f.lastContactAt());
    }

    /**
     * An escalation raised at {@code raisedAt} and not acknowledged yet, whose clock was paused as given.
     *
     * @throws InvalidCommandException if a pause starts before {@code raisedAt}
     */
    static SlaSubject hypothetical(Instant raisedAt, Criticality criticality, PolicyRef policy, List<Interval> pauses) {
        List<Interval> sorted = new ArrayList<>(pauses);
        sorted.sort(Comparator.comparing(Interval::from));
        List<ExcludedSpan> excluded = new ArrayList<>(sorted.size());
        for (Interval i : sorted) {
            if (i.from().isBefore(raisedAt)) {
                throw new InvalidCommandException(List.of(InvalidCommandException.Violation.of(
                        "pauses", "AfterRaised", "must not start before the escalation is raised")));
            }
            excluded.add(new ExcludedSpan(i.from(), i.to(), ExcludedSpan.Kind.PAUSED, Optional.of(i.reason())));
        }
        return new SlaSubject(
                Optional.empty(),
                EscalationState.REQUESTED,
                criticality,
                raisedAt,
                Optional.of(policy),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                excluded,
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
