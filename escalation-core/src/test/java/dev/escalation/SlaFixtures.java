package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.ProgressKind;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Policies, calendars and instants shared by the SLA tests. */
final class SlaFixtures {
    /**
     * Version 1: critical first contact 1 h, resolution 16 h; warning at 75 %; two repeats, 2 h apart; the customer
     * answers a plan proposal within 30 minutes (so that generated histories reach recording a plan alone).
     */
    static final SlaPolicy V1 = SlaPolicy.builder("standard", 1)
            .planAnswerWithin(Duration.ofMinutes(30))
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .resolution(Criticality.HIGH, Duration.ofHours(40))
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 2)
            .build();
    /** Version 2: critical first contact tightened to 30 min. */
    static final SlaPolicy V2 = SlaPolicy.builder("standard", 2)
            .firstContact(Criticality.CRITICAL, Duration.ofMinutes(30))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .warnAt(50)
            .build();

    /** Wednesday 2027-03-24 08:00 in Berlin: the week of the spring DST switch, Good Friday and Easter Monday. */
    static final Instant EASTER_WEEK = berlin("2027-03-24T08:00");

    /**
     * Contact target every 3 h (status updates count), resolution measured in the customer's calendar, warning at
     * 73 %, two repeats 2 h apart, missed meetings escalated after 45 min: every step the planner can plan.
     */
    static SlaPolicy everyStep(String id) {
        return SlaPolicy.builder(id, 1)
                .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                .firstContact(Criticality.HIGH, Duration.ofMinutes(250))
                .resolution(Criticality.CRITICAL, Duration.ofHours(16))
                .resolution(Criticality.HIGH, Duration.ofHours(40))
                .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                .warnAt(73)
                .repeatAfterBreach(Duration.ofHours(2), 2)
                .contactEvery(Duration.ofHours(3), ProgressKind.STATUS_UPDATE)
                .escalateMissedMeeting(Duration.ofMinutes(45))
                .build();
    }

    /** No customer calendar, Berlin Monday–Friday 8–18, New York Monday–Saturday 7–19. */
    static final List<Optional<CalendarSpec>> CUSTOMER_CALENDARS = List.of(
            Optional.empty(),
            Optional.of(openingHours("Europe/Berlin", 8, 18, DayOfWeek.FRIDAY)),
            Optional.of(openingHours("America/New_York", 7, 19, DayOfWeek.SATURDAY)));

    private SlaFixtures() {}

    /** A customer's contract calendar: open {@code from}–{@code to} o'clock from Monday to {@code last}. */
    static CalendarSpec openingHours(String zone, int from, int to, DayOfWeek last) {
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek d = DayOfWeek.MONDAY; d.compareTo(last) <= 0; d = d.plus(1)) {
            hours.add(new OpeningHours(d, LocalTime.of(from, 0), LocalTime.of(to, 0)));
            if (d == DayOfWeek.SUNDAY) {
                break;
            }
        }
        return new CalendarSpec(zone, Optional.empty(), hours);
    }

    /** {@link #coverage} with Good Friday and Easter Monday 2027. */
    static BusinessCalendar easterCoverage() {
        return coverage(holiday("2027-03-26", "Good Friday"), holiday("2027-03-29", "Easter Monday"));
    }

    static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), World.BERLIN)
                .toInstant();
    }

    /** Berlin, Monday to Friday 09:00–17:00, with the given all-day holidays. */
    static BusinessCalendar coverage(Holiday... holidays) {
        return BusinessCalendar.builder(World.BERLIN)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(List.of(holidays)))
                .build();
    }

    static Holiday holiday(String date, String name) {
        return Holiday.allDay(LocalDate.parse(date), name);
    }
}
