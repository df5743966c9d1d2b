package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.C1;
import static dev.escalation.test.engine.Cast.C2;
import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.HAL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Action;
import dev.escalation.EscalationException;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.InvalidCommandException;
import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.NotAuthorizedException;
import dev.escalation.TimelineEntry;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Intake;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.test.Scenario;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * #15 point 1: Support Management records an escalation on behalf of the customer's Incident Manager who called the
 * hotline (at night, outside coverage): the escalation is the Incident Manager's, the timeline says who recorded it
 * for whom, the Incident Manager gets the confirmation, and idempotency and the refusals work as for the portal.
 */
class HotlineIntakeTest {

    private final Scenario world = Cast.world().at("2027-01-12T23:40:00+01:00[Europe/Berlin]");

    private static EscalateOnBehalf call(CaseId caseId, String contact, String submissionId) {
        return new EscalateOnBehalf(
                caseId,
                ContactId.of(contact),
                Intake.Channel.HOTLINE_CALL,
                "Ina called: the nightly load fails, production is blocked",
                Cause.SOFTWARE_ERROR,
                Criticality.CRITICAL,
                submissionId);
    }

    @Test
    void supportManagementRecordsAHotlineCallAtNightForTheIncidentManager() {
        EscalationReceipt receipt = world.engine().escalateOnBehalf(SAM, call(C1, "ina", "call-1"));

        assertThat(receipt.created()).isTrue();
        assertThat(receipt.state()).isEqualTo(EscalationState.REQUESTED);
        assertThat(receipt.hotline())
                .as("the customer already called: no advice to call")
                .isEmpty();
        var stored = Cast.stored(world, receipt.escalation());
        assertThat(stored.raisedBy()).isEqualTo(ContactId.of("ina"));
        assertThat(stored.intake()).isEqualTo(new Intake(Intake.Channel.HOTLINE_CALL, ActorRef.staff(staff("sam"))));
        assertThat(stored.participants()).extracting(p -> p.id()).containsExactly("ina");
        assertThat(stored.submissionKey()).contains("call-1");
        assertThat(Cast.log(world, receipt.escalation())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ProgressKind.ESCALATED);
            assertThat(e.actor()).as("for whom").isEqualTo(ActorRef.contact(ContactId.of("ina")));
            assertThat(e.visibility()).isEqualTo(Visibility.CUSTOMER);
            assertThat(e.params())
                    .containsExactly(
                            Map.entry("cause", new EntryParam.Code("SOFTWARE_ERROR")),
                            Map.entry("criticality", new EntryParam.Code("CRITICAL")),
                            Map.entry("intake", new EntryParam.Code("HOTLINE_CALL")),
                            Map.entry("recordedBy", new EntryParam.Ref("sam")));
        });

        world.engine().deliverPending();
        // the recording member knows; nobody else has the Support Management role in the cast
        assertThat(world.notifier().delivered())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactly("ESCALATION_CONFIRMED>ina");
        assertThat(world.notifier().delivered().get(0).body()).contains("recorded from your hotline call");
        assertThat(world.ticketing().ticketOf(receipt.escalation())).isPresent();

        // the Incident Manager sees it as their own escalation, and the timeline says who recorded it
        EscalationView seen = world.engine().find(INA, receipt.escalation()).orElseThrow();
        assertThat(seen.intake().channel()).isEqualTo(Intake.Channel.HOTLINE_CALL);
        assertThat(seen.availableActions()).contains(Action.WITHDRAW, Action.CHANGE_CRITICALITY);
        TimelineEntry first = world.engine()
                .timeline(INA, receipt.escalation(), PageRequest.first(10))
                .items()
                .get(0);
        assertThat(first.render(Cast.BERLIN))
                .isEqualTo("Escalated by hotline call, recorded by sam (critical, software error): Ina called: the"
                        + " nightly load fails, production is blocked");
    }

    @Test
    void headOfSupportMayRecordItAndSupportManagementIsToldAsForThePortal() {
        EscalationReceipt receipt = world.engine().escalateOnBehalf(HAL, call(C1, "ivy", null));

        world.engine().deliverPending();
        assertThat(world.notifier().delivered())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactlyInAnyOrder("ESCALATION_RECEIVED>sam", "ESCALATION_CONFIRMED>ivy");
        assertThat(Cast.stored(world, receipt.escalation()).raisedBy()).isEqualTo(ContactId.of("ivy"));
    }

    @Test
    void itIsIdempotentLikeThePortal() {
        EscalationReceipt first = world.engine().escalateOnBehalf(SAM, call(C1, "ina", "call-1"));

        EscalationReceipt again = world.engine().escalateOnBehalf(HAL, call(C1, "ivy", "call-1"));
        EscalationReceipt portal = world.engine()
                .escalate(INA, new EscalateCase(C1, "still down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));

        assertThat(again.created()).isFalse();
        assertThat(again.escalation()).isEqualTo(first.escalation());
        assertThat(portal.created()).isFalse();
        assertThat(portal.escalation()).isEqualTo(first.escalation());
        assertThat(world.store().size()).isEqualTo(1);
        assertThatThrownBy(() -> world.engine().escalateOnBehalf(SAM, call(C2, "ina", "call-1")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("submissionId.SameCase"));
        assertThat(Cast.pending(world))
                .as("one confirmation and one ticket, nothing more")
                .isEqualTo(2);
    }

    @Test
    void refusalsChangeNothing() {
        refused(() -> world.engine().escalateOnBehalf(EVE, call(C1, "ina", null)), NotAuthorizedException.class);
        refused(() -> world.engine().escalateOnBehalf(INA, call(C1, "ina", null)), NotAuthorizedException.class);
        refused(
                () -> world.engine().escalateOnBehalf(SAM, call(CaseId.of("C-404"), "ina", null)),
                EscalationNotFoundException.class);
        for (String notAnIncidentManager : new String[] {"tom", "old", "gil", "nobody"}) {
            assertThatThrownBy(() -> world.engine().escalateOnBehalf(SAM, call(C1, notAnIncidentManager, null)))
                    .as(notAnIncidentManager)
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::code)
                                    .containsExactly("incidentManager.IncidentManager"));
        }
        assertThatThrownBy(() -> world.engine()
                        .escalateOnBehalf(
                                SAM,
                                new EscalateOnBehalf(
                                        C1,
                                        ContactId.of("ina"),
                                        Intake.Channel.PORTAL,
                                        "called",
                                        Cause.SOFTWARE_ERROR,
                                        Criticality.HIGH,
                                        null)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("channel.NotPortal"));
        assertThat(world.store().size()).isZero();
        assertThat(Cast.pending(world)).isZero();
        assertThat(world.events()).isEmpty();
    }

    private void refused(Runnable call, Class<? extends EscalationException> type) {
        assertThatThrownBy(call::run).isInstanceOf(type);
    }

    private static dev.escalation.model.StaffId staff(String id) {
        return dev.escalation.model.StaffId.of(id);
    }
}
