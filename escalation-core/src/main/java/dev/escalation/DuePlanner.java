package dev.escalation;

import dev.escalation.spi.CommunicationPlan;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueKind;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationState;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.ProgressKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Derives an escalation's due items from its recorded history, so the same history always gives the same items
 * (nothing drifts): while ACTIVE with a plan and a running clock, the next meeting is due one period after the
 * last meeting held since the plan was agreed, or at the plan's first meeting.
 */
class DuePlanner {
    static final String REMINDER = "reminder";

    List<DueItem> plan(EscalationRecord r) {
        if (r.state() != EscalationState.ACTIVE || r.plan().isEmpty() || Workflow.isPaused(r)) {
            return List.of();
        }
        Instant next = nextMeeting(r, r.plan().get());
        return List.of(new DueItem(DueItem.keyOf(r.id(), DueKind.NEXT_MEETING, REMINDER, next), r.id(), r.customer(),
                DueKind.NEXT_MEETING, REMINDER, next, Map.of()));
    }

    static Instant nextMeeting(EscalationRecord r, CommunicationPlan plan) {
        Instant lastHeld = null;
        for (ProgressEntry e : r.progress()) {
            if (e.kind() == ProgressKind.MEETING_HELD && !e.at().isBefore(plan.agreedAt())) {
                lastHeld = e.at();
            }
        }
        return lastHeld == null ? plan.firstMeetingAt() : lastHeld.plus(plan.frequency());
    }
}
