package dev.escalation;

import static dev.escalation.Draft.params;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.EntryParam;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The communication plan's meetings as one iCalendar series: whenever a write agrees or changes the plan of an
 * active escalation, the Incident Manager and the Escalation Manager get one {@link MeetingInvite} with the same uid
 * ({@code <escalation>/plan}), the next sequence and a {@link MeetingInvite.Recurrence}: every plan period
 * (wall-clock, in the plan's series zone: the customer side's zone recorded with the plan, the vendor's for a plan
 * stored without one) from the first meeting, without the occurrences that fall on a holiday of the vendor's coverage
 * calendar or of the customer's contract calendar known when sent (looked at for {@link #HORIZON}): an occurrence is
 * left out when, at its instant, the calendar's own zone has a holiday that closes it (its local date there, whatever
 * the series' zone). The plan has no meeting length; the series uses {@link #LENGTH}. Reads no port.
 */
final class PlanSeries {
    /** How long each meeting of the series is shown. */
    static final Duration LENGTH = Duration.ofMinutes(30);
    /** How far ahead holidays are looked up for exceptions. */
    static final Duration HORIZON = Duration.ofDays(180);

    private static final int MAX_EXCEPTIONS = 100;

    private PlanSeries() {}

    /** Queues the series invitation of the draft's plan with iCalendar sequence {@code sequence}. */
    static void invite(Draft d, Lookups l, SlaClock sla, int sequence) {
        CommunicationPlan plan = d.plan.orElseThrow();
        Optional<Party> manager = d.manager.flatMap(
                id -> People.participant(d.base, Party.Kind.STAFF, id.value()).or(() -> l.member(id)));
        if (manager.isEmpty()) {
            return; // an active escalation always has a manager; stored data from elsewhere may not
        }
        Party raiser = People.raiser(d.base, l);
        ZoneId zone = plan.seriesZone(l.vendorZone());
        List<BusinessCalendar> calendars = new ArrayList<>(2);
        calendars.add(sla.vendor());
        l.calendarOf(d.base.customer()).map(sla::build).ifPresent(calendars::add);
        List<Instant> exceptions = exceptions(plan, zone, calendars);
        MeetingInvite invite = new MeetingInvite(
                d.base.id().value() + "/plan",
                "Escalation meetings: case " + d.base.caseId(),
                plan.firstMeetingAt(),
                LENGTH,
                manager.get(),
                List.of(raiser, manager.get()),
                sequence,
                MeetingInvite.Method.REQUEST,
                Optional.of(new MeetingInvite.Recurrence(plan.frequency(), zone, Optional.empty(), exceptions)));
        for (Party p : invite.attendees()) {
            d.notify(
                    NotificationKind.MEETING_SERIES_INVITATION,
                    p,
                    params(
                            "firstMeetingAt",
                            new EntryParam.At(plan.firstMeetingAt()),
                            "frequency",
                            new EntryParam.Span(plan.frequency()),
                            "channel",
                            EntryParam.Code.of(plan.channel()),
                            "sequence",
                            new EntryParam.Count(sequence)),
                    Optional.empty(),
                    Optional.of(invite));
        }
    }

    /**
     * The occurrences within {@link #HORIZON} that fall on a holiday of one of the calendars. Occurrences repeat in
     * local time for whole days (as {@code FREQ=DAILY/WEEKLY} in the series' zone does), else by the exact period.
     */
    static List<Instant> exceptions(CommunicationPlan plan, ZoneId zone, List<BusinessCalendar> calendars) {
        Duration every = plan.frequency();
        if (every.isNegative() || every.isZero()) {
            return slowExceptions(plan, zone, calendars);
        }
        if (withoutHolidays(calendars)) {
            return new ArrayList<>(); // no occurrence can fall on a holiday: nothing to walk
        }
        boolean days = every.toSeconds() % 86_400 == 0 && every.toNanosPart() == 0;
        List<Instant> result = new ArrayList<>();
        Instant end = plan.firstMeetingAt().plus(HORIZON);
        if (!days) {
            // first + n * every, summed exactly (Instant arithmetic is exact), without a BigDecimal per occurrence
            for (Instant at = plan.firstMeetingAt();
                    result.size() < MAX_EXCEPTIONS && !at.isAfter(end);
                    at = at.plus(every)) {
                for (BusinessCalendar c : calendars) {
                    if (c.closingHoliday(at).isPresent()) {
                        result.add(at);
                        break;
                    }
                }
            }
            return result;
        }
        SeriesDays local = new SeriesDays(plan.firstMeetingAt().atZone(zone), every.toDays(), end);
        for (long n = 0; result.size() < MAX_EXCEPTIONS; n++) {
            if (!local.move(n)) {
                break;
            }
            for (BusinessCalendar c : calendars) {
                boolean closes = c.zone().equals(zone)
                        ? closesAt(c, local.date(), local.time())
                        : c.closingHoliday(local.at()).isPresent();
                if (closes) {
                    result.add(local.at());
                    break;
                }
            }
        }
        return result;
    }

    /** Whether none of the calendars has holidays: each has {@link HolidaySource#none()} (compared by identity). */
    private static boolean withoutHolidays(List<BusinessCalendar> calendars) {
        for (BusinessCalendar c : calendars) {
            if (c.holidays() != HolidaySource.none()) {
                return false;
            }
        }
        return true;
    }

    /** The slow path: {@link #exceptions} as first written (the tests compare the two). */
    static List<Instant> slowExceptions(CommunicationPlan plan, ZoneId zone, List<BusinessCalendar> calendars) {
        List<Instant> result = new ArrayList<>();
        Duration every = plan.frequency();
        boolean days = every.toSeconds() % 86_400 == 0 && every.toNanosPart() == 0;
        ZonedDateTime first = plan.firstMeetingAt().atZone(zone);
        Instant end = plan.firstMeetingAt().plus(HORIZON);
        for (long n = 0; result.size() < MAX_EXCEPTIONS; n++) {
            ZonedDateTime local = days ? first.plusDays(every.toDays() * n) : null;
            Instant at =
                    local != null ? local.toInstant() : plan.firstMeetingAt().plus(every.multipliedBy(n));
            if (at.isAfter(end)) {
                break;
            }
            for (BusinessCalendar c : calendars) {
                boolean closes = local != null && c.zone().equals(zone)
                        ? closesAt(c, local.toLocalDate(), local.toLocalTime())
                        : c.closingHoliday(at).isPresent();
                if (closes) {
                    result.add(at);
                    break;
                }
            }
        }
        return result;
    }

    /**
     * {@code c.closingHoliday(local.toInstant()).isPresent()} for a time already in the calendar's zone: a holiday
     * that day closes it all day, or from its {@code closedFrom} on.
     */
    private static boolean closesAt(BusinessCalendar c, LocalDate date, LocalTime time) {
        Optional<Holiday> h = c.holidays().holidayOn(date);
        if (h.isEmpty()) {
            return false;
        }
        Optional<LocalTime> from = h.get().closedFrom();
        return from.isEmpty() || !time.isBefore(from.get());
    }
}
