package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.CancelLessonsLearned;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.sla.EscalationChain;
import dev.escalation.sla.EscalationChain.Target;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * #15 points 3–5 on a database: the per-customer policy recorded with its version, the chain, the contact target,
 * the plan's series invitation and the improvement actions' follow-through, each stored, read back and processed as
 * due work by the JDBC store.
 */
abstract class DeskPolicyOnDatabaseTestBase extends StoreTestSupport {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor EVE = Actor.staff("eve");
    private static final Actor DAN = Actor.staff("dan");

    static final SlaPolicy STANDARD = SlaPolicy.builder("standard", 1)
            .firstContact(Criticality.HIGH, Duration.ofHours(8))
            .build();
    /** Gold: first contact 1 h, contact every 4 business hours, warning to the manager, breach to hal, repeat to dan. */
    static final SlaPolicy GOLD = SlaPolicy.builder("gold", 2)
            .firstContact(Criticality.HIGH, Duration.ofHours(1))
            .contactEvery(Duration.ofHours(4), ProgressKind.MEETING_HELD, ProgressKind.STATUS_UPDATE)
            .warnAt(50)
            .repeatAfterBreach(Duration.ofHours(1), 1)
            .escalateMissedMeeting(Duration.ofMinutes(30))
            .chain(EscalationChain.of(
                    List.of(Target.manager()),
                    List.of(Target.role(StaffRole.HEAD_OF_SUPPORT)),
                    List.of(List.of(Target.staff(StaffId.of("dan"))))))
            .build();

    private MutableClock clock;
    private InMemoryNotifier notifier;
    private EscalationEngine engine;

    static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    @BeforeEach
    void engine() {
        clock = MutableClock.at(berlin("2027-01-12T10:00")); // a Tuesday
        notifier = new InMemoryNotifier();
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        CustomerId acme = CustomerId.of("acme");
        customers
                .add(new CustomerAccount(
                        acme, "ACME", Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("gold")))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load"));
        for (String[] s : new String[][] {
            {"sam", "SUPPORT_MANAGEMENT"},
            {"eve", "ESCALATION_MANAGER"},
            {"hal", "HEAD_OF_SUPPORT"},
            {"dan", "SUPPORT_ENGINEER"}
        }) {
            staff.add(new StaffMember(
                    StaffId.of(s[0]),
                    "Staff " + s[0],
                    s[0] + "@vendor.example",
                    Optional.empty(),
                    Set.of(StaffRole.valueOf(s[1])),
                    true));
        }
        engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.builder(BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .holidays(HolidaySource.of(List.of(Holiday.allDay(LocalDate.of(2027, 1, 14), "Company Day"))))
                        .build())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .slaPolicy(STANDARD)
                .slaPolicies(GOLD)
                .build();
    }

