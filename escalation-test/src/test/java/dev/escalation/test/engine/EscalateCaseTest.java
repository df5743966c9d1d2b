package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.C1;
import static dev.escalation.test.engine.Cast.G1;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.IVY;
import static dev.escalation.test.engine.Cast.OLD;
import static dev.escalation.test.engine.Cast.SAM;
import static dev.escalation.test.engine.Cast.TOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.CustomerQuery;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationReceipt;
import dev.escalation.InvalidCommandException;
import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.NotAuthorizedException;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.Intake;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import dev.escalation.test.Scenario;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscalateCaseTest {

    private final Scenario world = Cast.world();

    @Test
    void incidentManagerEscalatesAndTheChangeIsRecordedWithItsSideEffects() {
        EscalationReceipt receipt = world.engine().escalate(INA, Cast.escalateC1());

        assertThat(receipt.created()).isTrue();
        assertThat(receipt.state()).isEqualTo(EscalationState.REQUESTED);
        assertThat(receipt.hotline()).isEmpty();
        var stored = Cast.stored(world, receipt.escalation());
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.intake()).isEqualTo(Intake.portal(ContactId.of("ina")));
        assertThat(stored.participants()).extracting(p -> p.id()).containsExactly("ina");
        assertThat(stored.facts().entryCount()).isEqualTo(1);
        assertThat(Cast.log(world, receipt.escalation())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProgressKind.ESCALATED);
            assertThat(e.text()).contains("The nightly load fails");
            assertThat(e.params())
                    .containsExactly(
                            Map.entry("cause", new EntryParam.Code("SOFTWARE_ERROR")),
                            Map.entry("criticality", new EntryParam.Code("HIGH")),
                            Map.entry("intake", new EntryParam.Code("PORTAL")));
        });
        assertThat(world.events())
                .singleElement()
                .satisfies(e -> assertThat(e.entry().kind()).isEqualTo(ProgressKind.ESCALATED));
        // Support Management notified, the customer confirmed, the ticket opened: recorded, not yet delivered
        assertThat(Cast.pending(world)).isEqualTo(3);
        assertThat(world.notifier().delivered()).isEmpty();

        world.engine().deliverPending();
        assertThat(world.notifier().delivered())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactlyInAnyOrder("ESCALATION_RECEIVED>sam", "ESCALATION_CONFIRMED>ina");
        assertThat(world.ticketing().ticketOf(receipt.escalation())).isPresent();
        // the reference the ticketing system returned is stored and shown
        String reference =
                world.ticketing().ticketOf(receipt.escalation()).orElseThrow().reference();
        assertThat(world.engine().find(SAM, receipt.escalation()).orElseThrow().ticketReference())
                .contains(reference);
        assertThat(world.engine()
                        .escalationsOfCustomer(INA, CustomerQuery.all(), PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(s -> assertThat(s.ticketReference()).contains(reference));
    }

    @Test
    void aDoubleClickReturnsTheOpenEscalationInsteadOfASecondOne() {
        EscalationReceipt first = world.engine().escalate(INA, Cast.escalateC1());
        EscalationReceipt second = world.engine().escalate(IVY, Cast.escalateC1());

        assertThat(second.escalation()).isEqualTo(first.escalation());
        assertThat(second.created()).isFalse();
        assertThat(world.store().size()).isEqualTo(1);
        assertThat(Cast.pending(world)).isEqualTo(3);
    }

    @Test
    void aRepeatedSubmissionIdReturnsTheSameEscalationEvenAfterItWasWithdrawn() {
        EscalateCase cmd = new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1");
        EscalationReceipt first = world.engine().escalate(INA, cmd);
        world.engine().withdraw(INA, new dev.escalation.command.Withdraw(first.escalation(), "fixed itself"));

        EscalationReceipt again = world.engine().escalate(INA, cmd);

        assertThat(again.escalation()).isEqualTo(first.escalation());
        assertThat(again.created()).isFalse();
        assertThat(again.state()).isEqualTo(EscalationState.WITHDRAWN);
        assertThat(world.store().size()).isEqualTo(1);
    }

    @Test
    void aSubmissionIdRepeatedForTheSameCaseReturnsTheSameEscalation() {
        EscalateCase cmd = new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1");
        EscalationReceipt first = world.engine().escalate(INA, cmd);

        EscalationReceipt again = world.engine()
                .escalate(IVY, new EscalateCase(C1, "still down", Cause.COMPLAINT, Criticality.LOW, "submit-1"));

        assertThat(first.created()).isTrue();
        assertThat(again.escalation()).isEqualTo(first.escalation());
        assertThat(again.created()).isFalse();
        assertThat(again.state()).isEqualTo(EscalationState.REQUESTED);
        assertThat(world.store().size()).isEqualTo(1);
        assertThat(Cast.stored(world, first.escalation()).message()).isEqualTo("down");
        assertThat(Cast.pending(world)).isEqualTo(3);
    }

    @Test
    void aRepeatedSubmissionIdReturnsItsEscalationEvenWhenTheCaseHasANewerOpenOne() {
        EscalateCase cmd = new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1");
        EscalationReceipt first = world.engine().escalate(INA, cmd);
        world.engine().withdraw(INA, new dev.escalation.command.Withdraw(first.escalation(), "fixed itself"));
        EscalationReceipt newer = world.engine()
                .escalate(INA, new EscalateCase(C1, "down again", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-2"));

        EscalationReceipt again = world.engine().escalate(INA, cmd);

        assertThat(newer.created()).isTrue();
        assertThat(again.escalation()).isEqualTo(first.escalation());
        assertThat(again.created()).isFalse();
        assertThat(again.state()).isEqualTo(EscalationState.WITHDRAWN);
        assertThat(world.store().size()).isEqualTo(2);
    }

    @Test
    void aSubmissionIdReusedOnAnotherCaseIsRefusedAndChangesNothing() {
        EscalationReceipt first = world.engine()
                .escalate(INA, new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1"));
        long version = Cast.stored(world, first.escalation()).version();
        int events = world.events().size();

        assertThatThrownBy(() -> world.engine()
                        .escalate(
                                INA,
                                new EscalateCase(
                                        Cast.C2, "slow", Cause.PERFORMANCE_DEGRADATION, Criticality.LOW, "submit-1")))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_COMMAND");
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("submissionId");
                        assertThat(v.rule()).isEqualTo("SameCase");
                        assertThat(v.code()).isEqualTo("submissionId.SameCase");
                    });
                });

        assertThat(world.store().size()).isEqualTo(1);
        assertThat(world.engine()
                        .operations()
                        .inbox(SAM, java.util.Set.of(), PageRequest.first(10))
                        .items())
                .extracting(s -> s.caseId())
                .containsExactly(C1);
        assertThat(Cast.stored(world, first.escalation()).version()).isEqualTo(version);
        assertThat(world.events()).hasSize(events);
        assertThat(Cast.pending(world)).isEqualTo(3);
        // C-2 itself is not blocked: a fresh submission id escalates it
        EscalationReceipt c2 = world.engine()
                .escalate(
                        INA,
                        new EscalateCase(Cast.C2, "slow", Cause.PERFORMANCE_DEGRADATION, Criticality.LOW, "submit-2"));
        assertThat(c2.created()).isTrue();
        assertThat(c2.escalation()).isNotEqualTo(first.escalation());
    }

    @Test
    void aSubmissionIdIsRefusedOnAnotherCaseEvenWhenThatCaseHasItsOwnOpenEscalation() {
        EscalationReceipt c1 = world.engine()
                .escalate(INA, new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1"));
        EscalationReceipt c2 = world.engine()
                .escalate(INA, new EscalateCase(Cast.C2, "slow", Cause.COMPLAINT, Criticality.LOW, "submit-2"));

        assertThatThrownBy(() -> world.engine()
                        .escalate(INA, new EscalateCase(Cast.C2, "slow", Cause.COMPLAINT, Criticality.LOW, "submit-1")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("submissionId.SameCase"));
        assertThat(world.store().size()).isEqualTo(2);
        assertThat(c2.escalation()).isNotEqualTo(c1.escalation());
    }

    @Test
    void anotherCustomersUseOfTheSameSubmissionIdIsANewSubmissionAndRevealsNothing() {
        EscalationReceipt acme = world.engine()
                .escalate(INA, new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1"));

        EscalationReceipt globex = world.engine()
                .escalate(GIL, new EscalateCase(G1, "login", Cause.COMPLAINT, Criticality.LOW, "submit-1"));

        assertThat(globex.created()).isTrue();
        assertThat(globex.escalation()).isNotEqualTo(acme.escalation());
        assertThat(Cast.stored(world, globex.escalation()).caseId()).isEqualTo(G1);
        assertThat(world.store().size()).isEqualTo(2);
        // and each customer's repeat still returns its own escalation
        assertThat(world.engine()
                        .escalate(GIL, new EscalateCase(G1, "login", Cause.COMPLAINT, Criticality.LOW, "submit-1"))
                        .escalation())
                .isEqualTo(globex.escalation());
        assertThat(world.engine()
                        .escalate(
                                INA, new EscalateCase(C1, "down", Cause.DATABASE_OUTAGE, Criticality.HIGH, "submit-1"))
                        .escalation())
                .isEqualTo(acme.escalation());
    }

    @Test
    void afterWithdrawalTheCaseMayBeEscalatedAgain() {
        EscalationReceipt first = world.engine().escalate(INA, Cast.escalateC1());
        world.engine().withdraw(INA, new dev.escalation.command.Withdraw(first.escalation(), "fixed itself"));

        EscalationReceipt second = world.engine().escalate(INA, Cast.escalateC1());

        assertThat(second.created()).isTrue();
        assertThat(second.escalation()).isNotEqualTo(first.escalation());
    }

    @Test
    void aContactOfAnotherCustomerGetsTheSameAnswerAsForANonExistentCase() {
        assertThatThrownBy(() -> world.engine().escalate(GIL, Cast.escalateC1()))
                .isInstanceOf(EscalationNotFoundException.class)
                .hasMessage("case C-1 was not found");
        assertThatThrownBy(() -> world.engine()
                        .escalate(
                                INA, new EscalateCase(CaseId.of("nope"), "x", Cause.COMPLAINT, Criticality.LOW, null)))
                .isInstanceOf(EscalationNotFoundException.class)
                .hasMessage("case nope was not found");
        assertThat(world.store().size()).isZero();
        assertThat(Cast.pending(world)).isZero();
    }

    @Test
    void anInactiveContactAndStaffAreRefused() {
        assertThatThrownBy(() -> world.engine().escalate(OLD, Cast.escalateC1()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("not an authorised customer contact");
        assertThatThrownBy(() -> world.engine().escalate(SAM, Cast.escalateC1()))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("not a customer contact");
        assertThat(world.store().size()).isZero();
    }

    @Test
    void onAPublicHolidayTheAdviceNamesTheHolidayAndTheNextWorkingDay() {
        Scenario holiday =
                Cast.world(b -> b.coverage(SlaFixtures.coverage(SlaFixtures.holiday("2027-01-13", "Company Day"))));
        holiday.clock()
                .set(ZonedDateTime.parse("2027-01-13T11:00+01:00[Europe/Berlin]")
                        .toInstant());

        EscalationReceipt receipt = holiday.engine()
                .escalate(INA, new EscalateCase(C1, "db down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null));

        assertThat(receipt.hotline()).hasValueSatisfying(h -> {
            assertThat(h.reason()).isEqualTo(HotlineAdvice.Reason.PUBLIC_HOLIDAY);
            assertThat(h.params())
                    .containsEntry("holiday", new EntryParam.Code("COMPANY_DAY"))
                    .containsEntry("holidayName", new EntryParam.Text("Company Day"))
                    .containsEntry("raisedAt", new EntryParam.At(holiday.clock().instant()));
            assertThat(h.resumesAt())
                    .isEqualTo(ZonedDateTime.parse("2027-01-14T09:00+01:00[Europe/Berlin]")
                            .toInstant());
        });
    }

    @Test
    void hotlineAdviceOnlyForCriticalAndOnlyOutsideHours() {
        world.clock()
                .set(ZonedDateTime.parse("2027-01-16T11:00+01:00[Europe/Berlin]")
                        .toInstant());
        assertThat(world.engine()
                        .escalate(
                                INA,
                                new EscalateCase(C1, "slow", Cause.PERFORMANCE_DEGRADATION, Criticality.HIGH, null))
                        .hotline())
                .isEmpty();

        world.clock()
                .set(ZonedDateTime.parse("2027-01-13T16:59+01:00[Europe/Berlin]")
                        .toInstant());
        assertThat(world.engine()
                        .escalate(
                                INA,
                                new EscalateCase(Cast.C2, "down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null))
                        .hotline())
                .isEmpty();

        world.clock()
                .set(ZonedDateTime.parse("2027-01-13T17:00+01:00[Europe/Berlin]")
                        .toInstant());
        assertThat(world.engine()
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
        EscalationReceipt receipt = world.engine().escalate(INA, Cast.escalateC1());
        var open =
                world.store().outbox().claim("t", world.clock().instant(), java.time.Duration.ofMinutes(1), 10).stream()
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
        world.engine().escalate(INA, Cast.escalateC1());
        world.engine().escalate(GIL, new EscalateCase(G1, "x", Cause.COMPLAINT, Criticality.LOW, null));

        assertThat(world.engine()
                        .escalationsOfCustomer(TOM, CustomerQuery.all(), PageRequest.first(10))
                        .items())
                .extracting(s -> s.caseId().value())
                .containsExactly("C-1");
        assertThat(world.engine()
                        .escalationsOfCustomer(GIL, CustomerQuery.all(), PageRequest.first(10))
                        .items())
                .extracting(s -> s.caseId().value())
                .containsExactly("G-1");
        assertThat(world.engine()
                        .operations()
                        .inbox(SAM, java.util.Set.of(), PageRequest.first(10))
                        .items())
                .hasSize(2);
        assertThatThrownBy(() -> world.engine().operations().inbox(INA, java.util.Set.of(), PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class)
                .hasMessageContaining("vendor-scoped");
    }
}
