package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.Criticality;
import dev.escalation.sla.SlaPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;

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

    private SlaFixtures() {}

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
