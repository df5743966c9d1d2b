package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A vendor coverage calendar open a microsecond a week, with an SLA policy: measuring a 4-hour target walked billions
 * of weeks window by window and {@code escalate} did not return. The builder refuses such a coverage calendar when SLA
 * policies are registered, naming it.
 */
class SparseCoverageCalendarTest {
    private static final BusinessCalendar SPARSE = BusinessCalendar.builder(ZoneOffset.UTC)
            .open(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(9, 0, 0, 1_000))
            .build();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCoverageCalendarTooSparseForSlaTargetsIsRefusedByTheBuilder() {
        assertThatThrownBy(() -> Cast.world(b -> b.coverage(SPARSE).slaPolicy(SlaFixtures.V1))
                        .engine()
                        .escalate(
                                Cast.INA,
                                new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("coverage calendar");
    }

    @Test
    void withoutSlaPoliciesTheSameCalendarStillServes() {
        assertThat(Cast.world(b -> b.coverage(SPARSE))
                        .engine()
                        .escalate(
                                Cast.INA,
                                new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                        .escalation())
                .isNotNull();
    }
}
