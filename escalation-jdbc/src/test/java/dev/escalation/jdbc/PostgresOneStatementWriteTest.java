package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * PostgreSQL's one-statement writes ({@link EscalationRows#insertAll}, {@link EscalationRows#updateAll}): for generated
 * writes with and without each kind of row (entries, metric rows, outbox messages, the open case, due items removed
 * and queued), PostgreSQL stores exactly the rows the H2 path (one statement per table) stores. Skipped without
 * {@code ESCALATION_TEST_PG_URL}.
 */
@AddLifecycleHook(PostgresRequired.class)
class PostgresOneStatementWriteTest {
    private static final AtomicInteger IDS = new AtomicInteger();

    private static TestDatabase pg;
    private static TestDatabase h2;
    private static DataSource pgPool;
    private static DataSource h2Pool;
    private static EscalationStore pgStore;
    private static EscalationStore h2Store;

    private static synchronized void open() {
        if (pg == null) {
            pg = TestDatabase.postgresql("PostgresOneStatementWriteTest");
            pg.migrate();
            pgPool = pg.newPool("write", 2);
            pgStore = JdbcEscalationStore.builder(pgPool).build();
            h2 = TestDatabase.h2();
            h2.migrate();
            h2Pool = h2.newPool("write", 2);
            h2Store = JdbcEscalationStore.builder(h2Pool).build();
        }
    }

    @AfterContainer
    static void close() {
        if (pg != null) {
            pg.close();
            h2.close();
            pg = null;
        }
    }

    /**
     * A created escalation (open or not; with 0–2 metric rows, 0–3 messages, its due steps) changed once (open or
     * closed; 0–2 entries, metric rows, messages; new due steps; its message, so its body document, changed or not;
     * refused by both if it would open a final escalation again): both stores hold the same rows afterwards.
     */
    @Property(tries = 1000)
    void postgresStoresWhatH2StoresWithAndWithoutEachKindOfRow(
            @ForAll boolean createdOpen,
            @ForAll @IntRange(max = 2) int createdMetrics,
            @ForAll @IntRange(max = 3) int createdMessages,
            @ForAll @Size(max = 4) Set<@IntRange(max = 5) Integer> createdDue,
            @ForAll boolean changedOpen,
            @ForAll @IntRange(max = 2) int changedEntries,
            @ForAll @IntRange(max = 2) int changedMetrics,
            @ForAll @IntRange(max = 3) int changedMessages,
            @ForAll @Size(max = 4) Set<@IntRange(max = 5) Integer> changedDue,
            @ForAll boolean changedMessage)
            throws SQLException {
        open();
        int n = IDS.incrementAndGet();
        String id = "E-write-" + n;
        Instant at = Records.T0.plusSeconds(n);
        StoredEscalation first = Records.from(Fixtures.raised("acme", id, "C-write-" + n, at))
                .state(createdOpen ? EscalationState.REQUESTED : EscalationState.WITHDRAWN)
                .build();
        EscalationWrite created = withMetrics(
                Fixtures.creation(first, messages(first, "c", createdMessages, at), due(first, createdDue, at)),
                first,
                createdMetrics,
                at);
        pgStore.create(created);
        h2Store.create(created);

        UnitOfWork<Boolean> change = current -> {
            Records.WriteBuilder w = Records.change(current)
                    .state(changedOpen ? EscalationState.ACKNOWLEDGED : EscalationState.CLOSED)
                    .messages(messages(current, "u", changedMessages, at))
                    .due(due(current, changedDue, at));
            if (changedMessage) {
                // the body document changes; without, body and intake are unchanged (PostgreSQL keeps them as stored)
                w.with(b -> b.message("The loader fails again after the patch (" + id + ")."));
            }
            for (int e = 0; e < changedEntries; e++) {
                w.entry(Fixtures.entry(1, at.plusSeconds(e + 1), ProgressKind.NOTE, "note " + e));
            }
            EscalationWrite write = withMetrics(w.build(), current, changedMetrics, at);
            return UnitOfWork.Decision.write(write, Boolean.TRUE);
        };
        if (!createdOpen && changedOpen) { // a final escalation made open again: both refuse it, writing nothing
            assertThatThrownBy(() -> pgStore.changeForVendor(EscalationId.of(id), change))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> h2Store.changeForVendor(EscalationId.of(id), change))
                    .isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(pgStore.changeForVendor(EscalationId.of(id), change)).contains(Boolean.TRUE);
            assertThat(h2Store.changeForVendor(EscalationId.of(id), change)).contains(Boolean.TRUE);
        }

