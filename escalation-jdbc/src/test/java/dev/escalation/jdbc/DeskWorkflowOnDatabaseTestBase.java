package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.Intake;
import dev.escalation.model.PlanProposal;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * #15 points 1 and 2 on the JDBC store: an escalation recorded at night from a hotline call on behalf of the
 * Incident Manager, a plan proposed, counter-proposed and confirmed, and an amendment recorded alone after the answer
 * window, written by one engine and read back by another store on the same database: the stored shapes (intake with
 * its recorder, the pending proposal, the plan naming both sides, its agreement and the zone of its meeting series
 * (ACME's default zone, not the vendor's), the entries' parameters) round-trip unchanged.
 */
abstract class DeskWorkflowOnDatabaseTestBase extends StoreTestSupport {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");

    @Test
    void aHotlineIntakeAndAnAgreedPlanRoundTripThroughTheDatabase() {
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T22:40:00Z")); // Tuesday 23:40 in Berlin
        EscalationEngine engine = engine(clock, database.newPool("desk-a", 3));
        EscalationEngine other = engine(clock, database.newPool("desk-b", 3));
        EscalateOnBehalf call = new EscalateOnBehalf(
                CaseId.of("C-7"),
                ContactId.of("ina"),
                Intake.Channel.HOTLINE_CALL,
                "Ina called: the nightly load fails",
                Cause.SOFTWARE_ERROR,
                Criticality.CRITICAL,
                "call-7");

        EscalationReceipt receipt = engine.escalateOnBehalf(SAM, call);
        EscalationReceipt again = other.escalateOnBehalf(SAM, call);

        EscalationId id = receipt.escalation();
        assertThat(again.escalation()).isEqualTo(id);
        assertThat(again.created()).isFalse();
        StoredEscalation stored = store.findForVendor(id).orElseThrow();
        assertThat(stored.intake())
                .isEqualTo(new Intake(Intake.Channel.HOTLINE_CALL, ActorRef.staff(StaffId.of("sam"))));
        assertThat(stored.raisedBy()).isEqualTo(ContactId.of("ina"));
        assertThat(stored.hotline()).isEmpty();
        StoredEntry escalated = store.entriesForVendor(id, 0, 10).get(0);
        assertThat(escalated.actor()).isEqualTo(ActorRef.contact(ContactId.of("ina")));
        assertThat(escalated.params()).containsEntry("recordedBy", new EntryParam.Ref("sam"));

        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "called Ina back"));
        clock.set(Instant.parse("2027-01-13T09:00:00Z")); // Wednesday 10:00
        Instant first = clock.instant().plus(Duration.ofHours(2));
        other.proposePlan(EVE, new ProposePlan(id, Duration.ofDays(1), Channel.VIDEO_CALL, first, "daily?"));
        PlanProposal byEve = new PlanProposal(
                ActorRef.staff(StaffId.of("eve")),
                new CommunicationPlan(
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        first,
                        clock.instant(),
                        Optional.empty(),
                        Optional.of(StaffId.of("eve")),
                        CommunicationPlan.Agreement.CONFIRMED,
                        Optional.of(NEW_YORK)), // the escalation's Incident Manager's: ACME's default zone
                clock.instant());
        assertThat(store.findForVendor(id).orElseThrow().proposal()).contains(byEve);

        clock.advance(Duration.ofMinutes(10));
        engine.proposePlan(INA, new ProposePlan(id, Duration.ofHours(12), Channel.PHONE, first, null));
        clock.advance(Duration.ofMinutes(10));
        other.confirmPlan(EVE, new ConfirmPlan(id));
        StoredEscalation agreed = store.findForVendor(id).orElseThrow();
        assertThat(agreed.proposal()).isEmpty();
        assertThat(agreed.plan())
                .contains(new CommunicationPlan(
                        Duration.ofHours(12),
                        Channel.PHONE,
                        first,
                        clock.instant(),
                        Optional.of(ContactId.of("ina")),
                        Optional.of(StaffId.of("eve")),
                        CommunicationPlan.Agreement.CONFIRMED,
                        Optional.of(NEW_YORK)));

        engine.proposePlan(EVE, new ProposePlan(id, Duration.ofHours(4), Channel.CHAT, first, "more often"));
        clock.advance(Duration.ofDays(1)); // eight business hours and more
        other.recordPlanAlone(EVE, new RecordPlanAlone(id));
        StoredEscalation alone = store.findForVendor(id).orElseThrow();
        assertThat(alone.plan().orElseThrow().agreement()).isEqualTo(CommunicationPlan.Agreement.MANAGER_ALONE);
        assertThat(alone.plan().orElseThrow().customerSide()).isEmpty();
        assertThat(alone.plan().orElseThrow().vendorSide()).contains(StaffId.of("eve"));
        assertThat(alone.plan().orElseThrow().zone()).contains(NEW_YORK);

        assertThat(store.entriesForVendor(id, 0, 20))
                .extracting(StoredEntry::kind)
                .containsExactly(
                        ProgressKind.ESCALATED,
                        ProgressKind.ACKNOWLEDGED,
                        ProgressKind.PLAN_PROPOSED,
                        ProgressKind.PLAN_PROPOSED,
                        ProgressKind.PLAN_AGREED,
                        ProgressKind.PLAN_PROPOSED,
                        ProgressKind.PLAN_AMENDED);
        StoredEntry confirmed = store.entriesForVendor(id, 4, 1).get(0);
        assertThat(confirmed.params())
                .containsEntry("agreement", new EntryParam.Code("CONFIRMED"))
                .containsEntry("customerSide", new EntryParam.Ref("ina"))
                .containsEntry("vendorSide", new EntryParam.Ref("eve"));
        assertThat(store.entriesForVendor(id, 3, 1).get(0).params())
                .containsEntry("side", new EntryParam.Code("CONTACT"))
                .containsEntry("counter", new EntryParam.Count(1));
        engine.close();
        other.close();
    }

    private EscalationEngine engine(MutableClock clock, javax.sql.DataSource pool) {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        CustomerId acme = CustomerId.of("acme");
        customers
                .add(new CustomerAccount(
                        acme, "ACME", Optional.empty(), Optional.empty(), Optional.of(NEW_YORK), Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("C-7"), acme, "Nightly load"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(member("sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(member("eve", StaffRole.ESCALATION_MANAGER));
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(JdbcEscalationStore.builder(pool).build())
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .build();
    }

    private static StaffMember member(String id, StaffRole role) {
        return new StaffMember(StaffId.of(id), id, id + "@vendor.example", Optional.empty(), Set.of(role), true);
    }
}
