package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.CorruptDataException;
import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.NotAuthorizedException;
import dev.escalation.OutboxStatus;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
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
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Preferences;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rows changed in the database so the store cannot read them back (a payload that is not its JSON, an unknown effect
 * type, kind or payload format, an id the model refuses, an instant out of range), as someone with write access to the
 * database might leave them. Before, one such outbox row or due item made every claim throw, so nothing was delivered
 * and no reminder or breach handled, for anyone, and the engine answered {@code UNAVAILABLE} ("try again later") at
 * every attempt; reads that met one answered the same.
 *
 * <ul>
 *   <li>An outbox row: delivery goes on for every other message, the changed one is dead-lettered as {@code
 *       UNREADABLE} without being sent, the messages queued after it in its chain wait behind it, the dead-letter
 *       list answers {@code CORRUPT_DATA}, and once the row is mended a replay delivers it and the rest.</li>
 *   <li>A due item: the due work of every other escalation is done, the changed item is set aside (leased, so claims
 *       pass over it until its lease ends) and stays pending, and once mended it is done like the others.</li>
 *   <li>A portal message, a person's export or erasure: {@code CORRUPT_DATA}, nothing changed.</li>
 * </ul>
 */
abstract class UnreadableRowsTestBase extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");
    private static final Actor TOM = Actor.contact("tom");
    private static final Actor PIA = Actor.contact("pia");

    private MutableClock clock;
    private EscalationEngine engine;
    private InMemoryNotifier notifier;
    /** The engine's builder as set up, for a second engine with other delivery settings. */
    private java.util.function.Supplier<dev.escalation.EscalationEngineBuilder> builder;

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
                .add(portalReader("tom", acme))
                .add(portalReader("pia", acme))
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
        staff.add(new StaffMember(
                StaffId.of("eve"),
                "Eve Escalation",
                "eve@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.ESCALATION_MANAGER),
                true));
        notifier = new InMemoryNotifier();
        clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        builder = () -> EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(notifier)
                .portalMessages(new JdbcPortalMessages(pool))
                .ticketing(new InMemoryTicketing())
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .slaPolicy(SlaPolicy.builder("standard", 1)
                        .firstContact(Criticality.HIGH, Duration.ofHours(1))
                        .resolution(Criticality.HIGH, Duration.ofHours(16))
                        .warnAt(75)
                        .repeatAfterBreach(Duration.ofHours(4), 2)
                        .build());
        engine = builder.get().build();
    }

    /** An Incident Manager who reads notifications in the portal. */
    private static Touchpoint portalReader(String id, CustomerId customer) {
        return new Touchpoint(
                ContactId.of(id),
                customer,
                id.toUpperCase(java.util.Locale.ROOT),
                id + "@acme.example",
                Optional.empty(),
                Set.of(CustomerRole.INCIDENT_MANAGER),
                true,
                new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.PORTAL)));
    }

    /** One outbox row as the test reads it. */
    private record Row(long seq, String messageId, String escalation, String chain, String status, String key) {}

    private List<Row> rows() throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT seq, message_id, escalation_id, chain_key, status, idempotency_key FROM esc_outbox"
                                + " ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)));
            }
        }
        return rows;
    }

    private String column(String column, long seq) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM esc_outbox WHERE seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void set(String column, String value, long seq) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE esc_outbox SET " + column + " = "
                        + (column.equals("payload_format") ? "CAST(? AS INT)" : "?") + " WHERE seq = ?")) {
            ps.setString(1, value);
            ps.setLong(2, seq);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "payload|{not json|IllegalStateException",
                "payload|{\"kind\": \"NO_SUCH_KIND\"}|IllegalStateException",
                "payload|[]|IllegalStateException",
                "effect_type|ticket.no-such-call|IllegalStateException",
                "payload_format|99|IllegalStateException",
                "message_id|''|IllegalArgumentException",
                "customer_id|''|IllegalArgumentException"
            })
    void aMessageTheStoreCannotReadIsSetAsideAndTheRestIsDelivered(String column, String value, String failure)
            throws Exception {
        EscalationId one = escalate("C-1");
        EscalationId two = escalate("C-2");
        List<Row> before = rows();
        Row changed = before.stream()
                .filter(r -> r.escalation().equals(one.value()))
                .findFirst()
                .orElseThrow();
        String original = column(column, changed.seq());
        set(column, value, changed.seq());

        DeliveryReport report = engine.deliverPending();
        assertThat(report.deadLettered())
                .as("the run counts what its claim dead-lettered")
                .isEqualTo(1);
        engine.deliverPending();

        List<Row> after = rows();
        for (Row r : after) {
            if (r.seq() == changed.seq()) {
                assertThat(r.status()).as("the changed row").isEqualTo("DEAD");
            } else if (r.escalation().equals(one.value()) && r.chain().equals(changed.chain())) {
                assertThat(r.status()).as("queued after it in its chain: %s", r).isEqualTo("PENDING");
            } else {
                assertThat(r.status()).as("every other message: %s", r).isEqualTo("DONE");
            }
        }
        assertThat(after).anyMatch(r -> r.escalation().equals(two.value()));
        assertThat(column("dead_code", changed.seq())).isEqualTo("UNREADABLE");
        assertThat(column("last_error", changed.seq()))
                .as("the last error names the type of what failed to read the row")
                .isEqualTo(failure);
        assertThat(column("attempts", changed.seq())).isEqualTo("0");
        assertThat(notifier.callsPerKey()).doesNotContainKey(changed.key());
        OutboxStatus counts = engine.operations().outboxCounts(SAM);
        assertThat(counts.dead()).isEqualTo(1);
        List<DeadLetterView> listed =
                engine.operations().deadLetters(SAM, PageRequest.first(10)).items();
        if (IDS.contains(column)) {
            assertThat(listed)
                    .as("a letter whose own ids cannot be read cannot be named")
                    .isEmpty();
        } else {
            assertThat(listed).singleElement().satisfies(d -> {
                assertThat(d.id().value()).isEqualTo(changed.messageId());
                assertThat(d.code()).contains("UNREADABLE");
            });
        }

        set(column, original, changed.seq()); // mended
        List<DeadLetterView> dead =
                engine.operations().deadLetters(SAM, PageRequest.first(10)).items();
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.code()).contains("UNREADABLE");
            assertThat(d.lastError()).isPresent();
        });
        assertThat(engine.operations().replay(SAM, MessageId.of(changed.messageId())))
                .isTrue();
        engine.deliverPending();
        engine.deliverPending();
        assertThat(rows()).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo("DONE"));
        assertThat(engine.operations().outboxCounts(SAM).dead()).isZero();
        assertThat(notifier.callsPerKey())
                .allSatisfy((key, calls) -> assertThat(calls).as(key).isEqualTo(1));
    }

    /**
     * An unreadable message and the messages queued after it in its chain are claimed together (one claim holds the
     * whole chain): those younger ones go back and wait behind the dead letter; only the other chains are delivered.
     * Delivering them in the same run would let them overtake it (its replay delivers it after them).
     */
    @Test
    void messagesQueuedAfterAnUnreadableOneInItsChainWaitAlsoWhenClaimedWithIt() throws Exception {
        EscalationId one = escalate("C-1");
        engine.acknowledge(SAM, new Acknowledge(one, StaffId.of("eve"), "Called Ina"));
        List<Row> before = rows();
        Row changed = before.stream()
                .filter(r -> r.escalation().equals(one.value())
                        && before.stream().anyMatch(o -> o.chain().equals(r.chain()) && o.seq() > r.seq()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chain of two messages: " + before));
        set("payload", "{not json", changed.seq());

        engine.deliverPending();
        engine.deliverPending();

        for (Row r : rows()) {
            String expected =
                    r.seq() == changed.seq() ? "DEAD" : r.chain().equals(changed.chain()) ? "PENDING" : "DONE";
            assertThat(r.status()).as("%s", r).isEqualTo(expected);
        }
    }

    /** The columns that name a dead letter: changed so they cannot be read, the letter cannot be listed. */
    private static final Set<String> IDS = Set.of("message_id", "customer_id");

    /**
     * A dead letter the store cannot read back is listed beside the readable ones (before: the whole list was {@code
     * CORRUPT_DATA}, so Support Management could see and replay none of them), in order and over pages, with what its
     * row's plain columns hold; only Support Management sees it; its replay is {@code CORRUPT_DATA} with nothing
     * changed until it is mended (the others are replayed meanwhile), then delivered; the run that dead-lettered it
     * counts it (before: 0). A letter whose own ids cannot be read is left out, and the rest is listed as before.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "payload|{not json",
                "payload|[]",
                "effect_type|ticket.no-such-call",
                "payload_format|99",
                "message_id|''",
                "customer_id|''"
            })
    void anUnreadableDeadLetterIsListedBesideTheOthersAndReplayedOnceMended(String column, String value)
            throws Exception {
        EscalationId one = escalate("C-1");
        EscalationId two = escalate("C-2");
        Row changed = rows().stream()
                .filter(r -> r.escalation().equals(one.value()))
                .findFirst()
                .orElseThrow();
        String original = column(column, changed.seq());
        set(column, value, changed.seq());
        int readable = deadLetterByHand(two);
        assertThat(readable).isGreaterThan(1);

        DeliveryReport report = engine.deliverPending();
        assertThat(report.deadLettered())
                .as("the run counts what its claim dead-lettered")
                .isEqualTo(1);
        assertThat(column("status", changed.seq())).isEqualTo("DEAD");
        assertThat(engine.operations().outboxCounts(SAM).dead()).isEqualTo(readable + 1);

        boolean listed = !IDS.contains(column);
        List<DeadLetterView> all =
                engine.operations().deadLetters(SAM, PageRequest.first(50)).items();
        assertThat(all).extracting(d -> d.id().value()).isEqualTo(deadInListOrder(listed ? -1 : changed.seq()));
        for (DeadLetterView d : all) {
            if (d.id().value().equals(changed.messageId())) {
                assertThat(d.escalation()).isEqualTo(one);
                assertThat(d.customer()).isEqualTo(CustomerId.of("acme"));
                assertThat(d.target().name()).isEqualTo(column("target", changed.seq()));
                assertThat(d.createdAt())
                        .isEqualTo(Db.toInstant(new java.math.BigDecimal(column("created_at", changed.seq()))));
                assertThat(d.attempts()).isZero();
                assertThat(d.code()).contains("UNREADABLE");
                assertThat(d.lastError()).isPresent().get().asString().doesNotContain(value);
                assertThat(d.recipient()).isEmpty();
            } else {
                assertThat(d.escalation()).isEqualTo(two);
                assertThat(d.code()).contains("PERMANENT");
                assertThat(d.effect()).isNotEqualTo("UNKNOWN");
            }
        }
        assertThat(all.stream().anyMatch(d -> d.id().value().equals(changed.messageId())))
                .isEqualTo(listed);
        for (int size = 1; size <= 3; size++) {
            assertThat(paged(size)).as("pages of %d", size).isEqualTo(all);
        }
        for (Actor other : List.of(INA, TOM, Actor.staff("nobody"))) {
            assertThatThrownBy(() -> engine.operations().deadLetters(other, PageRequest.first(50)))
                    .as("%s", other)
                    .isInstanceOf(NotAuthorizedException.class);
            assertThatThrownBy(() -> engine.operations().replay(other, MessageId.of(changed.messageId())))
                    .isInstanceOf(NotAuthorizedException.class);
        }

        String before = state();
        if (!column.equals("message_id")) {
            assertThatThrownBy(() -> engine.operations().replay(SAM, MessageId.of(changed.messageId())))
                    .isInstanceOfSatisfying(CorruptDataException.class, e -> {
                        assertThat(e.code()).isEqualTo("CORRUPT_DATA");
                        assertThat(e.getMessage()).doesNotContain(changed.messageId(), one.value(), "acme");
                    });
        } else {
            assertThat(engine.operations().replay(SAM, MessageId.of(changed.messageId())))
                    .as("no row holds that id now")
                    .isFalse();
        }
        assertThatThrownBy(() -> engine.operations().replayAll(SAM, one))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(state()).as("a refused replay changes nothing").isEqualTo(before);
        assertThat(engine.operations().replayAll(SAM, two))
                .as("the others replay meanwhile")
                .isEqualTo(readable);

        set(column, original, changed.seq()); // mended
        assertThat(engine.operations().replay(SAM, MessageId.of(changed.messageId())))
                .isTrue();
        DeliveryReport mended = engine.deliverPending();
        assertThat(mended.deadLettered()).isZero();
        engine.deliverPending();
        assertThat(rows()).allSatisfy(r -> assertThat(r.status()).as("%s", r).isEqualTo("DONE"));
        assertThat(engine.operations().deadLetters(SAM, PageRequest.first(50)).items())
                .isEmpty();
    }

    /** Dead-letters every message of {@code escalation} as the dispatcher would a permanent failure; how many. */
    private int deadLetterByHand(EscalationId escalation) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE esc_outbox SET status = 'DEAD', dead_code ="
                        + " 'PERMANENT', attempts = 1, last_error = 'PermanentDeliveryException'"
                        + " WHERE escalation_id = ?")) {
            ps.setString(1, escalation.value());
            return ps.executeUpdate();
        }
    }

    /** The message ids of the dead rows by (created_at, id), without the row at {@code leftOut}. */
    private List<String> deadInListOrder(long leftOut) throws SQLException {
        List<Map.Entry<java.math.BigDecimal, String>> dead = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT created_at, message_id, seq FROM esc_outbox WHERE status = 'DEAD'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(3) != leftOut) {
                    dead.add(Map.entry(rs.getBigDecimal(1), rs.getString(2)));
                }
            }
        }
        dead.sort(Map.Entry.<java.math.BigDecimal, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        return dead.stream().map(Map.Entry::getValue).toList();
    }

    /** Every dead letter, read in pages of {@code size}. */
    private List<DeadLetterView> paged(int size) {
        List<DeadLetterView> all = new ArrayList<>();
        Page<DeadLetterView> page = engine.operations().deadLetters(SAM, PageRequest.first(size));
        for (int reads = 0; reads < 100; reads++) {
            assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
            all.addAll(page.items());
            if (page.next().isEmpty()) {
                return all;
            }
            page = engine.operations()
                    .deadLetters(SAM, PageRequest.after(page.next().get(), size));
        }
        throw new AssertionError("paging did not end");
    }

    /** Every outbox row's state, for "nothing changed". */
    private String state() throws SQLException {
        StringBuilder state = new StringBuilder();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT seq, message_id, customer_id, status, dead_code,"
                        + " attempts, next_attempt_at, last_error, payload, effect_type, payload_format"
                        + " FROM esc_outbox ORDER BY seq");
                ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    state.append(rs.getString(i)).append('|');
                }
                state.append('\n');
            }
        }
        return state.toString();
    }

    /**
     * A person's export and erasure that meet an outbox payload the store cannot read back are {@code CORRUPT_DATA}
     * (before: {@code UNAVAILABLE}, "try again later", which never helps), and the erasure changed nothing.
     */
    @org.junit.jupiter.api.Test
    void anExportOrErasureThatMeetsAnUnreadablePayloadIsCorruptData() throws Exception {
        EscalationId one = escalate("C-1");
        engine.withdraw(INA, new dev.escalation.command.Withdraw(one, "solved by a restart", null));
        Row changed = rows().get(0);
        set("payload", "{not json", changed.seq());
        String before = String.valueOf(rows());

        assertThatThrownBy(() -> engine.operations().exportPerson(SAM, dev.escalation.DataSubject.contact("ina")))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThatThrownBy(() -> engine.operations().erasePerson(SAM, dev.escalation.DataSubject.contact("ina")))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(String.valueOf(rows())).isEqualTo(before);
        assertThat(engine.find(SAM, one).orElseThrow().toString()).contains("Ina Incident");
    }

    /**
     * A portal message changed so the store cannot read it back: its reader's inbox answers {@code CORRUPT_DATA}
     * (before: {@code UNAVAILABLE}, "try again later", which never helps), another reader's inbox still reads.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
            delimiter = '|',
            value = {"kind|NO_SUCH_KIND", "params|{not json", "escalation_id|''", "created_at|-99999999999999999999"})
    void aPortalMessageTheStoreCannotReadIsCorruptDataForItsReaderOnly(String column, String value) throws Exception {
        engine.escalate(
                TOM, new EscalateCase(CaseId.of("C-1"), "Load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));
        engine.escalate(
                PIA, new EscalateCase(CaseId.of("C-2"), "Backups", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));
        engine.deliverPending();
        assertThat(engine.messagesFor(TOM, PageRequest.first(10)).items()).isNotEmpty();
        assertThat(engine.messagesFor(PIA, PageRequest.first(10)).items()).isNotEmpty();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE esc_portal_message SET " + column + " = "
                        + (column.equals("created_at") ? "CAST(? AS NUMERIC(30,9))" : "?")
                        + " WHERE recipient_kind = 'CONTACT' AND recipient_id = 'tom'")) {
            ps.setString(1, value);
            assertThat(ps.executeUpdate()).isPositive();
        }

        assertThatThrownBy(() -> engine.messagesFor(TOM, PageRequest.first(10)))
                .isInstanceOfSatisfying(
                        CorruptDataException.class, e -> assertThat(e.code()).isEqualTo("CORRUPT_DATA"));
        assertThat(engine.messagesFor(PIA, PageRequest.first(10)).items()).isNotEmpty();
    }

    /** The status of every due item, by key, in due order. */
    private Map<String, String> dueStatuses() throws SQLException {
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

    private String firstDueKey(EscalationId escalation) throws SQLException {
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

    private String dueColumn(String column, String key) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM esc_due WHERE due_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void setDue(String column, String value, String key) throws SQLException {
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
        String changed = firstDueKey(one);
        String original = dueColumn(column, changed);
        setDue(column, value, changed);
        clock.advance(Duration.ofDays(30)); // past every planned step

        assertThatCode(() -> {
                    engine.processDueWork();
                    engine.processDueWork();
                })
                .doesNotThrowAnyException();

        Map<String, String> after = dueStatuses();
        assertThat(after).hasSizeGreaterThan(2).containsEntry(changed, "PENDING");
        after.forEach((key, status) -> {
            if (!key.equals(changed)) {
                assertThat(status).as(key).isEqualTo("DONE");
            }
        });
        assertThat(dueColumn("lease_until", changed))
                .as("set aside until its lease ends")
                .isNotNull();

        setDue(column, original, changed); // mended
        clock.advance(Duration.ofHours(1));
        expireDueLeases();
        engine.processDueWork();
        assertThat(dueStatuses())
                .allSatisfy((key, status) -> assertThat(status).as(key).isEqualTo("DONE"));
    }

    /**
     * More due items than one claim's batch, the first in due order, hold a value the store never writes: the claim
     * sets them aside and reads on, so the run does the items behind them. Before, the claim returned nothing and the
     * run ended with every readable item still pending.
     */
    @Test
    void dueItemsBehindWholeBatchesTheStoreCannotReadAreDoneInTheSameRun() throws Exception {
        EscalationEngine batchesOfTwo =
                builder.get().delivery(Duration.ofMinutes(1), 2, 3).build();
        escalate("C-1");
        clock.advance(Duration.ofMinutes(1)); // no two items due at the same instant
        escalate("C-2");
        List<String> due = new ArrayList<>(dueStatuses().keySet());
        List<String> changed = due.subList(0, 5); // two batches and one more
        for (String key : changed) {
            setDue("kind", "NO_SUCH_KIND", key);
        }
        clock.advance(Duration.ofDays(30)); // past every planned step

        batchesOfTwo.processDueWork();

        Map<String, String> after = dueStatuses();
        for (String key : due) {
            assertThat(after).as(key).containsEntry(key, changed.contains(key) ? "PENDING" : "DONE");
        }
    }

    /** The lease is on the database's clock: ended by hand, as an hour passing would. */
    private void expireDueLeases() throws SQLException {
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
