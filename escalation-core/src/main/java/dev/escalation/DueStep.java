package dev.escalation;

import dev.escalation.model.DueKind;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.DueItem;
import java.util.Map;

/**
 * A step of due work as the {@link DuePlanner} plans it: its name (stored as {@link DueItem#step()} and part of the
 * item's key, so the names never change) and whom it notifies, decided by the planner. {@link DueFollowUps} only
 * resolves the recipients to people; a what-if projection describes them with {@link Recipients#description()}.
 *
 * @param name       the stored step name
 * @param recipients who is notified when it falls due
 */
record DueStep(String name, Recipients recipients) {
    /** The data key of a meeting reminder split by quiet hours: {@code "staff"} or {@code "customer"}. */
    static final String AUDIENCE = "audience";

    private static final String REPEAT = "breach-repeat-";
    private static final String MISSED_REPEAT = "missed-repeat-";
    private static final String ACTION = "action-";

    /** The meeting reminder to both sides. */
    static final DueStep MEETING_REMINDER = new DueStep("reminder", Recipients.MEETING_ATTENDEES);
    /** The Escalation Manager's reminder while the customer's contract calendar is closed (stored with audience). */
    static final DueStep STAFF_MEETING_REMINDER = new DueStep("reminder", Recipients.ESCALATION_MANAGER);
    /** The customer's reminder, at the customer's next opening (quiet hours). */
    static final DueStep CUSTOMER_MEETING_REMINDER = new DueStep("reminder-customer", Recipients.INCIDENT_MANAGER);
    /** The pre-breach warning. */
    static final DueStep WARNING = new DueStep("warning", Recipients.MANAGER_OR_SUPPORT_MANAGEMENT);
    /** The breach. */
    static final DueStep BREACH = new DueStep("breach", Recipients.NEXT_LEVEL);

    /** A plan meeting not held within the policy's grace period: escalated like a breach. */
    static final DueStep MEETING_MISSED = new DueStep("missed", Recipients.NEXT_LEVEL);

    /** The first repeats of each kind, made once (equal to what {@link #repeat}/{@link #missedRepeat} make). */
    private static final DueStep[] REPEATS = repeats(REPEAT);

    private static final DueStep[] MISSED_REPEATS = repeats(MISSED_REPEAT);

    private static DueStep[] repeats(String prefix) {
        DueStep[] steps = new DueStep[8];
        for (int n = 1; n < steps.length; n++) {
            steps[n] = new DueStep(prefix + n, Recipients.NEXT_LEVEL);
        }
        return steps;
    }

    /** The {@code n}th repeat after a breach (1-based). */
    static DueStep repeat(int n) {
        return n > 0 && n < REPEATS.length ? REPEATS[n] : new DueStep(REPEAT + n, Recipients.NEXT_LEVEL);
    }

    /** The {@code n}th repeat after a missed meeting (1-based). */
    static DueStep missedRepeat(int n) {
        return n > 0 && n < MISSED_REPEATS.length
                ? MISSED_REPEATS[n]
                : new DueStep(MISSED_REPEAT + n, Recipients.NEXT_LEVEL);
    }

    /** The reminder of the improvement action at {@code index} of the lessons learned, to its owner. */
    static DueStep actionDue(int index) {
        return new DueStep(ACTION + index, Recipients.ACTION_OWNER);
    }

    /** The index of an improvement action's reminder step. */
    int actionIndex() {
        return Integer.parseInt(name.substring(ACTION.length()));
    }

    /**
     * The level of the policy's escalation chain the step goes to: 0 the warning, 1 the breach (or missed meeting),
     * {@code 1 + n} its {@code n}th repeat; -1 for a step outside the chain (reminders).
     */
    int chainLevel() {
        if (this.equals(WARNING)) {
            return 0;
        }
        if (recipients != Recipients.NEXT_LEVEL) {
            return -1;
        }
        if (name.startsWith(REPEAT)) {
            return 1 + Integer.parseInt(name.substring(REPEAT.length()));
        }
        if (name.startsWith(MISSED_REPEAT)) {
            return 1 + Integer.parseInt(name.substring(MISSED_REPEAT.length()));
        }
        return 1;
    }

    /** Who a step notifies. */
    enum Recipients {
        /** The Escalation Manager and the Incident Manager who escalated. */
        MEETING_ATTENDEES("escalation manager and incident manager"),
        /** The appointed Escalation Manager. */
        ESCALATION_MANAGER("escalation manager"),
        /** The Incident Manager who escalated. */
        INCIDENT_MANAGER("incident manager"),
        /** The Escalation Manager, or Support Management before one is appointed. */
        MANAGER_OR_SUPPORT_MANAGEMENT("escalation manager or support management"),
        /** The next level: every Head of Support (Support Management if there is none). */
        NEXT_LEVEL("head of support"),
        /** The owner of an improvement action (the Escalation Manager if the owner is nobody the directories know). */
        ACTION_OWNER("action owner");

        private final String description;

        Recipients(String description) {
            this.description = description;
        }

        /** How a what-if projection names them. */
        String description() {
            return description;
        }
    }

    /** The notification the step sends: a breach for the next level, the action's reminder, else a reminder. */
    NotificationKind notification() {
        if (recipients == Recipients.ACTION_OWNER) {
            return NotificationKind.IMPROVEMENT_ACTION_DUE;
        }
        return recipients == Recipients.NEXT_LEVEL ? NotificationKind.DEADLINE_BREACHED : NotificationKind.REMINDER;
    }

    /** What the step stores in its item's data so that {@link #of(DueItem)} recognises it. */
    Map<String, String> marker() {
        if (this.equals(STAFF_MEETING_REMINDER)) {
            return Map.of(AUDIENCE, "staff");
        }
        if (this.equals(CUSTOMER_MEETING_REMINDER)) {
            return Map.of(AUDIENCE, "customer");
        }
        return Map.of();
    }

    /**
     * The step of a stored item, including items stored by earlier versions: a meeting item by its audience, a
     * warning by its name, anything else of a deadline as a breach.
     */
    static DueStep of(DueItem item) {
        if (item.kind() == DueKind.IMPROVEMENT_ACTION) {
            return new DueStep(item.step(), Recipients.ACTION_OWNER);
        }
        if (item.kind() == DueKind.NEXT_MEETING && item.step().equals(MEETING_MISSED.name())) {
            return MEETING_MISSED;
        }
        if (item.kind() == DueKind.NEXT_MEETING && item.step().startsWith(MISSED_REPEAT)) {
            return new DueStep(item.step(), Recipients.NEXT_LEVEL);
        }
        if (item.kind() == DueKind.NEXT_MEETING) {
            String audience = item.data().getOrDefault(AUDIENCE, "all");
            if (audience.equals("staff")) {
                return STAFF_MEETING_REMINDER;
            }
            return audience.equals("customer") ? CUSTOMER_MEETING_REMINDER : MEETING_REMINDER;
        }
        if (item.step().equals(WARNING.name())) {
            return WARNING;
        }
        return item.step().equals(BREACH.name()) ? BREACH : new DueStep(item.step(), Recipients.NEXT_LEVEL);
    }
}
