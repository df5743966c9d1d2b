package dev.escalation;

import dev.escalation.model.CommunicationPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.Optional;

/**
 * When the next meeting of a communication plan is due: one period after the last meeting held under it, or its
 * first meeting. A period of whole days is counted in calendar days of the plan's series zone
 * ({@link CommunicationPlan#seriesZone}: the customer side's zone recorded with the plan, the vendor's for a plan
 * stored without one), as its iCalendar series repeats ({@code FREQ=DAILY}/{@code WEEKLY} with the zone's
 * {@code TZID}; see {@link PlanSeries}): "daily at 10:00" is at 10:00 there on the day after a daylight-saving switch
 * too, 23 or 25 hours later. A shorter period (hours, minutes) is elapsed time.
 */
final class MeetingCadence {
    private static final long DAY = 86_400;

    private MeetingCadence() {}

    /**
     * The next meeting.
     *
     * @param lastMeetingHeldAt the last meeting held under the plan, if any
     * @param plan              the plan
     * @param vendorZone        the vendor's zone, the series' zone of a plan stored without one
     * @return its first meeting if none was held; else the same local time that many days after the last one for a
     *     period of whole days (a local time a spring-forward gap skips moves on by the gap, an overlap keeps the
     *     offset of the meeting held where it can), else the last one plus the period
     */
    static Instant next(Optional<Instant> lastMeetingHeldAt, CommunicationPlan plan, ZoneId vendorZone) {
        if (lastMeetingHeldAt.isEmpty()) {
            return plan.firstMeetingAt();
        }
        Instant held = lastMeetingHeldAt.get();
        Duration every = plan.frequency();
        Instant exact = held.plus(every);
        if (every.getNano() != 0 || every.getSeconds() % DAY != 0) {
            return exact;
        }
        ZoneId zone = plan.seriesZone(vendorZone);
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset() || rules.getOffset(held).equals(rules.getOffset(exact))) {
            return exact; // the same offset at both ends: the same local time, no date-time made
        }
        return held.atZone(zone).plusDays(every.toDays()).toInstant();
    }
}
