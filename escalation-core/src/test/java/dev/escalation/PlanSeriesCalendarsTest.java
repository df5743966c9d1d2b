package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plan's series invitation leaves out the meetings that fall on a holiday of the customer's contract calendar
 * (the calendar the directory names for the customer, its holidays from the host's region resolver), not only those
 * of the vendor's coverage calendar.
 */
class PlanSeriesCalendarsTest {

    /** The world's plan: daily from 12:00 on Tuesday 2027-01-12 (Berlin); the customer's holiday is the Friday. */
    private static final ZonedDateTime FIRST = ZonedDateTime.parse("2027-01-12T12:00:00+01:00[Europe/Berlin]");

    private static final Holiday COMPANY_DAY = Holiday.allDay(FIRST.plusDays(3).toLocalDate(), "Company day");

    private static List<Instant> seriesExceptions(World w) {
        return w.memoryStore.outbox().claim("t", w.clock.instant(), Duration.ofMinutes(1), 500).stream()
                .map(c -> c.message().effect())
                .filter(e ->
                        e instanceof NotificationRequest n && n.kind() == NotificationKind.MEETING_SERIES_INVITATION)
                .map(e -> ((NotificationRequest) e)
                        .invite()
                        .flatMap(MeetingInvite::recurrence)
                        .orElseThrow())
                .map(MeetingInvite.Recurrence::exceptions)
                .distinct()
                .reduce((a, b) -> {
                    throw new AssertionError("two series: " + a + " and " + b);
                })
                .orElseThrow();
    }

    @Test
    void aMeetingOnAHolidayOfTheCustomersContractCalendarIsLeftOut() {
        World w = new World(
                b -> b.holidayRegions(code -> code.equals("XX") ? HolidaySource.of(List.of(COMPANY_DAY)) : null));
        w.customers.add(new CustomerAccount(
                CustomerId.of("acme"),
                "ACME",
                Optional.of(new CalendarSpec(
                        "Europe/Berlin",
                        Optional.of("XX"),
                        SlaFixtures.openingHours("Europe/Berlin", 0, 23, DayOfWeek.SUNDAY)
                                .hours()))));

        EscalationId id = w.active();

        assertThat(w.stored(id).plan().orElseThrow().firstMeetingAt()).isEqualTo(FIRST.toInstant());
        assertThat(seriesExceptions(w)).containsExactly(FIRST.plusDays(3).toInstant());
    }

    @Test
    void withoutAContractCalendarNoMeetingIsLeftOut() {
        World w = new World(b -> b.holidayRegions(code -> HolidaySource.of(List.of(COMPANY_DAY))));

        w.active();

        assertThat(seriesExceptions(w)).isEmpty();
    }
}
