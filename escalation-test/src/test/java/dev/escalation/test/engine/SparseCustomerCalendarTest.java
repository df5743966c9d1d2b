package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.InvalidCommandException;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A customer contract calendar open a microsecond a week: the calendar walks window by window, so measuring a 16-hour
 * target in it walked billions of weeks and {@code whatIf} did not return. A contract calendar open less than an hour a
 * week is refused as unusable: a directory's with the non-retryable {@code customerCalendar.OpenTime} (retrying never
 * succeeds), a what-if's with {@code INVALID_COMMAND} on {@code whatIf.customerCalendar}.
 */
class SparseCustomerCalendarTest {
    private static final SlaPolicy CONTRACT = SlaPolicy.builder("contract", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .resolution(Criticality.CRITICAL, Duration.ofHours(16))
            .measure(DueKind.FIRST_CONTACT, SlaCalendar.CUSTOMER_CONTRACT)
            .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
            .build();

    private final Scenario w = Cast.world(b -> b.slaPolicy(CONTRACT));
    private final Instant now = w.clock().instant();

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCalendarOpenLessThanAnHourAWeekIsRefusedInsteadOfWalked() {
        for (LocalTime closes : List.of(
                LocalTime.of(9, 0, 0, 1), LocalTime.of(9, 0, 0, 1_000), LocalTime.of(9, 0, 1), LocalTime.of(9, 59))) {
            WhatIf whatIf = WhatIf.at(now, Criticality.CRITICAL).withCustomerCalendar(monday(closes));
            assertThatThrownBy(() -> w.engine().operations().whatIf(Cast.SAM, whatIf))
                    .as(closes.toString())
                    .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                        assertThat(e.violations().get(0).field()).isEqualTo("whatIf.customerCalendar");
                        assertThat(e.violations().get(0).rule()).isEqualTo("Calendar");
                        assertThat(e.getMessage()).contains("less than one hour a week");
                    });
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDirectorysCalendarOpenLessThanAnHourAWeekIsANonRetryableRefusalAndNothingIsStored() {
        CustomerId sparse = CustomerId.of("sparse");
        w.customerDirectory()
                .add(new CustomerAccount(sparse, "SPARSE", Optional.of(monday(LocalTime.of(9, 0, 0, 1_000)))))
                .add(new Touchpoint(
                        ContactId.of("sue"),
                        sparse,
                        "Contact sue",
                        "sue@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("S-1"), sparse, "Sparse hours"));
        EscalateCase command =
                new EscalateCase(CaseId.of("S-1"), "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null);
        assertThatThrownBy(() -> w.engine().escalate(Actor.contact("sue"), command))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.violations().get(0).code()).isEqualTo("customerCalendar.OpenTime");
                    assertThat(e.getMessage()).contains("less than one hour a week");
                });
        assertThat(w.store()
                        .listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(10))
                        .items())
                .isEmpty();
    }

    @Test
    void anHourAWeekIsEnough() {
        WhatIf whatIf = WhatIf.at(now, Criticality.CRITICAL).withCustomerCalendar(monday(LocalTime.of(10, 0)));
        assertThat(w.engine().operations().whatIf(Cast.SAM, whatIf).deadlines()).isNotEmpty();
    }

    private static CalendarSpec monday(LocalTime closes) {
        return new CalendarSpec(
                "UTC", Optional.empty(), List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), closes)));
    }
}
