package dev.escalation.test.scenario;

import static dev.escalation.model.ProgressKind.ACKNOWLEDGED;
import static dev.escalation.model.ProgressKind.CLOSED;
import static dev.escalation.model.ProgressKind.CRITICALITY_CHANGED;
import static dev.escalation.model.ProgressKind.ESCALATED;
import static dev.escalation.model.ProgressKind.LESSONS_LEARNED_HELD;
import static dev.escalation.model.ProgressKind.LESSONS_LEARNED_SCHEDULED;
import static dev.escalation.model.ProgressKind.MANAGER_REASSIGNED;
import static dev.escalation.model.ProgressKind.MEETING_HELD;
import static dev.escalation.model.ProgressKind.NOTE;
import static dev.escalation.model.ProgressKind.PARTICIPANT_ADDED;
import static dev.escalation.model.ProgressKind.PARTICIPANT_REMOVED;
import static dev.escalation.model.ProgressKind.PLAN_AGREED;
import static dev.escalation.model.ProgressKind.PLAN_AMENDED;
import static dev.escalation.model.ProgressKind.RESOLVED;
import static dev.escalation.test.Scenario.contact;
import static dev.escalation.test.Scenario.customer;
import static dev.escalation.test.Scenario.openCase;
import static dev.escalation.test.Scenario.staff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Action;
import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.NotAuthorizedException;
import dev.escalation.command.LogProgress;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The engine's lifecycle, written as scenarios with the test kit's fixture (the README's action table, row by row). */
class LifecycleScenarioTest {

    private final Scenario scenario = Scenario.create()
            .given(
                    customer("acme").incidentManager("ina").contact("tom"),
                    openCase("acme", "C-1"),
                    customer("globex").incidentManager("gil"),
                    openCase("globex", "G-1"));

    @Test
    void aCriticalEscalationOnASaturdayCarriesStoredHotlineAdviceAndNotifiesSupportManagement() {
        Instant saturday =
                ZonedDateTime.parse("2027-01-16T11:00+01:00[Europe/Berlin]").toInstant();
        AtomicReference<HotlineAdvice> advice = new AtomicReference<>();
        scenario.at("2027-01-16T11:00+01:00[Europe/Berlin]")
                .when(contact("ina").escalates("C-1").critical())
                .then(outcome -> {
                    outcome.accepted()
                            .state(EscalationState.REQUESTED)
                            .hotlineAdvised(HotlineAdvice.Reason.WEEKEND)
                            .hotlineAdvisedSaying("raised at the weekend")
                            .notified(StaffRole.SUPPORT_MANAGEMENT, NotificationKind.ESCALATION_RECEIVED)
                            .notified("ina", NotificationKind.ESCALATION_CONFIRMED)
                            .eachSideEffectDeliveredOnce();
                    HotlineAdvice h = outcome.receipt().hotline().orElseThrow();
                    advice.set(h);
                    assertThat(h.resumesAt())
                            .isEqualTo(ZonedDateTime.parse("2027-01-18T09:00+01:00[Europe/Berlin]")
                                    .toInstant());
                    assertThat(h.params()).containsExactly(Map.entry("raisedAt", new EntryParam.At(saturday)));
                    assertThat(h.numbers())
                            .extracting(HotlineNumber::number)
                            .containsExactly("+49 911 2399 110", "+1 415-363-5510");
                    // stored with the escalation: the views show the same advice
                    assertThat(outcome.escalation().hotline()).contains(h);
                    assertThat(scenario.engine()
                                    .find(Actor.contact("ina"), scenario.current())
                                    .orElseThrow()
                                    .hotline())
                            .contains(h);
                    assertThat(outcome.notifications())
                            .filteredOn(n -> n.kind() == NotificationKind.ESCALATION_CONFIRMED)
                            .singleElement()
                            .satisfies(n -> assertThat(n.body())
                                    .contains("Critical escalation raised at the weekend (Sat 16 Jan 2027 11:00 CET); "
                                            + "coverage resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline: "
                                            + "Germany +49 911 2399 110, USA +1 415-363-5510"));
                })
                // a double click on Monday, inside coverage, returns the stored advice again
                .at("2027-01-18T10:00+01:00[Europe/Berlin]")
                .when(contact("ina").escalates("C-1").critical())
                .then(outcome -> assertThat(outcome.receipt().hotline()).contains(advice.get()));
    }

    @Test
    void aContactWithoutTheIncidentManagerRoleIsRefusedAndNothingHappens() {
        scenario.when(contact("tom").escalates("C-1")).then(outcome -> {
            outcome.refusedWith(NotAuthorizedException.class)
                    .refusedSaying("contact tom is not an Incident Manager of customer acme")
                    .nobodyNotified(NotificationKind.ESCALATION_RECEIVED);
            NotAuthorizedException e = (NotAuthorizedException) outcome.refusal();
            assertThat(e.code()).isEqualTo("NOT_AUTHORIZED");
            assertThat(e.action()).contains(Action.ESCALATE);
            assertThat(e.getMessage()).isEqualTo("contact tom is not an Incident Manager of customer acme");
        });
        assertThat(scenario.store().size()).isZero();
        assertThat(scenario.events()).isEmpty();
    }

    @Test
    void theWholeLifecycleFromTheButtonToClosure() {
        scenario.when(contact("ina").escalates("C-1").saying("Nightly load fails"))
                .after(Duration.ofMinutes(30))
                .when(staff("sam").appoints("eve"))
                .when(staff("eve").agreesPlan(Duration.ofDays(1), Channel.VIDEO_CALL))
                .when(staff("eve").addsStaff("dan"))
                .when(staff("eve").logs(LogProgress.Kind.NOTE, "internal only", Visibility.INTERNAL))
                .after(Duration.ofDays(1))
                .when(staff("eve").logs(LogProgress.Kind.MEETING_HELD, "daily call", Visibility.CUSTOMER))
                .when(staff("eve").resolves("patched"))
                .when(staff("eve").schedulesLessonsLearned(Duration.ofDays(2)))
                .after(Duration.ofDays(2))
                .when(staff("eve").recordsLessonsLearned("test with real volumes"))
                .when(staff("eve").closes())
                .then(outcome -> outcome.accepted()
                        .state(EscalationState.CLOSED)
                        .logged(
                                ESCALATED,
                                ACKNOWLEDGED,
                                PLAN_AGREED,
                                PARTICIPANT_ADDED,
                                NOTE,
                                MEETING_HELD,
                                RESOLVED,
                                LESSONS_LEARNED_SCHEDULED,
                                LESSONS_LEARNED_HELD,
                                CLOSED)
                        .customerSees(
                                "ina",
                                ESCALATED,
                                ACKNOWLEDGED,
                                PLAN_AGREED,
                                PARTICIPANT_ADDED,
                                MEETING_HELD,
                                RESOLVED,
                                LESSONS_LEARNED_SCHEDULED,
                                LESSONS_LEARNED_HELD,
                                CLOSED)
                        .notified("dan", NotificationKind.LESSONS_LEARNED_INVITATION)
                        .notified("ina", NotificationKind.CLOSED)
                        .ticketParticipants("ina@acme.example", "eve@vendor.example", "dan@vendor.example")
                        .eachSideEffectDeliveredOnce());
    }

    @Test
    void theManagerIsReplacedThePlanAmendedAndAParticipantRemoved() {
        scenario.when(contact("ina").escalates("C-1"))
                .when(staff("sam").appoints("eve"))
                .when(staff("eve").agreesPlan(Duration.ofDays(1), Channel.VIDEO_CALL))
                .when(staff("sam").reassigns("max", "eve is on leave"))
                .when(staff("max").amendsPlan(Duration.ofHours(4), Channel.PHONE, "it got worse"))
                .when(staff("max").changesCriticality(Criticality.CRITICAL, "production down"))
                .when(staff("max").addsStaff("dan"))
                .when(staff("max").removesParticipant("dan", "not needed"))
                .then(outcome -> outcome.accepted()
                        .state(EscalationState.ACTIVE)
                        .logged(
                                ESCALATED,
                                ACKNOWLEDGED,
                                PLAN_AGREED,
                                MANAGER_REASSIGNED,
                                PLAN_AMENDED,
                                CRITICALITY_CHANGED,
                                PARTICIPANT_ADDED,
                                PARTICIPANT_REMOVED)
                        .eachSideEffectDeliveredOnce());
        assertThat(scenario.engine()
                        .find(dev.escalation.Actor.staff("max"), scenario.current())
                        .orElseThrow()
                        .manager())
                .contains(dev.escalation.model.StaffId.of("max"));
    }

    @Test
    void anEscalationIsRecordedDuringAnOutageAndItsSideEffectsAreRetriedWithTheSameKeys() {
        scenario.configure(b -> b.delivery(Duration.ofMinutes(1), 100, 10)
                        .backoff(Duration.ofSeconds(30), Duration.ofMinutes(10)))
                .notifierAvailable(false)
                .ticketingAvailable(false)
                .when(contact("ina").escalates("C-1").critical());
        Instant failedAt = scenario.clock().instant();
        DeliveryReport failed = scenario.engine().deliverPending();

        assertThat(failed.delivered()).isZero();
        // each recipient's notification and the ticket call failed: a failing chain holds back only itself, and the
        // two notifications go to two recipients (two chains)
        assertThat(failed.retried()).isEqualTo(3);
        assertThat(failed.pending()).isEqualTo(3);
        assertThat(failed.nextAttemptAt()).contains(failedAt.plusSeconds(30));
        // not before the stored next attempt
        assertThat(scenario.engine().deliverPending())
                .isEqualTo(new DeliveryReport(0, 0, 0, 3, Optional.of(failedAt.plusSeconds(30))));

        scenario.notifierAvailable(true).ticketingAvailable(true).after(Duration.ofSeconds(30));
        DeliveryReport recovered = scenario.engine().deliverPending();

        assertThat(recovered.delivered()).isEqualTo(3);
        assertThat(recovered.pending()).isZero();
        assertThat(recovered.nextAttemptAt()).isEmpty();
        scenario.then(outcome -> {
            outcome.accepted()
                    .state(EscalationState.REQUESTED)
                    .notified("sam", NotificationKind.ESCALATION_RECEIVED)
                    .notified("ina", NotificationKind.ESCALATION_CONFIRMED);
            assertThat(outcome.notifications()).hasSize(2);
            // the ticket was opened after the outage, and the store keeps the reference it returned
            assertThat(outcome.escalation().ticketReference())
                    .contains(outcome.ticket().reference());
            // a key is called again only after a failed call: the two notifications and the Open failed once each
            assertThat(outcome.callsPerKey().values()).containsExactlyInAnyOrder(2, 2, 2);
        });
        assertThat(scenario.store().outbox().counts().pending()).isZero();
    }

    @Test
    void theClockAdvancesToTheNextOpeningOfTheCoverageCalendar() {
        scenario.at("2027-01-16T11:00+01:00[Europe/Berlin]");
        var calendar = dev.escalation.calendar.BusinessCalendar.builder(java.time.ZoneId.of("Europe/Berlin"))
                .openWeekdays(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(17, 0))
                .build();
        scenario.clock().advanceToNextOpening(calendar);
        assertThat(scenario.clock().instant())
                .isEqualTo(java.time.ZonedDateTime.parse("2027-01-18T09:00+01:00[Europe/Berlin]")
                        .toInstant());
        scenario.when(contact("ina").escalates("C-1").critical()).then(outcome -> outcome.noHotlineAdvice());
    }
}
