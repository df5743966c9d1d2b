package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A due item changed in the database so the store cannot read it back (an unknown kind, a payload that is not its
 * JSON or of an unknown format, an id the model refuses, an instant out of range): the due work of every other
 * escalation is still done, the changed item is set aside (leased, so claims pass over it until its lease ends) and
 * stays pending, and once mended it is done like the others: nothing is lost. Before, every claim threw, so no
 * reminder or breach was handled any more.
 */
abstract class DueWorkTamperTestBase extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");

    private MutableClock clock;
    private EscalationEngine engine;

    @BeforeEach
    void engine() {
        CustomerId acme = CustomerId.of("acme");
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        customers
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina Incident",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load fails"))
                .add(new SupportCase(CaseId.of("C-2"), acme, "Backups hang"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        staff.add(new StaffMember(
                StaffId.of("sam"),
                "Sam Support",
                "sam@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.SUPPORT_MANAGEMENT),
                true));
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .slaPolicy(SlaPolicy.builder("standard", 1)
                        .firstContact(Criticality.HIGH, Duration.ofHours(1))
                        .resolution(Criticality.HIGH, Duration.ofHours(16))
                        .warnAt(75)
                        .repeatAfterBreach(Duration.ofHours(4), 2)
                        .build())
                .build();
    }

    /** The status of every due item, by key, in due order. */
    private Map<String, String> statuses() throws SQLException {
        Map<String, String> statuses = new LinkedHashMap<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT due_key, status FROM esc_due ORDER BY due_at, due_key");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                statuses.put(rs.getString(1), rs.getString(2));
            }
        }
        return statuses;
    }

    private String firstKey(EscalationId escalation) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT due_key FROM esc_due WHERE escalation_id = ? ORDER BY due_at, due_key")) {
            ps.setString(1, escalation.value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a due item of %s", escalation).isTrue();
                return rs.getString(1);
            }
        }
    }

    private String column(String column, String key) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM esc_due WHERE due_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void set(String column, String value, String key) throws SQLException {
        String cast = column.equals("payload_format")
                ? "CAST(? AS INT)"
                : column.equals("due_at") ? "CAST(? AS NUMERIC(30,9))" : "?";
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE esc_due SET " + column + " = " + cast + " WHERE due_key = ?")) {
            ps.setString(1, value);
            ps.setString(2, key);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "kind|NO_SUCH_KIND",
                "payload|{not json",
                "payload|[1, 2]",
                "payload_format|99",
                "escalation_id|''",
                "customer_id|''",
                "due_at|-99999999999999999999"
            })
    void aDueItemTheStoreCannotReadIsSetAsideAndTheRestIsDone(String column, String value) throws Exception {
        EscalationId one = escalate("C-1");
        escalate("C-2");
        String changed = firstKey(one);
        String original = column(column, changed);
        set(column, value, changed);
        clock.advance(Duration.ofDays(30)); // past every planned step

        assertThatCode(() -> {
                    engine.processDueWork();
                    engine.processDueWork();
                })
                .doesNotThrowAnyException();

        Map<String, String> after = statuses();
        assertThat(after).hasSizeGreaterThan(2).containsEntry(changed, "PENDING");
        after.forEach((key, status) -> {
            if (!key.equals(changed)) {
                assertThat(status).as(key).isEqualTo("DONE");
            }
        });
        assertThat(column("lease_until", changed))
                .as("set aside until its lease ends")
                .isNotNull();

        set(column, original, changed); // mended
        clock.advance(Duration.ofHours(1));
        expireLeases();
        engine.processDueWork();
        assertThat(statuses())
                .allSatisfy((key, status) -> assertThat(status).as(key).isEqualTo("DONE"));
    }

    /** The lease is on the database's clock: ended by hand, as an hour passing would. */
    private void expireLeases() throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE esc_due SET lease_until = 0 WHERE status = 'PENDING'")) {
            ps.executeUpdate();
        }
    }

    private EscalationId escalate(String caseId) {
        return engine.escalate(
                        INA,
                        new EscalateCase(CaseId.of(caseId), "It fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
    }
}
