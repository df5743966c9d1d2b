package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.EscalationException;
import dev.escalation.InvalidCommandException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.Interval;
import dev.escalation.calendar.NoHolidayDataException;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.Projection;
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
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * SLA targets are bounded by the calendars they are measured in ({@link SlaPolicy#MAX_TARGET_WEEKS} regular weeks), so
 * no accepted configuration makes a command walk centuries: a ten-year target in a coverage open one hour a week (a
 * deadline in the year 3710, 700,000 explanation steps, seconds per read) is refused when the engine is built. Work is
 * counted (explanation steps, dates asked of the holiday source), never timed. Holiday data that do not cover a date
 * are a non-retryable refusal, not an outage.
 */
class SlaTargetLimitsTest {
    private static final Instant MONDAY = SlaFixtures.berlin("2027-01-18T09:30");

    /** Berlin, open Monday 09:00–10:00 only: one hour a week, the least the engine measures targets in. */
    private static BusinessCalendar hourAWeek(HolidaySource holidays) {
        return BusinessCalendar.builder(Cast.BERLIN)
                .open(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))
                .holidays(holidays)
                .build();
    }

    private static SlaPolicy policy(Duration target) {
        return SlaPolicy.builder("long", 1)
                .firstContact(Criticality.CRITICAL, target)
                .resolution(Criticality.CRITICAL, target)
                .warnAt(75)
                .build();
    }

    @Test
    void aTenYearTargetInACoverageOpenOneHourAWeekIsRefusedWhenTheEngineIsBuilt() {
        assertThatThrownBy(() -> Cast.world(
                        b -> b.coverage(hourAWeek(HolidaySource.none())).slaPolicy(policy(SlaPolicy.MAX_DURATION))))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_COMMAND");
                    assertThat(e.violations().get(0).code()).isEqualTo("slaPolicy.firstContact.Reachable");
                    assertThat(e.getMessage())
                            .contains("long@1", "PT87840H", "104 weeks", "PT1H a week", "at most PT104H");
                });
    }

    @Test
    void aTargetOfOneHundredAndFourWeeksOfTheCoverageIsAcceptedAndOneNanosecondMoreIsNot() {
        Duration reach = Duration.ofHours(SlaPolicy.MAX_TARGET_WEEKS);
        assertThat(hourAWeek(HolidaySource.none()).weeklyOpenTime()).isEqualTo(Duration.ofHours(1));
        Scenario ok =
                Cast.world(b -> b.coverage(hourAWeek(HolidaySource.none())).slaPolicy(policy(reach)));
        assertThat(ok.engine()).isNotNull();
        SlaPolicy contact =
                SlaPolicy.builder("contact", 1).contactEvery(reach.plusNanos(1)).build();
        assertThatThrownBy(() -> Cast.world(
                        b -> b.coverage(hourAWeek(HolidaySource.none())).slaPolicy(contact)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations().get(0).code()).isEqualTo("slaPolicy.contactEvery.Reachable"));
        // the German coverage's 40 hours a week reach 4,160 business hours (about 173 days of 24 hours)
        assertThat(Cast.world(b -> b.coverage(SlaFixtures.coverage()).slaPolicy(policy(Duration.ofHours(4160))))
                        .engine())
                .isNotNull();
        assertThatThrownBy(() ->
                        Cast.world(b -> b.coverage(SlaFixtures.coverage()).slaPolicy(policy(Duration.ofHours(4161)))))
                .isInstanceOf(InvalidCommandException.class);
    }

    @Test
    void theLargestAcceptedTargetInTheSparsestAcceptedCoverageIsExplainedInABoundedNumberOfSteps() {
        AtomicLong asked = new AtomicLong();
        HolidaySource counting = date -> {
            asked.incrementAndGet();
            return Optional.empty();
        };
        Duration reach = Duration.ofHours(SlaPolicy.MAX_TARGET_WEEKS); // one hour a week, 104 weeks
        Scenario w = Cast.world(b -> b.coverage(hourAWeek(counting)).slaPolicy(policy(reach)));
        Projection p = w.engine().operations().whatIf(Cast.SAM, WhatIf.at(MONDAY, Criticality.CRITICAL));

        // a week of this calendar has eight steps: counted, outside hours (Monday), Tuesday to Friday (no business
        // hours on each), weekend, outside hours (next Monday until 09:00); 104 weeks and the partial ones at the ends
        int perDeadline = 8 * (SlaPolicy.MAX_TARGET_WEEKS + 2);
        assertThat(p.deadlines()).hasSize(2).allSatisfy(d -> {
            assertThat(d.explain().steps()).hasSizeLessThanOrEqualTo(perDeadline);
            assertThat(d.dueAt()).isBefore(MONDAY.plus(Duration.ofDays(7L * (SlaPolicy.MAX_TARGET_WEEKS + 1))));
            assertThat(d.render().length()).isLessThan(perDeadline * 60);
        });
        // each walk asks at most the dates of 105 weeks (and the look-back of the zone); a what-if walks a fixed number
        // of times (deadlines, their explanations and warnings, the planned steps, the hotline's next opening)
        long walkDays = 7L * (SlaPolicy.MAX_TARGET_WEEKS + 2);
        assertThat(asked.get()).isLessThanOrEqualTo(12 * walkDays);

        asked.set(0);
        EscalationId id = w.engine().escalate(Cast.INA, SlaFixtures.critical()).escalation();
        List<Deadline> deadlines = w.engine().deadlines(Cast.SAM, id);
        assertThat(deadlines).hasSize(2);
        assertThat(deadlines.stream().mapToInt(d -> d.explain().steps().size()).sum())
                .isLessThanOrEqualTo(2 * perDeadline);
        assertThat(asked.get()).isLessThanOrEqualTo(12 * walkDays);
    }

    @Test
    void aWhatIfCustomerCalendarOpenTooLittleForTheLongestTargetMeasuredInItIsRefused() {
        SlaPolicy contract = SlaPolicy.builder("contract", 1)
                .resolution(Criticality.CRITICAL, Duration.ofHours(200))
                .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(contract));
        CalendarSpec oneHour = new CalendarSpec(
                "Europe/Berlin",
                Optional.empty(),
                List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))));
        CalendarSpec twoHours = new CalendarSpec(
                "Europe/Berlin",
                Optional.empty(),
                List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(11, 0))));
        WhatIf tooLittle = WhatIf.at(MONDAY, Criticality.CRITICAL).withCustomerCalendar(oneHour);
        assertThatThrownBy(() -> w.engine().operations().whatIf(Cast.SAM, tooLittle))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.violations().get(0).code()).isEqualTo("whatIf.customerCalendar.OpenTime");
                    assertThat(e.getMessage()).contains("PT1H a week", "PT200H", "104 weeks");
                });
        Projection p = w.engine()
                .operations()
                .whatIf(Cast.SAM, WhatIf.at(MONDAY, Criticality.CRITICAL).withCustomerCalendar(twoHours));
        assertThat(p.deadlines()).hasSize(1);
    }

    @Test
    void aWhatIfPauseEndingMoreThanOneHundredAndFourWeeksAfterTheRaiseIsRefused() {
        Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
        Instant reach = MONDAY.plus(Duration.ofDays(7L * SlaPolicy.MAX_TARGET_WEEKS));
        WhatIf far = WhatIf.at(MONDAY, Criticality.CRITICAL)
                .withPause(Interval.of(MONDAY, reach.plusNanos(1), "waiting for customer"));
        assertThatThrownBy(() -> w.engine().operations().whatIf(Cast.SAM, far))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations().get(0).code()).isEqualTo("whatIf.pauses.Range"));
        WhatIf within =
                WhatIf.at(MONDAY, Criticality.CRITICAL).withPause(Interval.of(MONDAY, reach, "waiting for customer"));
        assertThat(w.engine().operations().whatIf(Cast.SAM, within).deadlines()).hasSize(2);
    }

    @Test
    void aWhatIfBeyondTheHolidayDataIsANonRetryableRefusalNotAnOutage() {
        HolidaySource until2174 = date -> {
            if (date.getYear() > 2174) {
                throw new NoHolidayDataException("no holiday data for the year " + date.getYear());
            }
            return Optional.empty();
        };
        SlaPolicy contract = SlaPolicy.builder("contract", 1)
                .resolution(Criticality.CRITICAL, Duration.ofHours(16))
                .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(contract).holidayRegions(region -> until2174));
        CalendarSpec islamic = new CalendarSpec(
                "Asia/Riyadh",
                Optional.of("SA"),
                List.of(new OpeningHours(DayOfWeek.SUNDAY, LocalTime.of(8, 0), LocalTime.of(16, 0))));
        Instant in2175 =
                ZonedDateTime.parse("2175-03-04T10:00:00+03:00[Asia/Riyadh]").toInstant();
        WhatIf whatIf = WhatIf.at(in2175, Criticality.CRITICAL).withCustomerCalendar(islamic);
        assertThatThrownBy(() -> w.engine().operations().whatIf(Cast.SAM, whatIf))
                .isInstanceOfSatisfying(EscalationException.class, e -> {
                    assertThat(e).isInstanceOf(InvalidCommandException.class);
                    assertThat(((InvalidCommandException) e).violations().get(0).code())
                            .isEqualTo("calendar.HolidayData");
                });
        Instant in2173 =
                ZonedDateTime.parse("2173-03-04T10:00:00+03:00[Asia/Riyadh]").toInstant();
        assertThat(w.engine()
                        .operations()
                        .whatIf(
                                Cast.SAM,
                                WhatIf.at(in2173, Criticality.CRITICAL).withCustomerCalendar(islamic))
                        .deadlines())
                .hasSize(1);
    }

    @Test
    void aDirectorysCalendarTooLittleForTheLongestTargetMeasuredInItIsANonRetryableRefusalAndNothingIsStored() {
        SlaPolicy contract = SlaPolicy.builder("contract", 1)
                .resolution(Criticality.CRITICAL, Duration.ofHours(105))
                .measure(DueKind.RESOLUTION, SlaCalendar.CUSTOMER_CONTRACT)
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(contract));
        CustomerId sparse = CustomerId.of("sparse");
        CalendarSpec oneHour = new CalendarSpec(
                "UTC",
                Optional.empty(),
                List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(10, 0))));
        w.customerDirectory()
                .add(new CustomerAccount(sparse, "SPARSE", Optional.of(oneHour)))
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
        // retrying never succeeds: not UNAVAILABLE, but a code of its own (as a what-if's whatIf.customerCalendar)
        assertThatThrownBy(() -> w.engine().escalate(Actor.contact("sue"), command))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.violations().get(0).code()).isEqualTo("customerCalendar.OpenTime");
                    assertThat(e.getMessage()).contains("PT1H a week", "PT105H", "104 weeks");
                });
        assertThat(w.store()
                        .listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(10))
                        .items())
                .isEmpty();
    }

    @Test
    void theWeeklyOpenTimeSumsTheWindowsAndCountsAWindowToMidnightInFull() {
        assertThat(BusinessCalendar.alwaysOpen().weeklyOpenTime()).isEqualTo(Duration.ofDays(7));
        assertThat(SlaFixtures.coverage().weeklyOpenTime()).isEqualTo(Duration.ofHours(40));
        assertThat(BusinessCalendar.builder(Cast.BERLIN)
                        .open(DayOfWeek.SUNDAY, LocalTime.of(22, 0), LocalTime.MAX)
                        .open(DayOfWeek.MONDAY, LocalTime.MIN, LocalTime.of(2, 0))
                        .open(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(9, 30))
                        .build()
                        .weeklyOpenTime())
                .isEqualTo(Duration.ofMinutes(4 * 60 + 30));
    }
}
