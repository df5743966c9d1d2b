package dev.escalation.examples.smtp;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

/**
 * Turns a {@link MeetingInvite} into an iTIP {@code REQUEST} (RFC 5546) with ical4j: one {@code VEVENT} with the
 * invite's UID, {@code DTSTART}/{@code DTEND} in UTC, the organizer as {@code ORGANIZER} and one {@code ATTENDEE}
 * (required participant, needs action, RSVP) per attendee. The output is validated by ical4j before it is sent.
 * Thread-safe.
 */
final class MeetingInvitations {
    private final String productId;
    private final Clock clock;

    MeetingInvitations(String productId, Clock clock) {
        this.productId = requireNonNull(productId, "productId");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The invite as iCalendar text ({@code METHOD:REQUEST}), with {@code description} as the event's text.
     *
     * @throws IllegalArgumentException if the invite cannot be expressed as valid iCalendar (retrying cannot help)
     */
    String request(MeetingInvite invite, String description) {
        VEvent event = new VEvent(invite.start(), invite.start().plus(invite.duration()), invite.title());
        event.replace(new DtStamp(clock.instant()));
        event.add(new Uid(invite.uid()));
        // SPI gap: MeetingInvite has no revision; a re-sent invitation with the same UID keeps SEQUENCE 0.
        event.add(new Sequence(invite.sequence()));
        event.add(ImmutableStatus.VEVENT_CONFIRMED);
        event.add(new Description(description));
        Organizer organizer = new Organizer(mailto(invite.organizer()));
        organizer.add(new Cn(invite.organizer().displayName()));
        event.add(organizer);
        for (Party party : invite.attendees()) {
            Attendee attendee = new Attendee(mailto(party));
            attendee.add(new Cn(party.displayName()));
            attendee.add(CuType.INDIVIDUAL);
            attendee.add(Role.REQ_PARTICIPANT);
            attendee.add(PartStat.NEEDS_ACTION);
            attendee.add(Rsvp.TRUE);
            event.add(attendee);
        }

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(productId));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.REQUEST);
        calendar.add(event);

        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalArgumentException("invitation is not valid iCalendar", e);
        }
        return out.toString();
    }

    private static URI mailto(Party party) {
        try {
            return new URI("mailto", party.email(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "a " + party.kind() + " party's e-mail is not usable in a mailto URI", e);
        }
    }
}
