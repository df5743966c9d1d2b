package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.PortalMessageView;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A directory whose names and titles hold characters a database or a mail header cannot carry (a NUL, which
 * PostgreSQL refuses in text; an escape; a line break; an unpaired surrogate, which the PostgreSQL driver writes as
 * {@code ?}). Everything the escalation sends is delivered at the first attempt, the portal's messages included, and a
 * message reads back as the notifier got it: the records replace those characters before the engine renders them.
 * Before, the portal message of a name with a NUL was retried on PostgreSQL until it was dead-lettered.
 */
abstract class HostileDirectoryOnDatabaseTestBase extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b[31m", "\r\n", "\ud800", "\udc00\ud83d"})
    void everythingIsDeliveredAtOnceAndAPortalMessageReadsBackAsSent(String bad) {
        CustomerId acme = CustomerId.of("acme");
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(acme, "ACME" + bad, Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina" + bad + "Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.PORTAL))))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly" + bad + "load fails"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(new StaffMember(
                        StaffId.of("sam"),
                        "Sam" + bad + "Support",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true))
                .add(new StaffMember(
                        StaffId.of("eve"),
                        "Eve" + bad + "Escalation",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true));
        InMemoryNotifier mail = new InMemoryNotifier();
        JdbcPortalMessages database = new JdbcPortalMessages(pool);
        Map<String, PortalMessage> stored = new ConcurrentHashMap<>();
        PortalMessages portalMessages = new PortalMessages() { // what the engine handed the store, by message id
                    @Override
                    public boolean store(PortalMessage message) {
                        stored.put(message.id(), message);
                        return database.store(message);
                    }

                    @Override
                    public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
                        return database.messagesFor(recipient, page);
                    }

                    @Override
                    public int eraseRecipient(PartyRef recipient) {
                        return database.eraseRecipient(recipient);
                    }
                };
        try (EscalationEngine engine = EscalationEngine.builder()
                .clock(MutableClock.at(Instant.parse("2027-01-12T09:00:00Z")))
                .customers(customers)
                .staff(staff)
                .notifier(mail)
                .portalMessages(portalMessages)
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .instanceName("hostile-directory")
                .build()) {
            EscalationId id = engine.escalate(INA, PostgresOutageTest.escalate("C-1", "s-1"))
                    .escalation();
            engine.acknowledge(Actor.staff("sam"), new Acknowledge(id, StaffId.of("eve"), "Called Ina"));

            DeliveryReport report = engine.deliverPending();

            assertThat(report.retried()).as("nothing failed").isZero();
            assertThat(report.deadLettered()).isZero();
            assertThat(report.pending()).isZero();
            // this escalation's (the portal table outlives the test's table clearing, so earlier cases' are there too)
            List<PortalMessageView> portal = engine.messagesFor(INA, PageRequest.first(50)).items().stream()
                    .filter(m -> m.escalation().equals(id))
                    .toList();
            assertThat(portal).as("Ina's portal messages").isNotEmpty();
            assertThat(portal).as("each reads back as the engine stored it").allSatisfy(m -> {
                assertThat(stored).containsKey(m.id());
                assertThat(m.subject()).isEqualTo(stored.get(m.id()).subject());
                assertThat(m.body()).isEqualTo(stored.get(m.id()).body());
            });
            String eve = staff.member(StaffId.of("eve")).orElseThrow().displayName();
            String title = customers.supportCase(CaseId.of("C-1")).orElseThrow().title();
            assertThat(eve).startsWith("Eve").endsWith("Escalation").isNotEqualTo("Eve" + bad + "Escalation");
            assertThat(portal)
                    .allSatisfy(m -> assertThat(printable(m.subject(), false) && printable(m.body(), true))
                            .as(m.subject() + m.body())
                            .isTrue())
                    .anySatisfy(m -> assertThat(m.body()).contains(eve));
            assertThat(mail.delivered())
                    .isNotEmpty()
                    .allSatisfy(n -> assertThat(printable(n.subject(), false) && printable(n.body(), true))
                            .as(n.subject() + n.body())
                            .isTrue())
                    .anySatisfy(n -> assertThat(n.subject() + n.body()).contains(title));
        }
    }

    /** No control character (but the line breaks of a body), no unpaired surrogate. */
    private static boolean printable(String s, boolean lineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaks && c == '\n')) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
