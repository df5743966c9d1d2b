package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;
import dev.escalation.spi.internal.Copies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A calendar invitation carried by a notification (the lessons-learned session).
 *
 * @param uid       a stable identifier of the meeting, the same for updates of one meeting
 * @param title     the meeting's title
 * @param start     when it starts
 * @param duration  how long it lasts (positive)
 * @param organizer who invites
 * @param attendees who is invited
 * @param sequence  the revision of the invitation: 0 for the first, one more for each reschedule of the same
 *                  {@code uid} (iCalendar {@code SEQUENCE}), so calendars replace the earlier invitation
 * @param method     an invitation or its cancellation (iCalendar {@code METHOD})
 * @param recurrence for a meeting series (the communication plan's meetings): how it repeats
 */
public record MeetingInvite(
        String uid,
        String title,
        Instant start,
        Duration duration,
        Party organizer,
        List<Party> attendees,
        int sequence,
        Method method,
        Optional<Recurrence> recurrence) {

    /** iCalendar {@code METHOD} of an invitation. */
    public enum Method {
        /** An invitation or an update of one. */
        REQUEST,
        /** The cancellation of the meeting with the same {@code uid}. */
        CANCEL
    }

    /**
     * How a meeting series repeats: every {@code interval} (wall-clock, in {@code zone}: for the communication plan
     * the zone recorded with the plan, the customer side's) from the first start, optionally until an instant,
     * without the listed occurrences.
     *
     * @param interval   the period (positive; whole days or weeks become {@code FREQ=DAILY/WEEKLY;INTERVAL=n},
     *                   whole hours {@code FREQ=HOURLY})
     * @param zone       the zone the series repeats in (its DST rules apply)
     * @param until      the last possible start, if bounded
     * @param exceptions occurrences left out (holidays known when sent: iCalendar {@code EXDATE})
     */
    public record Recurrence(
            Duration interval, java.time.ZoneId zone, Optional<Instant> until, List<Instant> exceptions) {
        /**
         * Validates and copies the components.
         *
         * @param interval the period (positive; whole days or weeks become {@code FREQ=DAILY/WEEKLY;INTERVAL=n},
         *     whole hours {@code FREQ=HOURLY})
         * @param zone the zone the series repeats in (its DST rules apply)
         * @param until the last possible start, if bounded
         * @param exceptions occurrences left out (holidays known when sent: iCalendar {@code EXDATE})
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the interval is not positive
         */
        public Recurrence {
            requireNonNull(interval, "interval");
            requireNonNull(zone, "zone");
            requireNonNull(until, "until");
            exceptions = Copies.list(exceptions, "exceptions");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
        }
    }

    /**
     * Validates and copies the components.
     *
     * @param uid a stable identifier of the meeting, the same for updates of one meeting
     * @param title the meeting's title
     * @param start when it starts
     * @param duration how long it lasts (positive)
     * @param organizer who invites
     * @param attendees who is invited
     * @param sequence the revision of the invitation: 0 for the first, one more for each reschedule of the same
     *     {@code uid} (iCalendar {@code SEQUENCE}), so calendars replace the earlier invitation
     * @param method an invitation or its cancellation (iCalendar {@code METHOD})
     * @param recurrence for a meeting series (the communication plan's meetings): how it repeats
     * @throws NullPointerException if a component or attendee is null
     * @throws IllegalArgumentException if {@code duration} is not positive or {@code sequence} negative
     */
    public MeetingInvite {
        requireNonNull(uid, "uid");
        requireNonNull(title, "title");
        requireNonNull(start, "start");
        requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        requireNonNull(organizer, "organizer");
        attendees = Copies.list(attendees, "attendees");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        requireNonNull(method, "method");
        requireNonNull(recurrence, "recurrence");
    }

    /**
     * A single meeting's invitation.
     *
     * @param uid       the meeting's stable id
     * @param title     the title
     * @param start     the start
     * @param duration  the duration
     * @param organizer who invites
     * @param attendees who is invited
     * @param sequence  the revision
     */
    public MeetingInvite(
            String uid,
            String title,
            Instant start,
            Duration duration,
            Party organizer,
            List<Party> attendees,
            int sequence) {
        this(uid, title, start, duration, organizer, attendees, sequence, Method.REQUEST, Optional.empty());
    }
}