    private EscalationId acknowledged() {
        EscalationId id = engine.escalate(
                        INA,
                        new EscalateCase(
                                CaseId.of("C-1"), "The load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "called"));
        return id;
    }

    private StoredEscalation stored(EscalationId id) {
        return store.findForVendor(id).orElseThrow();
    }

    private List<Notification> delivered(NotificationKind kind) {
        return notifier.delivered().stream().filter(n -> n.kind() == kind).toList();
    }

    private void runAt(String local) {
        clock.set(berlin(local));
        engine.processDueWork();
        engine.deliverPending();
    }

    @Test
    void theTierSelectsThePolicyRecordedWithItsVersionAndTheContactTargetBreachesAlongTheChain() {
        EscalationId id = acknowledged();
        assertThat(stored(id).policy()).contains(new PolicyRef("gold", 2));
        assertThat(store.dueWork().due(berlin("2027-01-20T00:00"), 50))
                .filteredOn(i -> i.kind() == DueKind.CUSTOMER_CONTACT)
                .extracting(DueItem::step)
                .containsExactlyInAnyOrder("warning", "breach", "breach-repeat-1");

        clock.set(berlin("2027-01-12T11:00"));
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "on it", Visibility.CUSTOMER));
        assertThat(stored(id).facts().lastContactAt()).contains(berlin("2027-01-12T11:00"));

        runAt("2027-01-12T15:00"); // 11:00 + 4 business hours
        assertThat(delivered(NotificationKind.DEADLINE_BREACHED))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.recipient().id()).isEqualTo("hal");
                    assertThat(n.params()).containsEntry("deadline", new EntryParam.Code("CUSTOMER_CONTACT"));
                });
        runAt("2027-01-12T16:00");
        assertThat(delivered(NotificationKind.DEADLINE_BREACHED))
                .extracting(n -> n.recipient().id())
                .containsExactly("hal", "dan");
    }

    @Test
    void thePlansSeriesInvitationIsStoredAndDeliveredWithItsRecurrenceAndAMissedMeetingEscalates() {
        EscalationId id = acknowledged();
        engine.agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.VIDEO_CALL, berlin("2027-01-13T10:00")));
        engine.deliverPending();
        assertThat(stored(id).facts().planInvitations()).isEqualTo(1);
        assertThat(delivered(NotificationKind.MEETING_SERIES_INVITATION))
                .extracting(n -> n.recipient().id())
                .containsExactlyInAnyOrder("ina", "eve");
        MeetingInvite invite = delivered(NotificationKind.MEETING_SERIES_INVITATION)
                .get(0)
                .invite()
                .orElseThrow();
        assertThat(invite.uid()).isEqualTo(id.value() + "/plan");
        assertThat(invite.sequence()).isZero();
        assertThat(invite.recurrence())
                .contains(new MeetingInvite.Recurrence(
                        Duration.ofDays(1), BERLIN, Optional.empty(), List.of(berlin("2027-01-14T10:00"))));

        runAt("2027-01-13T10:30");
        assertThat(delivered(NotificationKind.DEADLINE_BREACHED))
                .filteredOn(n -> n.params().get("step").equals(new EntryParam.Code("missed")))
                .extracting(n -> n.recipient().id())
                .containsExactly("hal");
    }

    @Test
    void improvementActionsKeepTheirDueDateAndStatusAndTheirOwnersAreRemindedAfterClosing() {
        EscalationId id = acknowledged();
        engine.agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.PHONE, berlin("2027-01-13T10:00")));
        engine.resolve(EVE, new Resolve(id, "patched"));
        engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, berlin("2027-01-13T14:00"), Duration.ofHours(1)));
        Instant due = berlin("2027-02-01T09:00");
        engine.recordLessonsLearned(
                EVE,
                new RecordLessonsLearned(
                        id,
                        "monitoring",
                        List.of(
                                new RecordLessonsLearned.Action("add monitoring", "dan", due),
                                new RecordLessonsLearned.Action("train", "ina", due.plusSeconds(3600)))));
        engine.close(EVE, new Close(id, null));
        engine.operations()
                .updateImprovementAction(
                        INA, new UpdateImprovementAction(id, 1, ImprovementAction.Status.DONE, "done"));
        // each owner with the kind the engine found when recording them (column owner_kinds)
        assertThat(stored(id).lessonsLearned().orElseThrow().actions())
                .containsExactly(
                        new ImprovementAction(
                                "add monitoring",
                                "dan",
                                Optional.of(due),
                                ImprovementAction.Status.OPEN,
                                Optional.of(dev.escalation.model.Party.Kind.STAFF)),
                        new ImprovementAction(
                                "train",
                                "ina",
                                Optional.of(due.plusSeconds(3600)),
                                ImprovementAction.Status.DONE,
                                Optional.of(dev.escalation.model.Party.Kind.CONTACT)));
        assertThat(stored(id).facts().openImprovementActions()).isEqualTo(1);

        clock.set(berlin("2027-02-02T09:00"));
        assertThat(engine.processDueWork().delivered()).isEqualTo(1);
        engine.deliverPending();
        assertThat(delivered(NotificationKind.IMPROVEMENT_ACTION_DUE))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient().id()).isEqualTo("dan"));
        engine.operations()
                .updateImprovementAction(DAN, new UpdateImprovementAction(id, 0, ImprovementAction.Status.DONE, null));
        assertThat(engine.find(SAM, id).orElseThrow().openImprovementActions()).isEmpty();
    }

    @Test
    void theManagersCancellationIsStoredAndTheNextInvitationCarriesAHigherSequence() {
        EscalationId id = acknowledged();
        engine.agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.PHONE, berlin("2027-01-13T10:00")));
        engine.resolve(EVE, new Resolve(id, "patched"));
        engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, berlin("2027-01-13T14:00"), Duration.ofHours(1)));
        engine.operations().cancelLessonsLearned(EVE, new CancelLessonsLearned(id, "nobody can attend"));
        assertThat(stored(id).lessonsLearned()).isEmpty();
        assertThat(stored(id).facts().invitations()).isEqualTo(2);
        engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, berlin("2027-01-14T14:00"), Duration.ofHours(1)));
        engine.deliverPending();
        assertThat(delivered(NotificationKind.LESSONS_LEARNED_CANCELLED))
                .isNotEmpty()
                .allSatisfy(n -> {
                    MeetingInvite cancel = n.invite().orElseThrow();
                    assertThat(cancel.method()).isEqualTo(MeetingInvite.Method.CANCEL);
                    assertThat(cancel.sequence()).isEqualTo(1);
                    assertThat(cancel.uid()).isEqualTo(id.value() + "/lessons-learned");
                });
        assertThat(delivered(NotificationKind.LESSONS_LEARNED_INVITATION))
                .extracting(n -> n.invite().orElseThrow().sequence())
                .containsOnly(0, 2);
    }
}
