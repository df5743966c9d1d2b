package dev.escalation;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Derives an escalation's due items and next deadline from its stored facts, so the same facts always give the same
 * items (nothing drifts): while ACTIVE with a plan and a running clock, the next meeting is due one period (wall-clock
 * time) after the last meeting held since the plan was agreed, or at the plan's first meeting; with an SLA policy, the
 * warning, breach and repeat steps of first contact and resolution until they are met (see {@link SlaClock}).
 */
class DuePlanner {
    static final String REMINDER = SlaClock.REMINDER;

    private final SlaClock sla;

    DuePlanner(SlaClock sla) {
        this.sla = sla;
    }

    SlaClock sla() {
        return sla;
    }

    /**
     * What a write of {@code r} stores: its due items and its next deadline.
     *
     * @param r        the escalation as it will be stored (facts up to date but for the next deadline)
     * @param now      the write's instant
     * @param customer the customer's contract calendar, asked for only if a deadline needs it
     * @return the plan
     */
    SlaClock.Plan plan(StoredEscalation r, Instant now, Supplier<Optional<CalendarSpec>> customer) {
        return sla.plan(r, now, customer);
    }

    /** The next meeting of a plan: one period after the last meeting held under it, or its first meeting. */
    static Instant nextMeeting(EscalationFacts facts, CommunicationPlan plan) {
        return SlaClock.nextMeeting(facts, plan);
    }
}
