package dev.escalation;

import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CustomerId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.CustomerAccount;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A customer's contract calendar the engine cannot build (the directory names an unknown zone or holiday region, or
 * the host's region resolver fails) while a policy measures a target in it: the command is the retryable
 * {@code UNAVAILABLE} error and records nothing, as for a directory that cannot answer (before: an untyped
 * {@code IllegalStateException}, or whatever the resolver threw).
 */
class ContractCalendarFaultsTest {
    private static final CustomerId ACME = CustomerId.of("acme");

    /** A world whose policy measures the resolution in the customer's calendar, ACME's calendar being {@code spec}. */
    private static World world(CalendarSpec spec, Function<String, HolidaySource> regions) {
        World w = new World(
                b -> b.slaPolicy(SlaFixtures.everyStep("customer-time")).holidayRegions(regions));
        w.customers.add(new CustomerAccount(ACME, "ACME", Optional.of(spec)));
        return w;
    }

    private static void unavailableAndNothingRecorded(World w) {
        assertThatThrownBy(() -> w.engine.escalate(INA, World.escalateC1()))
                .isInstanceOfSatisfying(
                        EscalationUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("UNAVAILABLE"));
        w.assertRecordedNothing("an unusable contract calendar");
    }

    private static CalendarSpec berlinHours(String zone, Optional<String> region) {
        CalendarSpec hours = SlaFixtures.openingHours("Europe/Berlin", 8, 18, DayOfWeek.FRIDAY);
        return new CalendarSpec(zone, region, hours.hours());
    }

    @Test
    void anUnknownZoneIsUnavailable() {
        unavailableAndNothingRecorded(world(berlinHours("Mars/Olympus", Optional.empty()), code -> null));
    }

    @Test
    void anUnknownHolidayRegionIsUnavailable() {
        unavailableAndNothingRecorded(world(berlinHours("Europe/Berlin", Optional.of("XX-YY")), code -> null));
    }

    /**
     * The directory's region is the host's data and may be anything: the error quotes it only when it is short and
     * printable (before: control characters, a bidi override and 5,000 characters went into the message, the region
     * named twice).
     */
    @Test
    void theErrorQuotesNoHostileRegion() {
        for (String region : List.of("DE\u202E-XY\r\nforged: line", "R".repeat(5_000))) {
            World w = world(berlinHours("Europe/Berlin", Optional.of(region)), code -> {
                throw new IllegalArgumentException("unknown holiday region '" + code + "'");
            });
            assertThatThrownBy(() -> w.engine.escalate(INA, World.escalateC1()))
                    .isInstanceOf(EscalationUnavailableException.class)
                    .message()
                    .doesNotContain(region)
                    .doesNotContainPattern("[\\p{Cc}\\p{Cf}]")
                    .hasSizeLessThan(400);
            w.assertRecordedNothing("an unusable contract calendar");
        }
        List<Function<String, HolidaySource>> resolvers = List.of(code -> null, code -> {
            throw new IllegalArgumentException("unknown holiday region '" + code + "': it has none");
        });
        for (Function<String, HolidaySource> resolver : resolvers) {
            World plain = world(berlinHours("Europe/Berlin", Optional.of("XX-YY")), resolver);
            assertThatThrownBy(() -> plain.engine.escalate(INA, World.escalateC1()))
                    .hasMessageContaining("unknown holiday region 'XX-YY'")
                    .message()
                    .satisfies(m -> assertThat(m.indexOf("XX-YY")).isEqualTo(m.lastIndexOf("XX-YY")));
        }
    }

    @Test
    void aRegionResolverThatFailsIsUnavailable() {
        unavailableAndNothingRecorded(world(berlinHours("Europe/Berlin", Optional.of("DE")), code -> {
            throw new IllegalStateException("holiday service down");
        }));
    }

    /**
     * A calendar without opening hours can measure no target, however often asked: the non-retryable {@code
     * customerCalendar.OpenTime}, as one open too little (before: {@code UNAVAILABLE}, which never succeeded).
     */
    @Test
    void aCalendarWithoutOpeningHoursIsANonRetryableRefusal() {
        World w = world(new CalendarSpec("Europe/Berlin", Optional.empty(), List.of()), code -> null);
        assertThatThrownBy(() -> w.engine.escalate(INA, World.escalateC1()))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.violations().get(0).code()).isEqualTo("customerCalendar.OpenTime");
                    assertThat(e.getMessage()).contains("no opening hours");
                });
        w.assertRecordedNothing("an unusable contract calendar");
    }

    /**
     * Hours on Fridays, but a region that closes every day: the calendar finds no opening within {@link
     * BusinessCalendar#MAX_CLOSED_DAYS} days (before: its {@code IllegalStateException} reached the caller).
     */
    @Test
    void aCalendarThatNeverOpensIsUnavailable() {
        unavailableAndNothingRecorded(world(
                berlinHours("Europe/Berlin", Optional.of("DE")),
                code -> date -> Optional.of(Holiday.allDay(date, "closed"))));
    }

    @Test
    void aCalendarThatCanBeBuiltRecordsTheEscalation() {
        World w = world(berlinHours("America/New_York", Optional.of("DE")), code -> HolidaySource.none());
        assertThat(w.escalated()).isNotNull();
        assertThat(w.engine.deadlines(
                        INA,
                        w.engine
                                .escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(1))
                                .items()
                                .get(0)
                                .id()))
                .isNotEmpty();
    }
}
