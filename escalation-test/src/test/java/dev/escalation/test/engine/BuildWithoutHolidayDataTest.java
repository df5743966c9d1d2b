package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.EscalationUnavailableException;
import dev.escalation.InvalidCommandException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.NoHolidayDataException;
import dev.escalation.spi.UnavailableException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/**
 * A coverage calendar whose holiday source has no data for the dates {@code build()} looks at (a region whose data end
 * before the engine's clock) is refused by {@code build()} with the code the engine answers for such a calendar
 * everywhere else, {@code calendar.HolidayData}: before, the source's {@link NoHolidayDataException} (an {@code
 * IllegalArgumentException}) escaped raw.
 */
class BuildWithoutHolidayDataTest {
    private static final HolidaySource NO_DATA = date -> {
        throw new NoHolidayDataException("no holiday data for the year " + date.getYear());
    };

    private static BusinessCalendar weekdays(HolidaySource holidays) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(Cast.BERLIN);
        for (DayOfWeek d : java.util.EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            b.open(d, LocalTime.of(9, 0), LocalTime.of(17, 0));
        }
        return b.holidays(holidays).build();
    }

    @Test
    void aCoverageWithoutHolidayDataIsRefusedByBuildWithTheHolidayDataCode() {
        assertThatThrownBy(() -> Cast.world(b -> b.coverage(weekdays(NO_DATA)).slaPolicy(SlaFixtures.V1))
                        .engine())
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_COMMAND");
                    assertThat(e.violations()).hasSize(1);
                    assertThat(e.violations().get(0).code()).isEqualTo("calendar.HolidayData");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).contains("coverage");
                    assertThat(e).hasCauseInstanceOf(NoHolidayDataException.class);
                });
    }

    /**
     * A holiday source that fails (its backend is down) at {@code build()} is {@code UNAVAILABLE}, retryable, as
     * everywhere else; before, the SPI's {@link UnavailableException} escaped raw.
     */
    @Test
    void aCoverageWhoseHolidaySourceFailsIsUnavailableAtBuild() {
        HolidaySource down = date -> {
            throw new UnavailableException("holiday service down", null);
        };
        assertThatThrownBy(() -> Cast.world(b -> b.coverage(weekdays(down)).slaPolicy(SlaFixtures.V1))
                        .engine())
                .isInstanceOfSatisfying(EscalationUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNAVAILABLE");
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e).hasCauseInstanceOf(UnavailableException.class);
                });
    }

    @Test
    void theSameCalendarWithHolidayDataBuilds() {
        assertThat(Cast.world(b -> b.coverage(weekdays(HolidaySource.none())).slaPolicy(SlaFixtures.V1))
                        .engine())
                .isNotNull();
    }
}
