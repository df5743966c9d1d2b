package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.StaleVersionException;
import dev.escalation.spi.UnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EscalationStore}, with its {@link Outbox} and {@link DueWork}, on plain JDBC over a host-supplied
 * {@link DataSource}, for PostgreSQL (15 or later) and H2 (2.3 or later).
 *
 * <p>The schema must exist before the first call: apply the Flyway migrations at {@link JdbcSchema#LOCATION}
 * yourself or call {@link JdbcSchema#migrate(DataSource)}. The store never changes the schema by itself.
 *
 * <p>Guarantees, all enforced by the database so that they hold across application instances sharing it:
 * <ul>
 *   <li>every write (record, new progress entries, outbox messages, due items) is one transaction;</li>
 *   <li>optimistic concurrency: {@link #update} compares the stored version and refuses a stale write with
 *       {@link StaleVersionException}, changing nothing;</li>
 *   <li>at most one open escalation per case, held by the primary key of a table of open cases;</li>
 *   <li>outbox messages and due items are claimed with leases ({@code SELECT … FOR UPDATE SKIP LOCKED}); a lease is
 *       measured in database time, whether work is due in the engine's time passed in.</li>
 * </ul>
 *
 * <p><b>Thread-safety:</b> instances are immutable and safe for use by many threads; several instances (in one or
 * many processes) may share one database. <b>Failures:</b> connection problems, timeouts and transaction conflicts
 * the database resolved by aborting throw {@link UnavailableException}; the transaction was rolled back. Other
 * database errors (for example a missing schema) throw {@link IllegalStateException}.
 */
public final class JdbcEscalationStore implements EscalationStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEscalationStore.class);
    private static final int MAX_SUBMISSION_KEY = 1000;
    private static final int OPEN_CASE_ATTEMPTS = 5;

    private final Db db;
    private final Json json = new Json();
    private final JdbcOutbox outbox;
    private final JdbcDueWork dueWork;

    private JdbcEscalationStore(Builder builder) {
        this.db = new Db(builder.dataSource, builder.queryTimeout);
        this.outbox = new JdbcOutbox(db, json);
        this.dueWork = new JdbcDueWork(db, json, outbox);
    }

    /**
     * Starts a builder. Building does not connect: the database (PostgreSQL or H2) is recognised on first use.
     *
     * @param dataSource where the schema lives; pooled by the host (for example with HikariCP)
     * @return the builder
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Builds a {@link JdbcEscalationStore}. Not thread-safe; {@link #build()} copies the settings, so a builder may be
     * reused.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private Duration queryTimeout = Duration.ofSeconds(30);

        private Builder(DataSource dataSource) {
            this.dataSource = requireNonNull(dataSource, "dataSource");
        }

        /**
         * How long one SQL statement may run before the driver cancels it and the call fails with
         * {@link UnavailableException}. Default 30 seconds; {@link Duration#ZERO} means no limit.
         *
         * @param timeout zero or more; rounded up to whole seconds, as JDBC counts them
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder queryTimeout(Duration timeout) {
            requireNonNull(timeout, "queryTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("queryTimeout must not be negative: " + timeout);
            }
            this.queryTimeout = timeout;
            return this;
        }

        /**
         * Creates the store.
         *
         * @return a new, thread-safe store
         */
        public JdbcEscalationStore build() {
            return new JdbcEscalationStore(this);
        }
    }

    /** Signals, inside a transaction, that the case already has an open escalation; the transaction rolls back. */
    private static final class OpenCaseTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OpenCaseTaken() {
            super(null, null, false, false);
        }
    }

    @Override
    public void insert(EscalationRecord record, List<OutboxMessage> messages, List<DueItem> due) {
        requireNonNull(record, "record");
        List<OutboxMessage> queued = List.copyOf(messages);
        List<DueItem> items = List.copyOf(due);
        if (record.version() != 1) {
            throw new IllegalArgumentException("a new escalation must have version 1, not " + record.version());
        }
        checkSubmissionKey(record);
        for (int attempt = 1; ; attempt++) {
            try {
                db.inTransaction("insert", c -> {
                    insertRow(c, record);
                    if (record.state().isOpen()) {
                        occupyCase(c, record.customer(), record.caseId(), record.id());
                    }
                    appendProgress(c, record, 0);
                    outbox.queue(c, queued);
                    dueWork.queue(c, items);
                    return null;
                });
                LOG.debug("escalation {} inserted", record.id());
                return;
            } catch (OpenCaseTaken taken) {
                Optional<EscalationId> holder = openEscalationOf(record.customer(), record.caseId());
                if (holder.isPresent()) {
                    LOG.debug("escalation {} refused: case has the open escalation {}", record.id(), holder.get());
                    throw new OpenEscalationExistsException(record.caseId(), holder.get());
                }
                // the holder closed between our insert and our look-up: the case may be free now
                if (attempt >= OPEN_CASE_ATTEMPTS) {
                    throw new UnavailableException(
                            "escalation store: the open escalation of a case kept changing", null);
                }
            }
        }
    }

    private static void checkSubmissionKey(EscalationRecord record) {
        if (record.submissionKey().isPresent() && record.submissionKey().get().length() > MAX_SUBMISSION_KEY) {
            throw new IllegalArgumentException("submissionKey must be at most " + MAX_SUBMISSION_KEY + " characters");
        }
    }

    private void insertRow(Connection c, EscalationRecord r) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c,
                "INSERT INTO esc_escalation (customer_id, escalation_id, "
                        + "row_version, case_id, state, cause, criticality, raised_by, manager_id, submission_key, raised_at, "
                        + "updated_at, progress_max, body_format, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.customer().value());
            ps.setString(2, r.id().value());
            ps.setLong(3, r.version());
            ps.setString(4, r.caseId().value());
            ps.setString(5, r.state().name());
            ps.setString(6, r.cause().name());
            ps.setString(7, r.criticality().name());
            ps.setString(8, r.raisedBy().value());
            ps.setString(9, r.manager().map(StaffId::value).orElse(null));
            ps.setString(10, r.submissionKey().orElse(null));
            ps.setBigDecimal(11, Db.toDecimal(r.raisedAt()));
            ps.setBigDecimal(12, Db.toDecimal(r.updatedAt()));
            ps.setLong(13, maxSequence(r.progress(), 0));
            ps.setInt(14, Json.FORMAT);
            ps.setString(15, json.writeBody(bodyOf(r)));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new IllegalArgumentException("escalation " + r.id() + " already exists", e);
            }
            throw e;
        }
    }

    private static Json.EscalationBody bodyOf(EscalationRecord r) {
        return new Json.EscalationBody(
                r.message(), r.plan(), r.participants(), r.resolution(), r.lessonsLearned(), r.policy());
    }

    private static long maxSequence(List<ProgressEntry> progress, long stored) {
        long max = stored;
        for (ProgressEntry entry : progress) {
            max = Math.max(max, entry.sequence());
        }
        return max;
    }

    private void occupyCase(Connection c, CustomerId customer, CaseId caseId, EscalationId id) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c, "INSERT INTO esc_open_case (customer_id, case_id, escalation_id) " + "VALUES (?, ?, ?)")) {
            ps.setString(1, customer.value());
            ps.setString(2, caseId.value());
            ps.setString(3, id.value());
            ps.executeUpdate();
        } catch (SQLException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw new OpenCaseTaken();
            }
            throw e;
        }
    }

    private Optional<EscalationId> openEscalationOf(CustomerId customer, CaseId caseId) {
        return db.inTransaction("open case look-up", c -> {
            try (PreparedStatement ps = db.prepare(
                    c, "SELECT escalation_id FROM esc_open_case WHERE customer_id = ? " + "AND case_id = ?")) {
                ps.setString(1, customer.value());
                ps.setString(2, caseId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(EscalationId.of(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    private void appendProgress(Connection c, EscalationRecord r, long stored) throws SQLException {
        List<ProgressEntry> fresh = new ArrayList<>();
        for (ProgressEntry entry : r.progress()) {
            if (entry.sequence() > stored) {
                fresh.add(entry);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = db.prepare(
                c,
                "INSERT INTO esc_progress (customer_id, escalation_id, sequence_no, "
                        + "recorded_at, kind, entry_format, entry) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (ProgressEntry entry : fresh) {
                ps.setString(1, r.customer().value());
                ps.setString(2, r.id().value());
                ps.setLong(3, entry.sequence());
                ps.setBigDecimal(4, Db.toDecimal(entry.at()));
                ps.setString(5, entry.kind().name());
                ps.setInt(6, Json.FORMAT);
                ps.setString(7, json.writeEntry(entry));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** What {@link #update} needs to know about the stored row, read under a row lock. */
    private record Stored(long version, EscalationState state, CaseId caseId, long progressMax) {}

    @Override
    public void update(EscalationRecord next, List<OutboxMessage> messages, List<DueItem> due) {
        requireNonNull(next, "next");
        List<OutboxMessage> queued = List.copyOf(messages);
        List<DueItem> items = List.copyOf(due);
        checkSubmissionKey(next);
        long expected = next.version() - 1;
        try {
            db.inTransaction("update", c -> {
                // The row lock makes concurrent writers of one version queue up; the first one wins, the others then
                // read its version and fail below. The UPDATE's version condition guards the same rule once more.
                Optional<Stored> stored = lockRow(c, next.customer(), next.id());
                if (stored.isEmpty() || stored.get().version() != expected) {
                    throw new StaleVersionException(next.id(), expected);
                }
                Stored old = stored.get();
                if (!old.caseId().equals(next.caseId())) {
                    throw new IllegalArgumentException("escalation " + next.id() + " belongs to case " + old.caseId()
                            + "; the case of an escalation never changes");
                }
                if (updateRow(c, next, expected, maxSequence(next.progress(), old.progressMax())) != 1) {
                    throw new StaleVersionException(next.id(), expected);
                }
                if (old.state().isOpen() && !next.state().isOpen()) {
                    freeCase(c, next);
                } else if (!old.state().isOpen() && next.state().isOpen()) {
                    occupyCase(c, next.customer(), next.caseId(), next.id());
                }
                appendProgress(c, next, old.progressMax());
                outbox.queue(c, queued);
                dueWork.replace(c, next.customer(), next.id(), items);
                return null;
            });
        } catch (StaleVersionException e) {
            LOG.debug("stale write of escalation {} refused: expected version {}", next.id(), expected);
            throw e;
        } catch (OpenCaseTaken taken) {
            EscalationId holder = openEscalationOf(next.customer(), next.caseId())
                    .orElseThrow(() -> new UnavailableException(
                            "escalation store: the open escalation of a case kept changing", null));
            throw new OpenEscalationExistsException(next.caseId(), holder);
        }
        LOG.debug("escalation {} updated to version {}", next.id(), next.version());
    }

    private Optional<Stored> lockRow(Connection c, CustomerId customer, EscalationId id) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT row_version, state, case_id, progress_max FROM "
                        + "esc_escalation WHERE customer_id = ? AND escalation_id = ? FOR UPDATE")) {
            ps.setString(1, customer.value());
            ps.setString(2, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(
                        rs.getLong(1),
                        EscalationState.valueOf(rs.getString(2)),
                        CaseId.of(rs.getString(3)),
                        rs.getLong(4)));
            }
        }
    }

    private int updateRow(Connection c, EscalationRecord r, long expected, long progressMax) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c,
                "UPDATE esc_escalation SET row_version = ?, state = ?, cause = ?, "
                        + "criticality = ?, raised_by = ?, manager_id = ?, submission_key = ?, raised_at = ?, updated_at = ?, "
                        + "progress_max = ?, body_format = ?, body = ? "
                        + "WHERE customer_id = ? AND escalation_id = ? AND row_version = ?")) {
            ps.setLong(1, r.version());
            ps.setString(2, r.state().name());
            ps.setString(3, r.cause().name());
            ps.setString(4, r.criticality().name());
            ps.setString(5, r.raisedBy().value());
            ps.setString(6, r.manager().map(StaffId::value).orElse(null));
            ps.setString(7, r.submissionKey().orElse(null));
            ps.setBigDecimal(8, Db.toDecimal(r.raisedAt()));
            ps.setBigDecimal(9, Db.toDecimal(r.updatedAt()));
            ps.setLong(10, progressMax);
            ps.setInt(11, Json.FORMAT);
            ps.setString(12, json.writeBody(bodyOf(r)));
            ps.setString(13, r.customer().value());
            ps.setString(14, r.id().value());
            ps.setLong(15, expected);
            return ps.executeUpdate();
        }
    }

    private void freeCase(Connection c, EscalationRecord r) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c, "DELETE FROM esc_open_case WHERE customer_id = ? AND case_id = ? " + "AND escalation_id = ?")) {
            ps.setString(1, r.customer().value());
            ps.setString(2, r.caseId().value());
            ps.setString(3, r.id().value());
            ps.executeUpdate();
        }
    }

    // ---------------------------------------------------------------------------------------------------- reading

    private static final String ROW_COLUMNS = "e.customer_id, e.escalation_id, e.row_version, e.case_id, e.state, "
            + "e.cause, e.criticality, e.raised_by, e.manager_id, e.submission_key, e.raised_at, e.updated_at, "
            + "e.progress_max, e.body_format, e.body";

    @Override
    public Optional<EscalationRecord> find(EscalationId id) {
        requireNonNull(id, "id");
        return findWhere("find", "e.escalation_id = ?", id.value());
    }

    @Override
    public Optional<EscalationRecord> find(CustomerId customer, EscalationId id) {
        requireNonNull(customer, "customer");
        requireNonNull(id, "id");
        return findWhere("find", "e.customer_id = ? AND e.escalation_id = ?", customer.value(), id.value());
    }

    @Override
    public Optional<EscalationRecord> findOpen(CustomerId customer, CaseId caseId) {
        requireNonNull(customer, "customer");
        requireNonNull(caseId, "caseId");
        return findWhere(
                "find open",
                "e.customer_id = ? AND e.case_id = ? AND EXISTS (SELECT 1 FROM esc_open_case o "
                        + "WHERE o.customer_id = e.customer_id AND o.case_id = e.case_id "
                        + "AND o.escalation_id = e.escalation_id)",
                customer.value(),
                caseId.value());
    }

    @Override
    public Optional<EscalationRecord> findBySubmission(CustomerId customer, String submissionKey) {
        requireNonNull(customer, "customer");
        requireNonNull(submissionKey, "submissionKey");
        return findWhere(
                "find by submission", "e.customer_id = ? AND e.submission_key = ?", customer.value(), submissionKey);
    }

    /** Reads the first matching escalation (by raisedAt, id) with its progress log, in one transaction. */
    private Optional<EscalationRecord> findWhere(String operation, String condition, String... parameters) {
        return db.inTransaction(operation, c -> {
            String sql = "SELECT " + ROW_COLUMNS + " FROM esc_escalation e WHERE " + condition
                    + " ORDER BY e.raised_at, " + db.dialect().sortableId("e.escalation_id") + " LIMIT 1";
            try (PreparedStatement ps = db.prepare(c, sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(readRecord(c, rs));
                }
            }
        });
    }

    private EscalationRecord readRecord(Connection c, ResultSet rs) throws SQLException {
        CustomerId customer = CustomerId.of(rs.getString("customer_id"));
        EscalationId id = EscalationId.of(rs.getString("escalation_id"));
        Json.EscalationBody body = json.readBody(rs.getString("body"), rs.getInt("body_format"));
        // the row says how long its log is: entries a concurrent writer appended since belong to a later version
        List<ProgressEntry> progress = readProgress(c, customer, id, rs.getLong("progress_max"));
        return new EscalationRecord(
                id,
                rs.getLong("row_version"),
                customer,
                CaseId.of(rs.getString("case_id")),
                EscalationState.valueOf(rs.getString("state")),
                ContactId.of(rs.getString("raised_by")),
                body.message(),
                Cause.valueOf(rs.getString("cause")),
                Criticality.valueOf(rs.getString("criticality")),
                Optional.ofNullable(rs.getString("submission_key")),
                Db.instant(rs, "raised_at"),
                Db.instant(rs, "updated_at"),
                Optional.ofNullable(rs.getString("manager_id")).map(StaffId::of),
                body.plan(),
                body.participants(),
                body.resolution(),
                body.lessonsLearned(),
                body.policy(),
                progress);
    }

    private List<ProgressEntry> readProgress(Connection c, CustomerId customer, EscalationId id, long max)
            throws SQLException {
        if (max == 0) {
            return List.of();
        }
        List<ProgressEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = db.prepare(
                c,
                "SELECT entry_format, entry FROM esc_progress WHERE customer_id = ? "
                        + "AND escalation_id = ? AND sequence_no <= ? ORDER BY sequence_no")) {
            ps.setString(1, customer.value());
            ps.setString(2, id.value());
            ps.setLong(3, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(json.readEntry(rs.getString(2), rs.getInt(1)));
                }
            }
        }
        return Collections.unmodifiableList(entries);
    }

    private static final String SUMMARY_COLUMNS = "e.customer_id, e.escalation_id, e.row_version, e.case_id, "
            + "e.state, e.cause, e.criticality, e.raised_by, e.manager_id, e.raised_at, e.updated_at";

    @Override
    public Page<EscalationSummary> listByCustomer(CustomerId customer, PageRequest page) {
        requireNonNull(customer, "customer");
        requireNonNull(page, "page");
        return list("list by customer", "e.customer_id = ?", List.of(customer.value()), page);
    }

    @Override
    public Page<EscalationSummary> listByState(Set<EscalationState> states, PageRequest page) {
        requireNonNull(states, "states");
        requireNonNull(page, "page");
        if (states.isEmpty()) {
            throw new IllegalArgumentException("states must not be empty");
        }
        List<String> names = states.stream().map(EscalationState::name).sorted().toList();
        String in = "e.state IN (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        return list("list by state", in, names, page);
    }

    private Page<EscalationSummary> list(
            String operation, String condition, List<String> parameters, PageRequest page) {
        return db.inTransaction(operation, c -> {
            String id = db.dialect().sortableId("e.escalation_id");
            StringBuilder sql = new StringBuilder("SELECT ")
                    .append(SUMMARY_COLUMNS)
                    .append(" FROM esc_escalation e WHERE ")
                    .append(condition);
            @Nullable PageCursor after = page.after().orElse(null);
            if (after != null) {
                sql.append(" AND (e.raised_at > ? OR (e.raised_at = ? AND ")
                        .append(id)
                        .append(" > ?))");
            }
            sql.append(" ORDER BY e.raised_at, ").append(id).append(" LIMIT ?");
            List<EscalationSummary> items = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                int i = 1;
                for (String parameter : parameters) {
                    ps.setString(i++, parameter);
                }
                if (after != null) {
                    ps.setBigDecimal(i++, Db.toDecimal(after.at()));
                    ps.setBigDecimal(i++, Db.toDecimal(after.at()));
                    ps.setString(i++, after.id());
                }
                ps.setInt(i, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(readSummary(rs));
                    }
                }
            }
            return Pages.of(items, page.size(), s -> new PageCursor(s.raisedAt(), s.id().value()));
        });
    }

    private static EscalationSummary readSummary(ResultSet rs) throws SQLException {
        return new EscalationSummary(
                EscalationId.of(rs.getString("escalation_id")),
                rs.getLong("row_version"),
                CustomerId.of(rs.getString("customer_id")),
                CaseId.of(rs.getString("case_id")),
                EscalationState.valueOf(rs.getString("state")),
                Cause.valueOf(rs.getString("cause")),
                Criticality.valueOf(rs.getString("criticality")),
                ContactId.of(rs.getString("raised_by")),
                Db.instant(rs, "raised_at"),
                Db.instant(rs, "updated_at"),
                Optional.ofNullable(rs.getString("manager_id")).map(StaffId::of));
    }

    /**
     * The outbox written by this store's transactions.
     *
     * @return the outbox facet, backed by the same {@link DataSource}
     */
    @Override
    public Outbox outbox() {
        return outbox;
    }

    /**
     * The due work written by this store's transactions.
     *
     * @return the due-work facet, backed by the same {@link DataSource}
     */
    @Override
    public DueWork dueWork() {
        return dueWork;
    }
}
