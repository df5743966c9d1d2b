package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.SlaFixtures.V1;
import static dev.escalation.test.engine.SlaFixtures.V2;
import static dev.escalation.test.engine.SlaFixtures.berlin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.UnknownPolicyException;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.calendar.Interval;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.DeadlineState;
import dev.escalation.sla.ProjectedStep;
import dev.escalation.sla.Projection;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.sla.WhatIf;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.test.Scenario;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What-if projections use the engine's derivation and touch no stored data. */
class SlaWhatIfTest {

    @Test
    void aSaturdayCriticalEscalationIsProjectedWithHotlineDeadlinesAndStepsWithoutTouchingStoredData() {
        Scenario w = Cast.world(b -> b.slaPolicy(V1));
        EscalationId existing = Cast.active(w);
        StoredEscalation before = Cast.stored(w, existing);
        List<?> dueBefore = w.store().dueWork().due(berlin("2028-01-01T00:00"), 100);
        long outboxBefore = Cast.pending(w);
        String changesBefore = endOfChanges(w.store(), ChangeBatch.START);

        Projection p = w.engine()
                .operations()
                .whatIf(
                        SAM,
                        WhatIf.at(berlin("2027-01-16T11:00"), Criticality.CRITICAL)
                                .withPause(Interval.of(
                                        berlin("2027-01-18T10:00"),
                                        berlin("2027-01-18T12:00"),
                                        "waiting for customer")));

        assertThat(p.policy()).isEqualTo(V1.ref());
        assertThat(p.hotline()).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(HotlineAdvice.Reason.WEEKEND);
            assertThat(h.resumesAt()).isEqualTo(berlin("2027-01-18T09:00"));
            assertThat(dev.escalation.text.Texts.shipped().hotline(h, Locale.ENGLISH, Cast.BERLIN))
                    .isEqualTo(
                            "Critical escalation raised at the weekend (Sat 16 Jan 2027 11:00 CET); coverage resumes "
                                    + "Mon 18 Jan 2027 09:00 CET. Please call the hotline: Germany +49 911 2399 110, USA +1 "
                                    + "415-363-5510");
        });
        assertThat(p.deadlines()).extracting(Deadline::kind).containsExactly(DueKind.FIRST_CONTACT, DueKind.RESOLUTION);
        assertThat(p.deadlines()).allSatisfy(d -> assertThat(d.state()).isEqualTo(DeadlineState.PENDING));
        assertThat(p.deadlines().get(0).dueAt()).isEqualTo(berlin("2027-01-18T10:00"));
        // 16 business hours from Monday 09:00, two of them paused: Tuesday 17:00 + 2 h = Wednesday 11:00
        assertThat(p.deadlines().get(1).dueAt()).isEqualTo(berlin("2027-01-20T11:00"));
        assertThat(p.steps())
                .extracting(ProjectedStep::step)
                .startsWith("warning", "breach", "breach-repeat-1", "breach-repeat-2");
        assertThat(p.steps()).first().satisfies(s -> assertThat(s.at()).isEqualTo(berlin("2027-01-18T09:45")));
        assertThat(p.steps())
                .filteredOn(s -> s.step().startsWith("breach"))
                .allSatisfy(s -> assertThat(s.audience()).isEqualTo("head of support"));

        assertThat(Cast.stored(w, existing)).isEqualTo(before);
        assertThat(w.store().dueWork().due(berlin("2028-01-01T00:00"), 100)).isEqualTo(dueBefore);
        assertThat(Cast.pending(w)).isEqualTo(outboxBefore);
        assertThat(w.store()
                        .listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(100))
                        .items())
                .hasSize(1);
        // every committed write appears in the change feed (SPI contract): the projection committed none
        assertThat(w.store().changesSince(changesBefore, 100).changes()).isEmpty();
    }

    private static String endOfChanges(EscalationStore store, String cursor) {
        ChangeBatch batch = store.changesSince(cursor, 500);
        return batch.changes().isEmpty() ? batch.cursor() : endOfChanges(store, batch.cursor());
    }

    @Test
    void aTargetMeasuredInTheCustomersCalendarSkipsTheCustomersHolidaysAndOtherVersionsCanBeProjected() {
        SlaPolicy customerTime = SlaPolicy.builder("customer-time", 1)
                .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
                .measure(DueKind.FIRST_CONTACT, SlaCalendar.CUSTOMER_CONTRACT)
                .build();
        Scenario w = Cast.world(b -> b.slaPolicy(V2)
                .slaPolicies(V1, customerTime)
                .holidayRegions(code -> code.equals("XX")
                        ? HolidaySource.of(List.of(SlaFixtures.holiday("2027-01-18", "X Day")))
                        : null));
        List<OpeningHours> hours = new ArrayList<>();
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            hours.add(new OpeningHours(d, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        }
        CalendarSpec spec = new CalendarSpec("Europe/Berlin", Optional.of("XX"), hours);
        WhatIf friday = WhatIf.at(berlin("2027-01-15T16:30"), Criticality.CRITICAL);

        Projection inCustomerTime = w.engine()
                .operations()
                .whatIf(SAM, friday.withCustomerCalendar(spec).withPolicy(customerTime.ref()));
        Projection inVendorTime = w.engine()
                .operations()
                .whatIf(SAM, friday.withCustomerCalendar(spec).withPolicy(V1.ref()));
        Projection current = w.engine().operations().whatIf(SAM, friday);

        assertThat(inCustomerTime.deadlines().get(0).dueAt()).isEqualTo(berlin("2027-01-19T09:30"));
        assertThat(inCustomerTime.deadlines().get(0).calendar()).contains(SlaCalendar.CUSTOMER_CONTRACT);
        assertThat(inCustomerTime.deadlines().get(0).render()).contains("public holiday X Day");
        assertThat(inVendorTime.deadlines().get(0).dueAt()).isEqualTo(berlin("2027-01-18T09:30"));
        assertThat(current.policy()).isEqualTo(V2.ref());
        assertThat(current.deadlines().get(0).dueAt()).isEqualTo(berlin("2027-01-15T17:00"));
    }

    @Test
    void whatIfRefusesCustomersUnknownRegionsAndPausesBeforeTheEscalation() {
        Scenario w = Cast.world(b -> b.slaPolicy(V1));
        Scenario neverOpen = Cast.world(b -> b.slaPolicy(V1)
                .holidayRegions(
                        code -> code.equals("ZZ") ? date -> Optional.of(Holiday.allDay(date, "closed")) : null));
        WhatIf friday = WhatIf.at(berlin("2027-01-15T16:30"), Criticality.CRITICAL);
        List<OpeningHours> mondays =
                List.of(new OpeningHours(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));

        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .whatIf(
                                SAM,
                                friday.withCustomerCalendar(
                                        new CalendarSpec("Europe/Berlin", Optional.of("YY"), List.of()))))
                .hasMessageContaining("unknown holiday region 'YY'");
        assertThat(neverOpen
                        .engine()
                        .operations()
                        .whatIf(
                                SAM,
                                friday.withCustomerCalendar(
                                        new CalendarSpec("Europe/Berlin", Optional.empty(), mondays)))
                        .deadlines())
                .as("the same hours without the closing region are projected")
                .isNotEmpty();
        assertThatThrownBy(() -> neverOpen
                        .engine()
                        .operations()
                        .whatIf(
                                SAM,
                                friday.withCustomerCalendar(
                                        new CalendarSpec("Europe/Berlin", Optional.of("ZZ"), mondays))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + " " + v.rule())
                                .containsExactly("whatIf.customerCalendar Calendar"))
                .hasMessageContaining("has no opening within");
        assertThatThrownBy(() -> w.engine().operations().whatIf(INA, friday))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine()
                        .operations()
                        .whatIf(
                                EVE,
                                friday.withPause(
                                        Interval.of(berlin("2027-01-15T10:00"), berlin("2027-01-15T11:00"), "early"))))
                .isInstanceOf(InvalidCommandException.class);
        assertThatThrownBy(() -> w.engine().operations().whatIf(SAM, friday.withPolicy(V2.ref())))
                .isInstanceOf(UnknownPolicyException.class);
    }
}
