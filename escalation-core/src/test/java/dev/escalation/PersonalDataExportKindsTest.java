package dev.escalation;

import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.PersonalDataExport.Role;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.ActorRef;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.Touchpoint;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A data subject's export names only what is theirs, by kind as well as by id: a customer contact and a staff member
 * who share the id "eve" are two people. The contact raised the escalation, the staff member manages and resolves it,
 * and both write to its log and attend its session; each one's export shows their own roles, names, addresses and
 * texts, and none of the other's.
 */
class PersonalDataExportKindsTest {
    private static final Actor CONTACT_EVE = Actor.contact("eve");
    private static final Actor STAFF_EVE = World.EVE;
    private static final String RAISED_WITH = "Queries time out since 06:00";
    private static final String CONTACT_WROTE = "Thanks, the reports run again";
    private static final String STAFF_WROTE = "Index rebuilt on the replica";

    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1));
    private final EscalationId id = lifecycle();

    /** Contact eve raises; staff eve manages, writes, resolves and schedules the session; tom and dan take part. */
    private EscalationId lifecycle() {
        w.customers.add(new Touchpoint(
                ContactId.of("eve"),
                CustomerId.of("acme"),
                "Contact eve",
                "eve@customer.example",
                Optional.empty(),
                Set.of(CustomerRole.INCIDENT_MANAGER),
                true));
        EscalationId e = w.engine
                .escalate(
                        CONTACT_EVE,
                        new EscalateCase(World.C2, RAISED_WITH, Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.engine.acknowledge(SAM, new Acknowledge(e, StaffId.of("eve"), "Called eve"));
        w.engine.agreePlan(
                STAFF_EVE,
                new AgreePlan(
                        e,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        w.clock.instant().plus(Duration.ofHours(2))));
        w.engine.addParticipant(STAFF_EVE, new AddParticipant(e, Party.Kind.CONTACT, "tom", null, null));
        w.engine.addParticipant(STAFF_EVE, new AddParticipant(e, Party.Kind.STAFF, "dan", null, null));
        w.engine.logProgress(
                STAFF_EVE, new LogProgress(e, LogProgress.Kind.COMMUNICATION, STAFF_WROTE, Visibility.CUSTOMER));
        w.engine.logProgress(
                CONTACT_EVE, new LogProgress(e, LogProgress.Kind.COMMUNICATION, CONTACT_WROTE, Visibility.CUSTOMER));
        w.engine.resolve(STAFF_EVE, new Resolve(e, "Index rebuilt"));
        w.engine.scheduleLessonsLearned(
                STAFF_EVE,
                new ScheduleLessonsLearned(e, w.clock.instant().plus(Duration.ofDays(2)), Duration.ofHours(1)));
        return e;
    }

    private PersonalDataExport export(Party.Kind kind, String person) {
        return w.engine.operations().exportPerson(SAM, new DataSubject(kind, person));
    }

    @Test
    void theContactsExportShowsHerRolesNamesAndAddressesAndNoneOfTheStaffMembers() {
        PersonalDataExport contact = export(Party.Kind.CONTACT, "eve");

        assertThat(contact.names()).containsExactly("Contact eve");
        assertThat(contact.addresses()).containsExactly("eve@customer.example");
        assertThat(contact.escalations()).singleElement().satisfies(i -> {
            assertThat(i.escalation()).isEqualTo(id);
            // the raiser is the escalation's first participant
            assertThat(i.roles()).contains(Role.RAISED, Role.PARTICIPANT, Role.WROTE, Role.ATTENDEE);
            assertThat(i.roles()).doesNotContain(Role.MANAGER, Role.RESOLVED);
            assertThat(i.message()).contains(RAISED_WITH);
        });
    }

    @Test
    void theStaffMembersExportShowsHisRolesNamesAndAddressesAndNoneOfTheContacts() {
        PersonalDataExport staff = export(Party.Kind.STAFF, "eve");

        assertThat(staff.names()).containsExactly("Staff eve");
        assertThat(staff.addresses()).containsExactly("eve@vendor.example");
        assertThat(staff.escalations()).singleElement().satisfies(i -> {
            assertThat(i.escalation()).isEqualTo(id);
            // the appointed manager is a participant beside the contact of the same id, as any manager is
            assertThat(i.roles()).contains(Role.MANAGER, Role.RESOLVED, Role.WROTE, Role.ATTENDEE, Role.PARTICIPANT);
            assertThat(i.roles()).doesNotContain(Role.RAISED);
            assertThat(i.message()).as("the message is the contact's words").isEmpty();
        });
    }

    @Test
    void aParticipantIsAParticipantAndAnAttendeeAndNamedNowhereElse() {
        for (Party.Kind kind : List.of(Party.Kind.CONTACT, Party.Kind.STAFF)) {
            String person = kind == Party.Kind.CONTACT ? "tom" : "dan";
            PersonalDataExport export = export(kind, person);
            String side = kind == Party.Kind.CONTACT ? "customer" : "vendor";

            assertThat(export.names()).containsExactly(name(kind, person));
            assertThat(export.addresses()).containsExactly(person + "@" + side + ".example");
            assertThat(export.escalations()).singleElement().satisfies(i -> {
                assertThat(i.roles()).contains(Role.PARTICIPANT, Role.ATTENDEE);
                assertThat(i.roles()).doesNotContain(Role.RAISED, Role.MANAGER, Role.RESOLVED, Role.WROTE);
                assertThat(i.message()).isEmpty();
            });
            String name = name(kind, person);
            assertThat(export.entries())
                    .as("the entry that added %s: someone else's, with only their name", person)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.wrote()).isFalse();
                        assertThat(e.text()).isEmpty();
                        assertThat(e.texts()).isEqualTo(Map.of("participantName", name));
                    });
        }
    }

    @Test
    void eachExportMarksExactlyThePersonsOwnEntriesAsWrittenAndCopiesNoOneElsesWords() {
        Map<Long, StoredEntry> log = w.log(id).stream().collect(Collectors.toMap(StoredEntry::sequence, e -> e));
        for (Party.Kind kind : List.of(Party.Kind.CONTACT, Party.Kind.STAFF)) {
            PersonalDataExport export = export(kind, "eve");
            ActorRef.Kind actorKind = kind == Party.Kind.CONTACT ? ActorRef.Kind.CONTACT : ActorRef.Kind.STAFF;
            List<StoredEntry> own = log.values().stream()
                    .filter(e -> e.actor().kind() == actorKind && e.actor().id().equals("eve"))
                    .toList();
            assertThat(own).as("the scenario has entries %s eve wrote", kind).isNotEmpty();

            assertThat(export.entries())
                    .filteredOn(PersonalDataExport.Entry::wrote)
                    .extracting(PersonalDataExport.Entry::sequence)
                    .as("%s eve's export marks her own entries as written, and only those", kind)
                    .containsExactlyElementsOf(
                            own.stream().map(StoredEntry::sequence).toList());
            for (PersonalDataExport.Entry e : export.entries()) {
                StoredEntry stored = log.get(e.sequence());
                if (e.wrote()) {
                    assertThat(e.text()).isEqualTo(stored.text());
                    assertThat(e.texts()).isEqualTo(texts(stored));
                } else {
                    assertThat(e.text())
                            .as("another's words in entry %s", e.sequence())
                            .isEmpty();
                    assertThat(e.texts().keySet())
                            .as("another's entry %s shows her name only", e.sequence())
                            .isSubsetOf(Set.of("participantName"));
                }
            }
            String others = kind == Party.Kind.CONTACT ? STAFF_WROTE : CONTACT_WROTE;
            assertThat(export.entries().toString()).doesNotContain(others);
        }
    }

    @Test
    void aMessageIsToThePersonOnlyWhenItIsAddressedToTheirKindAndIdOrNamesThemAsAnAttendee() {
        PersonalDataExport contact = export(Party.Kind.CONTACT, "eve");
        PersonalDataExport staff = export(Party.Kind.STAFF, "eve");

        assertThat(toThem(contact, "MANAGER_APPOINTED"))
                .as("the raiser's notice of the appointment")
                .hasSize(1);
        assertThat(toThem(staff, "MANAGER_APPOINTED"))
                .as("the manager's notice of the appointment")
                .hasSize(1)
                .doesNotContainAnyElementsOf(toThem(contact, "MANAGER_APPOINTED"));
        assertThat(toThem(contact, "ESCALATION_CONFIRMED")).hasSize(1);
        assertThat(toThem(staff, "ESCALATION_CONFIRMED")).isEmpty();
        Set<String> toBoth = new TreeSet<>(toThem(contact, null));
        toBoth.retainAll(toThem(staff, null));
        assertThat(toBoth)
                .as("only invitations, which name every attendee, are to both people")
                .isNotEmpty()
                .isEqualTo(invitations(contact))
                .isEqualTo(invitations(staff));
    }

    private static String name(Party.Kind kind, String person) {
        return (kind == Party.Kind.CONTACT ? "Contact " : "Staff ") + person;
    }

    /** The ids of the messages to the export's person, of the effect (or all). */
    private static Set<String> toThem(PersonalDataExport export, String effect) {
        return export.messages().stream()
                .filter(PersonalDataExport.Message::toThem)
                .filter(m -> effect == null || m.effect().equals(effect))
                .map(m -> m.id().value())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> invitations(PersonalDataExport export) {
        Set<String> ids = new TreeSet<>(toThem(export, "MEETING_SERIES_INVITATION"));
        ids.addAll(toThem(export, "LESSONS_LEARNED_INVITATION"));
        return ids;
    }

    private static Map<String, String> texts(StoredEntry e) {
        Map<String, String> texts = new LinkedHashMap<>();
        e.params().forEach((k, v) -> {
            if (v instanceof EntryParam.Text t) {
                texts.put(k, t.value());
            }
        });
        return texts;
    }
}
