package dev.escalation;

import static dev.escalation.World.C1;
import static dev.escalation.World.G1;
import static dev.escalation.World.GIL;
import static dev.escalation.World.INA;
import static dev.escalation.World.IVY;
import static dev.escalation.World.OLD;
import static dev.escalation.World.SAM;
import static dev.escalation.World.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Intake;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalateCaseTest {

    private final World world = new World();

    @Test
    void incidentManagerEscalatesAndTheChangeIsRecordedWithItsSideEffects() {
        EscalationReceipt receipt = world.engine.escalate(INA, World.escalateC1());

        assertThat(receipt.created()).isTrue();
        assertThat(receipt.state()).isEqualTo(EscalationState.REQUESTED);
        assertThat(receipt.hotline()).isEmpty();
        var stored = world.stored(receipt.escalation());
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.intake()).isEqualTo(Intake.portal(ContactId.of("ina")));
        assertThat(stored.participants()).extracting(p -> p.id()).containsExactly("ina");
        assertThat(stored.facts().entryCount()).isEqualTo(1);
        assertThat(world.log(receipt.escalation())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProgressKind.ESCALATED);
            assertThat(e.text()).contains("The nightly load fails");
            assertThat(e.params())
                    .containsExactly(
                            Map.entry("cause", new EntryParam.Code("SOFTWARE_ERROR")),
                            Map.entry("criticality", new EntryParam.Code("HIGH")),
                            Map.entry("intake", new EntryParam.Code("PORTAL")));
        });
        assertThat(world.events)
                .singleElement()
                .satisfies(e -> assertThat(e.entry().kind()).isEqualTo(ProgressKind.ESCALATED));
        // Support Management notified, the customer confirmed, the ticket opened: recorded, not yet delivered
        assertThat(world.pending()).isEqualTo(3);
        assertThat(world.notifier.delivered()).isEmpty();

        world.engine.deliverPending();
        assertThat(world.notifier.delivered())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactlyInAnyOrder("ESCALATION_RECEIVED>sam", "ESCALATION_CONFIRMED>ina");
        assertThat(world.ticketing.ticketOf(receipt.escalation())).isPresent();
        // the reference the ticketing system returned is stored and shown
        String reference =
                world.ticketing.ticketOf(receipt.escalation()).orElseThrow().reference();
        assertThat(world.engine.find(SAM, receipt.escalation()).orElseThrow().ticketReference())
                .contains(reference);
        assertThat(world.engine
                        .escalationsOfCustomer(INA, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(s -> assertThat(s.ticketReference()).contains(reference));
    }

    @Test
    void aDoubleClickReturnsTheOpenEscalationInsteadOfASecondOne() {
        EscalationReceipt first = world.engine.escalate(INA, World.escalateC1());
        EscalationReceipt second = world.engine.escalate(IVY, World.escalateC1());

        assertThat(second.escalation()).isEqualTo(first.escalation());
        assertThat(second.created()).isFalse();
        assertThat(world.memoryStore.size()).isEqualTo(1);
        assertThat(world.pending()).isEqualTo(3);
    }

    @Test
    void aRepeatedSubmissionIdReturnsTheSameEscalationEvenAfterItWasWithdrawn() {
        EscalateCase cmd = new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1");
        EscalationReceipt first = world.engine.escalate(INA, cmd);
        world.engine.withdraw(INA, new dev.escalation.command.Withdraw(first.escalation(), "fixed itself"));

        EscalationReceipt again = world.engine.escalate(INA, cmd);

        assertThat(again.escalation()).isEqualTo(first.escalation());
        assertThat(again.created()).isFalse();
        assertThat(again.state()).isEqualTo(EscalationState.WITHDRAWN);
        assertThat(world.memoryStore.size()).isEqualTo(1);
    }

    @Test
    void afterWithdrawalTheCaseMayBeEscalatedAgain() {
        EscalationReceipt first = world.engine.escalate(INA, World.escalateC1());
        world.engine.withdraw(INA, new dev.escalation.command.Withdraw(first.escalation(), "fixed itself"));

        EscalationReceipt second = world.engine.escalate(INA, World.escalateC1());

        assertThat(second.created()).isTrue();
        assertThat(second.escalation()).isNotEqualTo(first.escalation());
    }

    @Test
    void aContactOfAnotherCustomerGetsTheSameAnswerAsForANonExistentCase() {
        assertThatThrownBy(() -> world.engine.escalate(GIL, World.escalateC1()))
                .isInstanceOf(EscalationNotFoundException.class)
                .hasMessage("case C-1 was not found");
        assertThatThrownBy(() -> world.engine.escalate(
                        INA, new EscalateCase(CaseId.of("nope"), "x", Cause.COMPLAINT, Criticality.LOW, null)))
                .isInstanceOf(EscalationNotFoundException.class)
                .hasMessage("case nope was not found");
        assertThat(world.memoryStore.size()).isZero();
        assertThat(world.pending()).isZero();
    }

    @Test
    void aContactWithoutTheIncidentManagerRoleIsRefused() {
        assertThatThrownBy(() -> world.engine.escalate(TOM, World.escalateC1()))
                .isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
                    assertThat(e.code()).isEqualTo("NOT_AUTHORIZED");
                    assertThat(e.action()).contains(Action.ESCALATE);
                    assertThat(e.getMessage()).isEqualTo("contact tom is not an Incident Manager of customer acme");
                });
        assertThat(world.memoryStore.size()).isZero();
        assertThat(world.events).isEmpty();
    }

    @Test
    void anInactiveContactAndStaffAreRefused() {
        assertThatThrownBy(() -> world.engine.escalate(OLD, World.escalateC1()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("not an authorised customer contact");
        assertThatThrownBy(() -> world.engine.escalate(SAM, World.escalateC1()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("not a customer contact");
        assertThat(world.memoryStore.size()).isZero();
    }

    @Test
    void aCriticalEscalationOnASaturdayCarriesStoredHotlineAdviceWithTheReasonAndWhenCoverageResumes() {
        world.clock.set(
                ZonedDateTime.parse("2027-01-16T11:00+01:00[Europe/Berlin]").toInstant());

        EscalationReceipt receipt = world.engine.escalate(
                INA, new EscalateCase(C1, "db down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null));

        assertThat(receipt.hotline()).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(HotlineAdvice.Reason.WEEKEND);
            assertThat(h.resumesAt())
                    .isEqualTo(ZonedDateTime.parse("2027-01-18T09:00+01:00[Europe/Berlin]")
                            .toInstant());
            assertThat(h.params()).containsExactly(Map.entry("raisedAt", new EntryParam.At(world.clock.instant())));
            assertThat(h.numbers())
                    .extracting(HotlineNumber::number)
                    .containsExactly("+49 911 2399 110", "+1 415-363-5510");
        });
        // stored with the escalation: the views show the same advice, and a double click returns it again
        assertThat(world.stored(receipt.escalation()).hotline()).isEqualTo(receipt.hotline());
        assertThat(world.engine.find(INA, receipt.escalation()).orElseThrow().hotline())
                .isEqualTo(receipt.hotline());
        world.clock.set(
                ZonedDateTime.parse("2027-01-18T10:00+01:00[Europe/Berlin]").toInstant());
        assertThat(world.engine
                        .escalate(
                                INA, new EscalateCase(C1, "db down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null))
                        .hotline())
                .isEqualTo(receipt.hotline());
        world.engine.deliverPending();
        assertThat(world.notifier.delivered())
                .filteredOn(n -> n.kind() == NotificationKind.ESCALATION_CONFIRMED)
                .singleElement()
                .satisfies(n -> assertThat(n.body())
                        .contains("Critical escalation raised at the weekend (Sat 16 Jan 2027 11:00 CET); coverage "
                                + "resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline: Germany +49 911 2399 110, "
                                + "USA +1 415-363-5510"));
    }

    @Test
    void onAPublicHolidayTheAdviceNamesTheHolidayAndTheNextWorkingDay() {
        World holiday =
                new World(b -> b.coverage(SlaFixtures.coverage(SlaFixtures.holiday("2027-01-13", "Company Day"))));
        holiday.clock.set(
                ZonedDateTime.parse("2027-01-13T11:00+01:00[Europe/Berlin]").toInstant());

        EscalationReceipt receipt = holiday.engine.escalate(
                INA, new EscalateCase(C1, "db down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null));

        assertThat(receipt.hotline()).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(HotlineAdvice.Reason.PUBLIC_HOLIDAY);
            assertThat(h.params())
                    .containsEntry("holiday", new EntryParam.Code("COMPANY_DAY"))
                    .containsEntry("holidayName", new EntryParam.Text("Company Day"))
                    .containsEntry("raisedAt", new EntryParam.At(holiday.clock.instant()));
            assertThat(h.resumesAt())
                    .isEqualTo(ZonedDateTime.parse("2027-01-14T09:00+01:00[Europe/Berlin]")
                            .toInstant());
        });
    }

    @Test
    void hotlineAdviceOnlyForCriticalAndOnlyOutsideHours() {
        world.clock.set(
                ZonedDateTime.parse("2027-01-16T11:00+01:00[Europe/Berlin]").toInstant());
        assertThat(world.engine
                        .escalate(
                                INA,
                                new EscalateCase(C1, "slow", Cause.PERFORMANCE_DEGRADATION, Criticality.HIGH, null))
                        .hotline())
                .isEmpty();

        world.clock.set(
                ZonedDateTime.parse("2027-01-13T16:59+01:00[Europe/Berlin]").toInstant());
        assertThat(world.engine
                        .escalate(
                                INA,
                                new EscalateCase(World.C2, "down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null))
                        .hotline())
                .isEmpty();

        world.clock.set(
                ZonedDateTime.parse("2027-01-13T17:00+01:00[Europe/Berlin]").toInstant());
        assertThat(world.engine
                        .escalate(GIL, new EscalateCase(G1, "down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null))
                        .hotline())
                .hasValueSatisfying(h -> {
                    assertThat(h.reason()).isEqualTo(HotlineAdvice.Reason.OUTSIDE_HOURS);
                    assertThat(h.resumesAt())
                            .isEqualTo(ZonedDateTime.parse("2027-01-14T09:00+01:00[Europe/Berlin]")
                                    .toInstant());
                });
    }

    @Test
    void theTicketIsOpenedWithTheCaseAndTheMessage() {
        EscalationReceipt receipt = world.engine.escalate(INA, World.escalateC1());
        var open =
                world.recording.outbox().claim("t", world.clock.instant(), java.time.Duration.ofMinutes(1), 10).stream()
                        .map(c -> c.message())
                        .map(OutboxMessage::effect)
                        .filter(TicketCommand.Open.class::isInstance)
                        .map(TicketCommand.Open.class::cast)
                        .findFirst();
        assertThat(open).hasValueSatisfying(o -> {
            assertThat(o.escalation()).isEqualTo(receipt.escalation());
            assertThat(o.caseId()).isEqualTo(C1);
            assertThat(o.description()).isEqualTo("The nightly load fails");
        });
    }

    @Test
    void customerContactsListOnlyTheirOwnCustomersEscalations() {
        world.engine.escalate(INA, World.escalateC1());
        world.engine.escalate(GIL, new EscalateCase(G1, "x", Cause.COMPLAINT, Criticality.LOW, null));

        assertThat(world.engine
                        .escalationsOfCustomer(TOM, PageRequest.first(10))
                        .items())
                .extracting(s -> s.caseId().value())
                .containsExactly("C-1");
        assertThat(world.engine
                        .escalationsOfCustomer(GIL, PageRequest.first(10))
                        .items())
                .extracting(s -> s.caseId().value())
                .containsExactly("G-1");
        assertThat(world.engine
                        .operations()
                        .inbox(SAM, java.util.Set.of(), PageRequest.first(10))
                        .items())
                .hasSize(2);
        assertThatThrownBy(() -> world.engine.operations().inbox(INA, java.util.Set.of(), PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("vendor-scoped");
    }
}
