package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.AuditSettings;
import dev.escalation.AuditVerification;
import dev.escalation.DataSubject;
import dev.escalation.DeliveryReport;
import dev.escalation.ErasureReport;
import dev.escalation.EscalationEngine;
import dev.escalation.PersonalDataExport;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
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
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import dev.escalation.test.Records;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine on one database with every value at the longest the model and the commands accept, in characters outside
 * ASCII and outside the BMP (more bytes than characters): ids of 128 characters (customer, case, contacts, staff),
 * e-mail addresses of 254, names of 200, a submission id of 100, a message and a progress note of 4,000 characters. A
 * whole lifecycle with the audit trail on, the portal's messages in the database, an export and an erasure: every
 * notification is delivered at the first attempt, the values read back unchanged, and the chain verifies.
 */
abstract class LongestValuesOnDatabaseTestBase extends StoreTestSupport {
    private static final int ID = 128;

    /** An e-mail address of 254 characters that {@code @Email} accepts (a 64-character local part, labels of 63). */
    private static String address(String local) {
        String name = (local + "x".repeat(64)).substring(0, 64);
        return name + "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(57) + ".org";
    }

    private static final CustomerId CUSTOMER = CustomerId.of(Records.longest("acme", ID));
    private static final ContactId INA = ContactId.of(Records.longest("ina", ID));
    private static final StaffId SAM = StaffId.of(Records.longest("sam", ID));
    private static final StaffId EVE = StaffId.of(Records.longest("eve", ID));
    private static final CaseId CASE = CaseId.of(Records.longest("case", ID));
    private static final String INAS_NAME = Records.longest("Ina", 200);

    /** ACME with Ina (portal and e-mail) and one case, every value at its longest. */
    private static InMemoryCustomerDirectory customers() {
        return new InMemoryCustomerDirectory()
                .add(new CustomerAccount(CUSTOMER, Records.longest("ACME", 200), Optional.empty()))
                .add(new Touchpoint(
                        INA,
                        CUSTOMER,
                        INAS_NAME,
                        address("ina"),
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        new Preferences(
                                Optional.empty(),
                                Optional.empty(),
                                List.of(DeliveryChannel.PORTAL, DeliveryChannel.EMAIL))))
                .add(new SupportCase(CASE, CUSTOMER, Records.longest("Nightly load", 200)));
    }

    /** Sam of Support Management and Eve, an Escalation Manager. */
    private static InMemoryStaffDirectory staff() {
        return new InMemoryStaffDirectory()
                .add(longest(SAM, "Sam", StaffRole.SUPPORT_MANAGEMENT))
                .add(longest(EVE, "Eve", StaffRole.ESCALATION_MANAGER));
    }

    @Test
    void aLifecycleWithEveryValueAtItsLongestIsStoredDeliveredExportedAndErased() {
        String message = Records.longest("Nightly load fails", 4000);
        String note = Records.longest("Trucks wait at gate 3", 4000);
        String external = address("auditor");
        assertThat(external).hasSize(254);
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        InMemoryNotifier mail = new InMemoryNotifier();
        JdbcSubjectKeys subjectKeys = new JdbcSubjectKeys(pool);
        Actor asIna = Actor.contact(INA.value());
        Actor asSam = Actor.staff(SAM.value());
        Actor asEve = Actor.staff(EVE.value());
        try (EscalationEngine engine = EscalationEngine.builder()
                .auditTrail(new AuditSettings(subjectKeys, new JdbcAuditAnchors(pool), signing()))
                .clock(clock)
                .customers(customers())
                .staff(staff())
                .notifier(mail)
                .portalMessages(new JdbcPortalMessages(pool))
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .build()) {
            EscalationId id = engine.escalate(
                            asIna,
                            new EscalateCase(CASE, message, Cause.SOFTWARE_ERROR, Criticality.HIGH, "s".repeat(100)))
                    .escalation();
            engine.acknowledge(asSam, new Acknowledge(id, EVE, Records.longest("Called her back", 2000)));
            engine.agreePlan(
                    asEve,
                    new AgreePlan(
                            id,
                            Duration.ofDays(1),
                            Channel.VIDEO_CALL,
                            clock.instant().plusSeconds(7200)));
            engine.logProgress(asIna, new LogProgress(id, LogProgress.Kind.COMMUNICATION, note, Visibility.CUSTOMER));
            engine.addParticipant(
                    asEve,
                    new AddParticipant(id, Party.Kind.EXTERNAL, null, Records.longest("Auditor", 200), external));

            DeliveryReport report = engine.deliverPending();

            assertThat(report.retried()).as("nothing failed").isZero();
            assertThat(report.deadLettered()).as("nothing dead-lettered").isZero();
            assertThat(report.pending()).as("nothing left").isZero();
            assertThat(mail.delivered()).as("e-mails sent").isNotEmpty();
            assertThat(engine.messagesFor(asIna, PageRequest.first(50)).items())
                    .as("Ina's portal messages")
                    .isNotEmpty()
                    .allSatisfy(m -> assertThat(m.escalation()).isEqualTo(id));
            assertThat(engine.find(asIna, id).orElseThrow().message()).isEqualTo(message);
            assertThat(engine.find(asEve, id).orElseThrow().participants())
                    .extracting(Party::email)
                    .contains(external);
            PersonalDataExport export = engine.operations().exportPerson(asSam, DataSubject.contact(INA.value()));
            assertThat(export.escalations())
                    .extracting(PersonalDataExport.Involvement::escalation)
                    .containsExactly(id);
            assertThat(export.names()).contains(INAS_NAME);
            assertThat(export.entries())
                    .filteredOn(PersonalDataExport.Entry::wrote)
                    .extracting(e -> e.text().orElse(""))
                    .contains(note);

            engine.resolve(asEve, new Resolve(id, Records.longest("Index rebuilt", 4000)));
            engine.declineLessonsLearned(asIna, new DeclineLessonsLearned(id, Records.longest("No time", 2000)));
            engine.close(asEve, new Close(id, null));
            engine.operations().audit().anchor(asSam, id);
            ErasureReport erased = engine.operations().erasePerson(asSam, DataSubject.contact(INA.value()));

            assertThat(erased.touched()).containsExactly(id);
            AuditVerification verified = engine.operations().audit().verify(asSam, id);
            assertThat(verified.intact())
                    .as("the chain verifies after erasure: %s", verified)
                    .isTrue();
            assertThat(verified.anchored()).as("and agrees with its anchor").isPresent();
            PersonalDataExport after = engine.operations().exportPerson(asSam, DataSubject.contact(INA.value()));
            assertThat(after.names()).isEmpty();
            assertThat(after.addresses()).isEmpty();
            assertThat(engine.deliverPending().deadLettered()).isZero();
        }
    }

