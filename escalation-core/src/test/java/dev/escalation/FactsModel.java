package dev.escalation;

import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The facts of an escalation derived from its whole log, written independently of the engine (which updates them
 * entry by entry and never reads the log): the pause derivation is 0.1.0's, which read the log on every command.
 * Without an SLA policy the next deadline is the next meeting of an active plan.
 */
final class FactsModel {
    private FactsModel() {}

    static EscalationFacts derive(StoredEscalation r, List<StoredEntry> log) {
        Optional<Instant> acknowledged = Optional.empty();
        Optional<Instant> resolved = Optional.empty();
        List<ExcludedSpan> excluded = new ArrayList<>();
        StoredEntry start = null;
        int invitations = 0;
        int actions = 0;
        int planInvitations = 0;
        for (StoredEntry e : log) {
            switch (e.kind()) {
                case ACKNOWLEDGED -> acknowledged = acknowledged.or(() -> Optional.of(e.at()));
                case CLOCK_PAUSED -> {
                    if (start == null) {
                        start = e;
                    }
                }
                case CLOCK_RESUMED -> {
                    if (start != null && start.kind() == ProgressKind.CLOCK_PAUSED) {
                        excluded.add(new ExcludedSpan(start.at(), e.at(), ExcludedSpan.Kind.PAUSED, start.text()));
                        start = null;
                    }
                }
                case RESOLVED -> {
                    if (start != null && start.kind() == ProgressKind.CLOCK_PAUSED) {
                        excluded.add(new ExcludedSpan(start.at(), e.at(), ExcludedSpan.Kind.PAUSED, start.text()));
                    }
                    start = e;
                    resolved = Optional.of(e.at());
                }
                case REOPENED -> {
                    if (start != null && start.kind() == ProgressKind.RESOLVED) {
                        excluded.add(new ExcludedSpan(
                                start.at(), e.at(), ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED, Optional.empty()));
                        start = null;
                    }
                }
                case LESSONS_LEARNED_SCHEDULED, LESSONS_LEARNED_CANCELLED -> invitations++;
                case LESSONS_LEARNED_HELD ->
                    actions = (int) ((EntryParam.Count) e.params().get("actions")).value();
                case IMPROVEMENT_ACTION_UPDATED ->
                    actions = (int) ((EntryParam.Count) e.params().get("open")).value();
                case PLAN_AGREED, PLAN_AMENDED -> planInvitations++; // each sends the plan's series with a new SEQUENCE
                default -> {}
            }
        }
        boolean paused = start != null && start.kind() == ProgressKind.CLOCK_PAUSED;
        Optional<CommunicationPlan> plan = r.plan();
        Optional<Instant> lastHeld = Optional.empty();
        for (StoredEntry e : log) {
            if (e.kind() == ProgressKind.MEETING_HELD
                    && plan.map(p -> !e.at().isBefore(p.agreedAt())).orElse(true)) {
                lastHeld = Optional.of(e.at());
            }
        }
        Optional<Instant> nextMeeting = Optional.empty();
        if (r.state() == EscalationState.ACTIVE && plan.isPresent()) {
            nextMeeting = Optional.of(lastHeld.map(t -> t.plus(plan.get().frequency()))
                    .orElse(plan.get().firstMeetingAt()));
        }
        return new EscalationFacts(
                log.size(),
                acknowledged,
                resolved,
                paused ? Optional.of(start.at()) : Optional.empty(),
                paused ? start.text() : Optional.empty(),
                excluded,
                lastHeld,
                nextMeeting,
                nextMeeting.map(t -> new DeadlineMark(DueKind.NEXT_MEETING, t)),
                actions,
                invitations,
                false,
                Optional.empty(), // no SLA policy in the model's world: nothing counts as contact
                planInvitations);
    }
}