        for (String table : TABLES) {
            assertThat(rows(pgPool, table, id)).as(table).isEqualTo(rows(h2Pool, table, id));
        }
    }

    private static EscalationWrite withMetrics(EscalationWrite w, StoredEscalation r, int count, Instant at) {
        List<MetricRow> metrics = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            metrics.add(new MetricRow(
                    r.id(),
                    r.customer(),
                    Criticality.HIGH,
                    m == 0 ? MetricRow.Transition.RESOLVED : MetricRow.Transition.TARGET_MET,
                    at.plusSeconds(m),
                    60 + m,
                    30 + m,
                    m == 0 ? Optional.empty() : Optional.of(DueKind.RESOLUTION)));
        }
        return new EscalationWrite(w.next(), w.entries(), w.messages(), w.due(), metrics);
    }

    private static List<OutboxMessage> messages(StoredEscalation r, String prefix, int count, Instant at) {
        List<OutboxMessage> messages = new ArrayList<>();
        for (int m = 0; m < count; m++) {
            messages.add(Fixtures.message(
                    r.customer().value(),
                    Fixtures.notification(r.id(), r.id().value() + "-" + prefix + m),
                    at.plusNanos(m)));
        }
        return messages;
    }

    private static List<DueItem> due(StoredEscalation r, Set<Integer> steps, Instant at) {
        List<DueItem> items = new ArrayList<>();
        for (int step : steps) {
            items.add(Fixtures.due(r, DueKind.NEXT_MEETING, "step-" + step, at.plusSeconds(3600L * (step + 1))));
        }
        return items;
    }

    /** The tables a write touches, each with the columns compared (not the generated ones) and its order. */
    private static final List<String> TABLES = List.of(
            "SELECT row_version, case_id, state, cause, criticality, raised_by, manager_id, submission_key, raised_at,"
                    + " updated_at, progress_max, body_format, body, intake, hotline, proposal, facts, next_deadline_at,"
                    + " next_deadline_kind, next_meeting_at, paused_since, open, overdue_since, final_at"
                    + " FROM esc_escalation WHERE escalation_id = ?",
            "SELECT row_version, state, changed_at FROM esc_change WHERE escalation_id = ? ORDER BY row_version",
            "SELECT customer_id, case_id FROM esc_open_case WHERE escalation_id = ?",
            "SELECT sequence_no, recorded_at, kind, format, actor_kind, actor_id, visibility, text, params, chain_hash,"
                    + " chain_previous FROM esc_entry WHERE escalation_id = ? ORDER BY sequence_no",
            "SELECT customer_id, criticality, transition, at_epoch, wall_seconds, business_seconds, target"
                    + " FROM esc_metric WHERE escalation_id = ? ORDER BY at_epoch, transition",
            "SELECT customer_id, message_id, idempotency_key, target, effect_type, payload_format, payload, status,"
                    + " created_at, next_attempt_at, attempts, last_error, chain_key"
                    + " FROM esc_outbox WHERE escalation_id = ? ORDER BY message_id",
            "SELECT customer_id, due_key, kind, step, due_at, payload_format, payload, status"
                    + " FROM esc_due WHERE escalation_id = ? ORDER BY due_key");

    /** The rows {@code sql} reads for escalation {@code id}, each value as text (numbers without trailing zeros). */
    private static List<List<String>> rows(DataSource ds, String sql, String id) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        row.add(
                                value == null
                                        ? null
                                        : value instanceof BigDecimal d
                                                ? d.stripTrailingZeros().toPlainString()
                                                : value instanceof Number || value instanceof Boolean
                                                        ? new BigDecimal(value.toString()
                                                                        .replace("true", "1")
                                                                        .replace("false", "0"))
                                                                .toPlainString()
                                                        : value.toString());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
