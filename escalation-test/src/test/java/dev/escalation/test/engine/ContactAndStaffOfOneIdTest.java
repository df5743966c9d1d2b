package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.MAX;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.InvalidCommandException;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Notification;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The customer directory and the staff directory are two id spaces (README: "a contact whose id is also a staff
 * member's id"): ACME's Incident Manager {@code eve} and the vendor's Escalation Manager {@code eve} are two people.
 * Neither stands in for the other: both are participants, each is told what the other does, each gets their own
 * meeting reminder, and one leaving the participants leaves the other in.
 */
class ContactAndStaffOfOneIdTest {
    private static final Actor EVE_CONTACT = Actor.contact("eve");
    private static final PartyRef CUSTOMER_EVE = new PartyRef(Party.Kind.CONTACT, "eve");
    private static final PartyRef VENDOR_EVE = new PartyRef(Party.Kind.STAFF, "eve");

    private final Scenario w = Cast.world();

    /** ACME's Incident Manager eve escalates C-1; Support Management appoints the Escalation Manager eve. */
    private EscalationId acknowledgedByNamesakes() {
        w.customerDirectory()
                .add(new Touchpoint(
                        ContactId.of("eve"),
                        CustomerId.of("acme"),
                        "Eve Customer",
                        "eve@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true));
        EscalationId id = w.engine()
                .escalate(
                        EVE_CONTACT,
                        new EscalateCase(
                                Cast.C1, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Eve"));
        return id;
    }

    private List<PartyRef> participants(EscalationId id) {
        return Cast.stored(w, id).participants().stream().map(PartyRef::of).toList();
    }

    private List<Notification> delivered(NotificationKind kind, int from) {
        return w.notifier().delivered().stream()
                .skip(from)
                .filter(n -> n.kind() == kind)
                .toList();
    }

    @Test
    void theManagerOfTheCustomersIdIsAParticipantBesideTheIncidentManager() {
        EscalationId id = acknowledgedByNamesakes();

        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, VENDOR_EVE);
    }

    @Test
    void theManagersUpdateReachesTheIncidentManagerOfTheSameId() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine().deliverPending();
        int from = w.notifier().delivered().size();

        w.engine()
                .logProgress(
                        EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "Root cause", Visibility.CUSTOMER));
        w.engine().deliverPending();

        assertThat(delivered(NotificationKind.PROGRESS_UPDATE, from))
                .extracting(n -> PartyRef.of(n.recipient()))
                .containsExactly(CUSTOMER_EVE);
    }

    @Test
    void eachOfTheTwoGetsTheirOwnMeetingReminder() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine()
                .agreePlan(
                        EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock().instant().plus(Duration.ofHours(2))));
        w.engine().deliverPending();
        int from = w.notifier().delivered().size();

        w.clock().advance(Duration.ofHours(3));
        w.engine().processDueWork();
        w.engine().deliverPending();

        List<Notification> reminders = delivered(NotificationKind.REMINDER, from);
        assertThat(reminders)
                .extracting(n -> PartyRef.of(n.recipient()))
                .containsExactlyInAnyOrder(CUSTOMER_EVE, VENDOR_EVE);
        assertThat(reminders).extracting(Notification::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    void reassigningTheManagerKeepsTheIncidentManagerOfTheSameId() {
        EscalationId id = acknowledgedByNamesakes();

        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is on leave"));

        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, new PartyRef(Party.Kind.STAFF, "max"));
    }

    @Test
    void theStaffMemberOfAParticipantsIdCanBeAddedToo() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is on leave"));

        w.engine().addParticipant(MAX, AddParticipant.staff(id, "eve"));

        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, new PartyRef(Party.Kind.STAFF, "max"), VENDOR_EVE);
    }

    @Test
    void removingTheIdOfTheManagerAndAContactWithoutAKindIsRefusedAndChangesNothing() {
        EscalationId id = acknowledgedByNamesakes();
        long version = Cast.stored(w, id).version();

        assertThatThrownBy(() -> w.engine().removeParticipant(EVE, new RemoveParticipant(id, "eve", "left")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("participantId.Unambiguous"));
        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, VENDOR_EVE);
        assertThat(Cast.stored(w, id).version()).isEqualTo(version);
    }

    @Test
    void removingTheContactOfTheManagersIdKeepsTheManager() {
        EscalationId id = acknowledgedByNamesakes();

        w.engine().removeParticipant(EVE, RemoveParticipant.contact(id, "eve", "left the company"));

        assertThat(participants(id)).containsExactly(VENDOR_EVE);
        assertThat(Cast.stored(w, id).manager()).contains(StaffId.of("eve"));
        assertThat(removals(id)).containsExactly("CONTACT:eve");
    }

    @Test
    void removingTheManagerByKindIsRefusedAsTheManager() {
        EscalationId id = acknowledgedByNamesakes();

        assertThatThrownBy(() -> w.engine().removeParticipant(EVE, RemoveParticipant.staff(id, "eve", "on leave")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("participantId.NotManager"));
        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, VENDOR_EVE);
    }

    /** The contact eve and the staff member eve are both ordinary participants; max manages. */
    private EscalationId twoOrdinaryNamesakes() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is on leave"));
        w.engine().addParticipant(MAX, AddParticipant.staff(id, "eve"));
        return id;
    }

    @Test
    void removingAnIdTwoParticipantsShareWithoutAKindIsRefusedAndChangesNothing() {
        EscalationId id = twoOrdinaryNamesakes();
        long version = Cast.stored(w, id).version();

        assertThatThrownBy(() -> w.engine().removeParticipant(MAX, new RemoveParticipant(id, "eve", "not needed")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("participantId.Unambiguous"));
        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, new PartyRef(Party.Kind.STAFF, "max"), VENDOR_EVE);
        assertThat(Cast.stored(w, id).version()).isEqualTo(version);
    }

    @Test
    void removingTheStaffMemberOfAnIdTwoParticipantsShareKeepsTheContact() {
        EscalationId id = twoOrdinaryNamesakes();

        w.engine().removeParticipant(MAX, RemoveParticipant.staff(id, "eve", "not needed"));

        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, new PartyRef(Party.Kind.STAFF, "max"));
        assertThat(removals(id)).containsExactly("STAFF:eve");
    }

    @Test
    void removingTheContactOfAnIdTwoParticipantsShareKeepsTheStaffMember() {
        EscalationId id = twoOrdinaryNamesakes();

        w.engine()
                .removeParticipant(
                        MAX,
                        new RemoveParticipant(id, Party.Kind.CONTACT, "eve", "not needed")
                                .expectingVersion(Cast.stored(w, id).version()));

        assertThat(participants(id)).containsExactly(new PartyRef(Party.Kind.STAFF, "max"), VENDOR_EVE);
        assertThat(removals(id)).containsExactly("CONTACT:eve");
    }

    @Test
    void anExternalStakeholderWhoseAddressIsAContactsIdIsAnotherPerson() {
        w.customerDirectory()
                .add(new Touchpoint(
                        ContactId.of("ext@partner.example"),
                        CustomerId.of("acme"),
                        "Ext Contact",
                        "ext.contact@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.TECHNICAL_CONTACT),
                        true));
        EscalationId id = acknowledgedByNamesakes();
        w.engine().addParticipant(EVE, AddParticipant.contact(id, "ext@partner.example"));
        w.engine().addParticipant(EVE, AddParticipant.external(id, "Ext Partner", "ext@partner.example"));
        PartyRef contact = new PartyRef(Party.Kind.CONTACT, "ext@partner.example");
        PartyRef external = new PartyRef(Party.Kind.EXTERNAL, "ext@partner.example");
        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, VENDOR_EVE, contact, external);

        assertThatThrownBy(() -> w.engine()
                        .removeParticipant(EVE, new RemoveParticipant(id, "ext@partner.example", "not needed")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("participantId.Unambiguous"));
        w.engine().removeParticipant(EVE, RemoveParticipant.external(id, "ext@partner.example", "not needed"));

        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, VENDOR_EVE, contact);
        assertThat(removals(id)).containsExactly("EXTERNAL:ext@partner.example");
    }

    @Test
    void anIdOnlyOneParticipantHasIsRemovedWithoutAKind() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is on leave"));

        w.engine().removeParticipant(MAX, new RemoveParticipant(id, "eve", "not needed"));

        assertThat(participants(id)).containsExactly(new PartyRef(Party.Kind.STAFF, "max"));
        assertThat(removals(id)).containsExactly("CONTACT:eve");
    }

    @Test
    void aKindWithoutAParticipantOfThatIdIsRefusedAsNoParticipant() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is on leave"));

        assertThatThrownBy(() -> w.engine().removeParticipant(MAX, RemoveParticipant.staff(id, "eve", "not needed")))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("participantId.Participant"));
        assertThat(participants(id)).containsExactly(CUSTOMER_EVE, new PartyRef(Party.Kind.STAFF, "max"));
    }

    /** The kind and id each PARTICIPANT_REMOVED entry of the timeline names. */
    private List<String> removals(EscalationId id) {
        return w.engine().timeline(SAM, id, PageRequest.first(100)).items().stream()
                .filter(e -> e.kind() == ProgressKind.PARTICIPANT_REMOVED)
                .map(e -> ((EntryParam.Code) e.params().get("participantKind")).value() + ":"
                        + ((EntryParam.Ref) e.params().get("participant")).value())
                .toList();
    }

    @Test
    void bothAreInvitedToTheLessonsLearnedSession() {
        EscalationId id = acknowledgedByNamesakes();
        w.engine().reassignManager(SAM, new ReassignManager(id, StaffId.of("max"), "Eve is on leave"));
        w.engine().addParticipant(MAX, AddParticipant.staff(id, "eve"));
        w.engine()
                .agreePlan(
                        MAX,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock().instant().plus(Duration.ofHours(2))));
        w.engine().resolve(MAX, new Resolve(id, "Fixed the load"));

        w.engine()
                .scheduleLessonsLearned(
                        MAX,
                        new ScheduleLessonsLearned(
                                id, w.clock().instant().plus(Duration.ofDays(2)), Duration.ofHours(1)));

        assertThat(Cast.stored(w, id).lessonsLearned().orElseThrow().attendees())
                .extracting(PartyRef::of)
                .containsExactly(CUSTOMER_EVE, new PartyRef(Party.Kind.STAFF, "max"), VENDOR_EVE);
    }
}