    /**
     * Ids of 128 characters make keys longer than a message id may be (128 characters): a host's escalation ids come
     * before every key of their escalation, and a due item's follow-up adds its recipient's id to the item's key.
     * Before, such a key failed the command or, for due work, the run ({@code IllegalArgumentException: MessageId must
     * be at most 128 characters}), and the reminder never went out. Now meeting reminders and their delivery complete,
     * once each, on the database as in memory.
     */
    @Test
    void dueWorkAndDeliveryCompleteWhenLongIdsMakeKeysLongerThanAMessageId() {
        AtomicInteger next = new AtomicInteger();
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        InMemoryNotifier mail = new InMemoryNotifier();
        try (EscalationEngine engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers())
                .staff(staff())
                .notifier(mail)
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .escalationIds(() -> EscalationId.of(Records.longest("E-" + next.incrementAndGet(), ID)))
                .build()) {
            EscalationId id = engine.escalate(
                            Actor.contact(INA.value()),
                            new EscalateCase(CASE, "Nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                    .escalation();
            assertThat(id.value()).hasSize(ID);
            engine.acknowledge(Actor.staff(SAM.value()), new Acknowledge(id, EVE, "Called her back"));
            engine.agreePlan(
                    Actor.staff(EVE.value()),
                    new AgreePlan(
                            id,
                            Duration.ofDays(1),
                            Channel.VIDEO_CALL,
                            clock.instant().plusSeconds(7200)));
            DeliveryReport commands = engine.deliverPending();
            assertThat(commands.retried() + commands.deadLettered() + commands.pending())
                    .isZero();
            int sentByCommands = mail.delivered().size();

            clock.advance(Duration.ofDays(2));
            DeliveryReport due = engine.processDueWork();
            DeliveryReport delivered = engine.deliverPending();

            assertThat(due.delivered()).as("due items completed").isPositive();
            assertThat(delivered.delivered()).as("reminders sent").isPositive();
            assertThat(delivered.retried() + delivered.deadLettered() + delivered.pending())
                    .isZero();
            assertThat(mail.delivered().subList(sentByCommands, mail.delivered().size()))
                    .extracting(n -> n.recipient().id())
                    .contains(EVE.value());
            assertThat(mail.callsPerKey())
                    .as("each sent once")
                    .allSatisfy((key, calls) -> assertThat(calls).isEqualTo(1));
            assertThat(engine.processDueWork().delivered())
                    .as("nothing is due twice")
                    .isZero();
        }
    }

    /** A staff member with a name of 200 characters and an address of 254. */
    private static StaffMember longest(StaffId id, String name, StaffRole role) {
        return new StaffMember(id, Records.longest(name, 200), address(name), Optional.empty(), Set.of(role), true);
    }

    private static KeyPair signing() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
