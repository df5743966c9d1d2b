package dev.escalation;

import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.ProgressEntry;
import java.time.Instant;
import java.util.List;

/**
 * Derives an escalation's due items from its recorded history, so the same history always gives the same items
 * (nothing drifts): while ACTIVE with a plan and a running clock, the next meeting is due one period (wall-clock
 * time) after the last meeting held since the plan was agreed, or at the plan's first meeting; with an SLA policy,
 * the warning, breach and repeat steps of first contact and resolution until they are met (see {@link SlaClock}).
 */
class DuePlanner {
    static final String REMINDER = SlaClock.REMINDER;

    private final SlaClock sla;

    DuePlanner() {
        this(SlaClock.none());
    }

    DuePlanner(SlaClock sla) {
        this.sla = sla;
    }

    SlaClock sla() {
        return sla;
    }

    List<DueItem> plan(EscalationRecord r) {
        return sla.plan(r);
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
