package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 */
public record MeetingInvite(
        String uid,
        String title,
        Instant start,
        Duration duration,
        Party organizer,
        List<Party> attendees,
        int sequence) {

    /**
     * Validates and copies the components.
     *
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
        attendees = List.copyOf(attendees);
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
    }
}
