package dev.escalation.examples.smtp;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.CuType;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link MeetingInvite} into an iTIP message (RFC 5546) with ical4j: one {@code VEVENT} with the invite's
 * {@code UID} and {@code SEQUENCE}, the organizer as {@code ORGANIZER} and one {@code ATTENDEE} per attendee.
 *
 * <ul>
 *   <li>{@link MeetingInvite.Method#REQUEST}: {@code METHOD:REQUEST}, {@code STATUS:CONFIRMED}, attendees as
 *       required participants who need to act and are asked to reply ({@code RSVP=TRUE});</li>
 *   <li>{@link MeetingInvite.Method#CANCEL}: {@code METHOD:CANCEL}, {@code STATUS:CANCELLED}, the same UID, the
 *       attendees without a reply request; calendars remove the meeting (a series as a whole);</li>
 *   <li>a single meeting: {@code DTSTART}/{@code DTEND} in UTC;</li>
 *   <li>a series ({@link MeetingInvite#recurrence()}): {@code DTSTART}/{@code DTEND} as wall-clock times with the
 *       series' {@code TZID} and its {@code VTIMEZONE} (from ical4j's bundled time-zone database; nothing is fetched
 *       over the network), so the series keeps its local time across daylight-saving changes; {@code RRULE} from the
 *       interval ({@code FREQ=WEEKLY} for whole weeks, {@code DAILY} for whole days, {@code HOURLY} for whole hours,
 *       {@code MINUTELY} for whole minutes, each with {@code INTERVAL=n}) and {@code UNTIL} in UTC; {@code EXDATE}
 *       with the left-out occurrences in the same zone. A series in a fixed-offset zone (UTC, {@code +02:00}) is
 *       written in UTC. A zone java.time knows and ical4j's database does not (the {@code SystemV/*} ids) gets a
 *       {@code VTIMEZONE} built from java.time's rules and checked against them ({@link ZoneDefinitions});</li>
 *   <li>a series whose first meeting is the second of two equal wall-clock times (02:30 the night the clocks go
 *       back), which {@code DTSTART;TZID=} cannot express (RFC 5545 section 3.3.5 reads it as the first, an hour
 *       early): a second {@code VEVENT} overrides that first instance ({@code RECURRENCE-ID}) with its real start in
 *       UTC.</li>
 * </ul>
 *
 * <p>The calendar is validated by ical4j before it is sent. Thread-safe.
 */
final class MeetingInvitations {
    private static final DateTimeFormatter UTC_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String productId;
    private final Clock clock;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    MeetingInvitations(String productId, Clock clock) {
        this.productId = requireNonNull(productId, "productId");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * The invite as iCalendar text ({@code METHOD:REQUEST} or {@code METHOD:CANCEL}), with {@code description} as
     * the event's text.
     *
     * @throws IllegalArgumentException if the invite cannot be expressed as valid iCalendar (retrying cannot help)
     */
    String render(MeetingInvite invite, String description) {
        return render(invite, invite.title(), description);
    }

    /**
     * The invite as iCalendar text with {@code summary} as the event's {@code SUMMARY} (instead of the invite's
     * title: a localised one) and {@code description} as its {@code DESCRIPTION}.
     *
     * @throws IllegalArgumentException if the invite cannot be expressed as valid iCalendar (retrying cannot help)
     */
    String render(MeetingInvite invite, String summary, String description) {
        boolean cancel = invite.method() == MeetingInvite.Method.CANCEL;
        Optional<MeetingInvite.Recurrence> recurrence = invite.recurrence();
        @Nullable
        TimeZone zone = recurrence.map(r -> zoneOf(r.zone(), invite.start())).orElse(null);

        VEvent event;
        if (zone == null) {
            event = new VEvent(invite.start(), invite.start().plus(invite.duration()), summary);
        } else {
            ZonedDateTime start = invite.start().atZone(recurrence.get().zone());
            event = new VEvent(start, start.plus(invite.duration()), summary);
        }
        event.replace(new DtStamp(clock.instant()));
        event.add(new Uid(invite.uid()));
        event.add(new Sequence(invite.sequence()));
        event.add(cancel ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
        if (recurrence.isPresent()) {
            event.add(new RRule<>(recur(recurrence.get())));
            if (!recurrence.get().exceptions().isEmpty()) {
                event.add(exceptions(recurrence.get(), zone != null));
            }
        }
        event.add(new Description(description));
        people(event, invite, cancel);

        Calendar calendar = new Calendar();
        calendar.add(new ProdId(productId));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST);
        if (zone != null) {
            calendar.add(zone.getVTimeZone());
        }
        calendar.add(event);
        if (zone != null && !cancel) {
            secondOfTwo(invite, summary, description).ifPresent(calendar::add);
        }
        requireValid(calendar);

        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalArgumentException("invitation is not valid iCalendar", e);
        }
        return out.toString();
    }

    /**
     * A series whose first meeting is the second of two equal wall-clock times (02:30 on the night the clocks go back):
     * {@code DTSTART;TZID=…} cannot say so (RFC 5545 section 3.3.5: an ambiguous local time is the first one, an hour
     * early). The series keeps its wall-clock {@code DTSTART} (later meetings are right: the RRULE repeats the local
     * time), and an override of that first instance ({@code RECURRENCE-ID} with the same local time, section 3.8.4.4)
     * moves it to the real instant, in UTC. Empty for every other start.
     */
    private Optional<VEvent> secondOfTwo(MeetingInvite invite, String summary, String description) {
        ZonedDateTime start =
                invite.start().atZone(invite.recurrence().orElseThrow().zone());
        if (start.equals(start.withEarlierOffsetAtOverlap())) {
            return Optional.empty();
        }
        VEvent first = new VEvent(invite.start(), invite.start().plus(invite.duration()), summary);
        first.replace(new DtStamp(clock.instant()));
        first.add(new Uid(invite.uid()));
        first.add(new RecurrenceId<>(start.withEarlierOffsetAtOverlap()));
        first.add(new Sequence(invite.sequence()));
        first.add(ImmutableStatus.VEVENT_CONFIRMED);
        first.add(new Description(description));
        people(first, invite, false);
        return Optional.of(first);
    }

    /**
     * A party's name as a {@code CN} parameter, on one line: a parameter value holds no control character (RFC 5545,
     * 3.1), and ical4j writes a line break in one as it is, which no parser (ical4j's own included) reads back. Names
     * that come through the engine are one line already; a host's own {@code Party} may not be.
     */
    private static Cn cn(Party party) {
        return new Cn(
                party.displayName().replaceAll("[\\p{Cc}\\u2028\\u2029]+", " ").strip());
    }

    /** The organizer and one attendee per invited party. */
    private static void people(VEvent event, MeetingInvite invite, boolean cancel) {
        Organizer organizer = new Organizer(mailto(invite.organizer()));
        organizer.add(cn(invite.organizer()));
        event.add(organizer);
        for (Party party : invite.attendees()) {
            Attendee attendee = new Attendee(mailto(party));
            attendee.add(cn(party));
            attendee.add(CuType.INDIVIDUAL);
            attendee.add(Role.REQ_PARTICIPANT);
            if (!cancel) {
                attendee.add(PartStat.NEEDS_ACTION);
                attendee.add(Rsvp.TRUE);
            }
            event.add(attendee);
        }
    }

    /**
     * The zone of a series, or {@code null} for a fixed offset (written in UTC). A zone ical4j's database lacks is
     * defined from java.time's rules ({@link ZoneDefinitions}).
     */
    private @Nullable TimeZone zoneOf(ZoneId zone, Instant start) {
        if (zone.getRules().isFixedOffset()) {
            return null;
        }
        TimeZone found;
        synchronized (zones) {
            try {
                found = zones.getTimeZone(zone.getId());
            } catch (NullPointerException e) {
                found = null; // ical4j 4.2.0 throws rather than answer null for an id its database lacks
            }
        }
        if (found != null) {
            return found;
        }
        // a zone java.time knows and ical4j's database does not (SystemV/EST5EDT)
        return ZoneDefinitions.of(zone, start)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the time zone " + zone.getId() + " cannot be written as a VTIMEZONE that matches its rules"));
    }

    /** {@code FREQ} and {@code INTERVAL} from the period, {@code UNTIL} in UTC. */
    private static Recur<Temporal> recur(MeetingInvite.Recurrence recurrence) {
        Duration interval = recurrence.interval();
        String rule;
        if (interval.toSeconds() % 60 != 0 || interval.toNanosPart() != 0) {
            throw new IllegalArgumentException("a series must repeat in whole minutes: " + interval);
        } else if (interval.toSeconds() % Duration.ofDays(7).toSeconds() == 0) {
            rule = "FREQ=WEEKLY;INTERVAL=" + interval.toDays() / 7;
        } else if (interval.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
            rule = "FREQ=DAILY;INTERVAL=" + interval.toDays();
        } else if (interval.toSeconds() % Duration.ofHours(1).toSeconds() == 0) {
            rule = "FREQ=HOURLY;INTERVAL=" + interval.toHours();
        } else {
            rule = "FREQ=MINUTELY;INTERVAL=" + interval.toMinutes();
        }
        if (recurrence.until().isPresent()) {
            rule += ";UNTIL=" + UTC_STAMP.format(recurrence.until().get());
        }
        try {
            return new Recur<>(rule);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("recurrence cannot be expressed as an RRULE", e);
        }
    }

    /** One {@code EXDATE} with every left-out start: in the series' zone, or in UTC for a fixed offset. */
    private static ExDate<?> exceptions(MeetingInvite.Recurrence recurrence, boolean zoned) {
        if (!zoned) {
            return new ExDate<>(new DateList<>(new ArrayList<Instant>(recurrence.exceptions())));
        }
        List<ZonedDateTime> local = new ArrayList<>();
        recurrence.exceptions().forEach(start -> local.add(start.atZone(recurrence.zone())));
        ExDate<ZonedDateTime> exDate = new ExDate<>(new DateList<>(local));
        exDate.add(new TzId(recurrence.zone().getId()));
        return exDate;
    }

    /**
     * Fails on ical4j's validation errors. ical4j 4.2.0 reports one error for the {@code VALARM} rules of iTIP
     * methods even when the event has no alarm; an invitation never carries one, so entries about {@code VALARM}
     * are not errors of this calendar.
     */
    private static void requireValid(Calendar calendar) {
        List<String> errors = new ArrayList<>();
        for (ValidationEntry entry : calendar.validate().getEntries()) {
            if (entry.getSeverity() == ValidationEntry.Severity.ERROR && !"VALARM".equals(entry.getContext())) {
                errors.add(entry.getContext() + ": " + entry.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invitation is not valid iCalendar: " + errors);
        }
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
