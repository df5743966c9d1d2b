package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.Capability;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.MetricsQueries;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
 * An {@link EscalationStore}, with its {@link Outbox}, {@link DueWork}, {@link EscalationQueries} and
 * {@link DataRetention}, on plain JDBC over a host-supplied {@link DataSource}, for PostgreSQL (15 or later) and H2
 * (2.3 or later).
 *
 * <p>The schema must exist before the first call: apply the Flyway migrations at {@link JdbcSchema#LOCATION}
 * yourself or call {@link JdbcSchema#migrate(DataSource)}. The store never changes the schema by itself.
 *
 * <p>Guarantees, all enforced by the database so that they hold across application instances sharing it:
 * <ul>
 *   <li>every command is one transaction: {@link #changeForCustomer}/{@link #changeForVendor} lock the escalation's
 *       row ({@code SELECT … FOR UPDATE}; on H2 the first attempt reads it unlocked and writes on condition of the
 *       version read, and runs again locked if another change committed in between), run the engine's
 *       {@link UnitOfWork} (giving it the subject keys of
 *       {@code esc_subject_key} on the same connection, see {@link #keepsSubjectKeys}) and write the next version, its
 *       entries, outbox messages, due items and change-feed row before they commit; changes of one escalation are
 *       serialised, so none is lost and {@link dev.escalation.spi.StaleVersionException} is never thrown;</li>
 *   <li>at most one open escalation per case, held by the primary key of a table of open cases; one escalation per
 *       submission key and customer;</li>
 *   <li>outbox messages and due items are claimed with leases ({@code SKIP LOCKED}); a lease is measured in database
 *       time ({@link Capability#LEASES_IN_BACKEND_TIME}), whether work is due in the engine's time passed in;</li>
 *   <li>instants are kept exactly, to the nanosecond ({@code NUMERIC(30,9)} epoch seconds).</li>
 * </ul>
 *
 * <p>{@link DataRetention#purgeFinalBefore} deletes a purged escalation's change-feed rows with it: a follower behind
 * the purge does not see its changes.
 *
 * <p><b>Thread-safety:</b> instances are immutable and safe for use by many threads; several instances (in one or
 * many processes) may share one database. <b>Failures:</b> connection problems, timeouts and transaction conflicts
 * the database resolved by aborting throw {@link UnavailableException}; the transaction was rolled back. Other
 * database errors (for example a missing schema) throw {@link IllegalStateException}. A connection that fails while
 * a command's {@code COMMIT} is on its way leaves the outcome unknown: the store then looks, on another connection,
 * for the first log entry the command wrote; found as written, the command committed and returns normally (so a
 * caller never repeats a command that was applied); otherwise it throws {@link UnavailableException} (the command
 * may still have committed: a repeated escalation finds it by its submission key).
 */
public final class JdbcEscalationStore implements EscalationStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcEscalationStore.class);
    private static final int MAX_SUBMISSION_KEY = 1000;
    private static final int ATTEMPTS = 5;

    private final Db db;
    private final Json json = new Json();
    private final EscalationRows rows;
    private final ChangeFeed feed;
    private final JdbcOutbox outbox;
    private final JdbcDueWork dueWork;
    private final JdbcQueries queries;
    private final JdbcRetention retention;
    private final JdbcMetrics metrics;
    private final StoreCapabilities capabilities;
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    /** H2's short row lock of {@link #read} (H2 caches no {@code FOR UPDATE} read: the long one goes without). */
    private static final String H2_LOCK =
            "SELECT e.row_version FROM esc_escalation e WHERE e.escalation_id = ? FOR UPDATE";

    /** {@link #H2_LOCK} within one customer. */
    private static final String H2_LOCK_BY_CUSTOMER =
            "SELECT e.row_version FROM esc_escalation e WHERE e.escalation_id = ? AND e.customer_id = ? FOR UPDATE";

    /** The texts of {@link #read} per dialect and form, built on first use ({@link #readSql}). */
    private final @Nullable String[] readSql = new String[Dialect.values().length * 2];

    private JdbcEscalationStore(Builder builder) {
        this.db = new Db(builder.dataSource, builder.queryTimeout);
        DocumentMemo memo = new DocumentMemo(json);
        this.rows = new EscalationRows(db, json, memo);
        this.feed = new ChangeFeed(db);
        this.outbox = new JdbcOutbox(db, json, builder.window);
        this.dueWork = new JdbcDueWork(db, json, outbox);
        this.queries = new JdbcQueries(db, rows, json);
        this.retention = new JdbcRetention(
                db,
                json,
                builder.window,
                new JdbcPersonExport(db, json, rows, outbox, dueWork),
                memo,
                outbox.effects());
        this.metrics = new JdbcMetrics(db);
        this.capabilities = new StoreCapabilities(
                Set.of(Capability.QUERIES, Capability.RETENTION, Capability.LEASES_IN_BACKEND_TIME, Capability.METRICS),
                ChronoUnit.NANOS,
                builder.window);
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
        private Duration queryTimeout = Db.DEFAULT_QUERY_TIMEOUT;
        private Duration window = StoreCapabilities.DEFAULT_WINDOW;

        private Builder(DataSource dataSource) {
            this.dataSource = requireNonNull(dataSource, "dataSource");
        }

        /**
         * How long one SQL statement may run before the driver cancels it and the call fails with
         * {@link UnavailableException}. Default 30 seconds; {@link Duration#ZERO} means no limit. On databases other
         * than H2 it also bounds every wait for the server ({@link java.sql.Connection#setNetworkTimeout}: the timeout
         * plus as much again, at least 5 s more), so that a server or network that stops answering — which never
         * answers the cancel either — or a {@code COMMIT} that gets no answer fails the call with
         * {@link UnavailableException} instead of holding its thread for good; the connection is then closed. The
         * PostgreSQL driver also waits for its cancel request, which goes on a connection of its own, up to its
         * {@code cancelSignalTimeout} (10 s by default): when the server does not answer that either, the call fails
         * after the later of the network timeout and the query timeout plus that wait (11 s for a 1 s query timeout
         * with the driver's defaults; 60 s for the default 30 s). A host with a short query timeout sets the driver's
         * {@code cancelSignalTimeout} on its data source too.
         *
         * @param timeout zero or more; rounded up to whole seconds, as JDBC counts them
         * @return this builder
         * @throws NullPointerException if {@code timeout} is null
         * @throws IllegalArgumentException if {@code timeout} is negative
         */
        public Builder queryTimeout(Duration timeout) {
            this.queryTimeout = Db.checkQueryTimeout(timeout);
            return this;
        }

        /**
         * The de-duplication window W ({@link StoreCapabilities#deduplicationWindow()}): a side effect whose
         * idempotency key was delivered less than W before is not queued again, and
         * {@link DataRetention#purgeDeliveredBefore} refuses cut-offs inside W. Default seven days.
         *
         * @param window positive
         * @return this builder
         * @throws NullPointerException if {@code window} is null
         * @throws IllegalArgumentException if {@code window} is not positive
         */
        public Builder deduplicationWindow(Duration window) {
            requireNonNull(window, "deduplicationWindow");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("deduplicationWindow must be positive: " + window);
            }
            this.window = window;
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

    /**
     * Declares {@link Capability#QUERIES}, {@link Capability#RETENTION}, {@link Capability#LEASES_IN_BACKEND_TIME} and
     * {@link Capability#METRICS}, nanosecond precision and the configured de-duplication window.
     *
     * @return the declaration
     */
    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    // ------------------------------------------------------------------------------------------ writing

    /** Signals, inside a transaction, that the case already has an open escalation; the transaction rolls back. */
    private static final class OpenCaseTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OpenCaseTaken() {
            super(null, null, false, false);
        }
    }

    /** Signals, inside a transaction, that the id or the submission key of a new escalation is taken. */
    private static final class RowTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowTaken() {
            super(null, null, false, false);
        }
    }

    @Override
    public void create(EscalationWrite write) {
        requireNonNull(write, "write");
        checkFirst(write);
        create(c -> write);
    }

    /**
     * Keeps the keys of a {@link JdbcSubjectKeys} built on the same {@link DataSource} instance as this store (the
     * table {@code esc_subject_key} of this database): they are read and created inside each command's transaction.
     *
     * @param keys the engine's subject keys
     * @return whether {@code keys} is a {@link JdbcSubjectKeys} on this store's data source
     */
    @Override
    public boolean keepsSubjectKeys(dev.escalation.spi.SubjectKeys keys) {
        return keys instanceof JdbcSubjectKeys j && j.dataSource() == db.dataSource();
    }

    /**
     * {@link #create}, the write built inside the transaction with the keys of {@code esc_subject_key} on its
     * connection (see {@link #keepsSubjectKeys}).
     *
     * @param write builds the write of version 1, given the transaction's keys
     */
    @Override
    public void createWithKeys(java.util.function.Function<dev.escalation.spi.SubjectKeys, EscalationWrite> write) {
        requireNonNull(write, "write");
        create(c -> {
            EscalationWrite built = requireNonNull(write.apply(keys(c)), "write");
            checkFirst(built);
            return built;
        });
    }

    private TransactionKeys keys(Connection c) {
        return new TransactionKeys(db, c, random);
    }

    private static void checkFirst(EscalationWrite write) {
        StoredEscalation first = write.next();
        if (first.version() != 1) {
            throw new IllegalArgumentException("a new escalation must have version 1, not " + first.version());
        }
        if (first.facts().entryCount() != write.entries().size()) {
            throw new IllegalArgumentException("the entries of a new escalation must start at sequence 1");
        }
        checkSubmissionKey(first);
    }

    private void create(Db.Work<EscalationWrite> writeOf) {
        EscalationWrite[] last = new EscalationWrite[1];
        for (int attempt = 1; ; attempt++) {
            try {
                db.inTransaction("create", c -> {
                    EscalationWrite write = writeOf.run(c);
                    last[0] = write;
                    StoredEscalation first = write.next();
                    boolean postgres = db.dialect() == Dialect.POSTGRESQL;
                    try {
                        if (postgres) {
                            // the row, its change, open case, entries, metrics, messages and due items in one round
                            // trip
                            if (!rows.insertAll(c, first, write, outbox)) {
                                throw new OpenCaseTaken();
                            }
                        } else {
                            rows.insert(c, first);
                        }
                    } catch (SQLException e) {
                        if (SqlErrors.isUniqueViolation(e) && !isOutboxConstraint(e)) {
                            throw new RowTaken();
                        }
                        throw e;
                    }
                    if (!postgres) {
                        if (first.state().isOpen()) {
                            occupyCase(c, first.customer(), first.caseId(), first.id());
                        }
                        rows.insertEntries(c, first.customer(), first.id(), write.entries());
                        outbox.queue(c, write.messages());
                        dueWork.queue(c, write.due());
                        metrics.insert(c, write.metrics());
                    }
                    return null;
                });
                LOG.debug("escalation {} created", last[0].next().id());
                return;
            } catch (Db.CommitUnknown unknown) {
                if (!wasWritten(last[0], 0, unknown)) {
                    throw unknown;
                }
                LOG.debug(
                        "escalation {} created (found after its commit's answer was lost)",
                        last[0].next().id());
                return;
            } catch (OpenCaseTaken taken) {
                StoredEscalation first = last[0].next();
                Optional<EscalationId> holder = openEscalationOf(first.customer(), first.caseId());
                if (holder.isPresent()) {
                    LOG.debug("escalation {} refused: case has the open escalation {}", first.id(), holder.get());
                    throw new OpenEscalationExistsException(first.caseId(), holder.get());
                }
            } catch (RowTaken taken) {
                StoredEscalation first = last[0].next();
                Optional<EscalationId> existing = first.submissionKey().isEmpty()
                        ? Optional.empty()
                        : submittedBy(first.customer(), first.submissionKey().get());
                if (existing.isPresent()) {
                    LOG.debug("escalation {} refused: its submission created {}", first.id(), existing.get());
                    throw new SubmissionExistsException(existing.get());
                }
                if (findForVendor(first.id()).isPresent()) {
                    throw new IllegalArgumentException("escalation " + first.id() + " already exists");
                }
            }
            // the holder went away between our insert and our look-up: try again
            if (attempt >= ATTEMPTS) {
                throw new UnavailableException("escalation store: the escalations of a case kept changing", null);
            }
        }
    }

    /**
     * Whether a unique violation of the PostgreSQL write of a new escalation is the outbox's (a reused message id):
     * an error, as when the messages were queued by a statement of their own, not a taken escalation. The constraint's
     * name is quoted in the server's message whatever its language.
     */
    private static boolean isOutboxConstraint(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("\"esc_outbox_");
    }

    private static void checkSubmissionKey(StoredEscalation r) {
        if (r.submissionKey().isPresent() && r.submissionKey().get().length() > MAX_SUBMISSION_KEY) {
            throw new IllegalArgumentException("submissionKey must be at most " + MAX_SUBMISSION_KEY + " characters");
        }
    }

    private void occupyCase(Connection c, CustomerId customer, CaseId caseId, EscalationId id) throws SQLException {
        try (Db.Kept kept =
                db.kept(c, "INSERT INTO esc_open_case (customer_id, case_id, escalation_id) VALUES (?, ?, ?)")) {
            PreparedStatement ps = kept.statement();
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

    private void freeCase(Connection c, StoredEscalation r) throws SQLException {
        try (Db.Kept kept =
                db.kept(c, "DELETE FROM esc_open_case WHERE customer_id = ? AND case_id = ? AND escalation_id = ?")) {
            PreparedStatement ps = kept.statement();
            ps.setString(1, r.customer().value());
            ps.setString(2, r.caseId().value());
            ps.setString(3, r.id().value());
            ps.executeUpdate();
        }
    }

    private Optional<EscalationId> openEscalationOf(CustomerId customer, CaseId caseId) {
        return lookUpId(
                "open case look-up",
                "SELECT escalation_id FROM esc_open_case WHERE customer_id = ? AND case_id = ?",
                customer.value(),
                caseId.value());
    }

    private Optional<EscalationId> submittedBy(CustomerId customer, String submissionKey) {
        return lookUpId(
                "submission look-up",
                "SELECT escalation_id FROM esc_escalation WHERE customer_id = ? AND submission_key = ?",
                customer.value(),
                submissionKey);
    }

    private Optional<EscalationId> lookUpId(String operation, String sql, String first, String second) {
        return db.singleStatement(operation, c -> {
            try (PreparedStatement ps = db.prepare(c, sql)) {
                ps.setString(1, first);
                ps.setString(2, second);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(EscalationId.of(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
        requireNonNull(customer, "customer");
        requireNonNull(id, "id");
        requireNonNull(work, "work");
        return change("change for customer", customer, id, work);
    }

    @Override
    public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
        requireNonNull(id, "id");
        requireNonNull(work, "work");
        return change("change for vendor", null, id, work);
    }

    /**
     * One transaction: lock the row (customer-scoped if {@code customer} is given), decide, write. A decision to keep
     * commits a transaction that only read; a {@code decide} that throws rolls back and the exception passes through.
     */
    private <R> Optional<R> change(
            String operation, @Nullable CustomerId customer, EscalationId id, UnitOfWork<R> work) {
        try {
            // H2: read without a row lock first (see read); PostgreSQL: locked in the first attempt
            return attempt(operation, customer, id, work, false);
        } catch (RowChanged changed) {
            // H2 only: a concurrent change committed between the read and the write; again, locked this time
            return attempt(operation, customer, id, work, true);
        }
    }

    /**
     * One transaction of {@link #change}. With {@code locked} false on H2 the row is read without a lock and the
     * write is conditional on the version read ({@link EscalationRows#update}); if another transaction changed the
     * row in between, nothing is written and {@link RowChanged} is thrown (the transaction rolls back, the caller
     * runs the unit of work again on the locked row, as {@link UnitOfWork} allows).
     */
    private <R> Optional<R> attempt(
            String operation, @Nullable CustomerId customer, EscalationId id, UnitOfWork<R> work, boolean locked) {
        Object[] decided = new Object[3]; // the result, the write (null for none), the entries before it
        try {
            return attemptOnce(operation, customer, id, work, locked, decided);
        } catch (Db.CommitUnknown unknown) {
            if (decided[0] == null) {
                throw unknown; // the row was not even read
            }
            EscalationWrite write = (EscalationWrite) decided[1];
            if (write != null && !wasWritten(write, (Long) decided[2], unknown)) {
                throw unknown;
            }
            // a decision to keep wrote nothing: its result stands whatever became of the commit
            @SuppressWarnings("unchecked")
            R result = (R) decided[0];
            return Optional.of(result);
        }
    }

    /**
     * Whether {@code write}, whose commit's answer was lost ({@code unknown}), is in the database: its first new entry
     * (the one after {@code entriesBefore}) is stored as written, so it committed. Only a positive answer is certain
     * (the commit may still be on its way); without entries, or if the database cannot be asked, it is unknown.
     */
    private boolean wasWritten(EscalationWrite write, long entriesBefore, Db.CommitUnknown unknown) {
        if (write.entries().isEmpty()) {
            return false;
        }
        try {
            List<StoredEntry> stored = entriesForVendor(write.next().id(), entriesBefore, 1);
            return stored.equals(write.entries().subList(0, 1));
        } catch (RuntimeException e) {
            unknown.addSuppressed(e);
            return false;
        }
    }

    private <R> Optional<R> attemptOnce(
            String operation,
            @Nullable CustomerId customer,
            EscalationId id,
            UnitOfWork<R> work,
            boolean locked,
            Object[] decided) {
        return db.inTransaction(operation, c -> {
            boolean optimistic = !locked && db.dialect() == Dialect.H2;
            Optional<EscalationRows.Locked> read = read(c, customer, id, !optimistic);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            StoredEscalation current = read.get().escalation();
            UnitOfWork.Decision<R> decision =
                    requireNonNull(work.decide(current, read.get().keys()), "decision");
            if (decision instanceof UnitOfWork.Decision.Write<R> write) {
                apply(c, read.get(), write.write(), optimistic);
            }
            R result = requireNonNull(decision.result(), "the unit of work's result");
            decided[0] = result;
            decided[1] = decision instanceof UnitOfWork.Decision.Write<R> w ? w.write() : null;
            decided[2] = current.facts().entryCount();
            return Optional.of(result);
        });
    }

    /** Signals, inside an optimistic H2 transaction of {@link #change}, that the row changed since it was read. */
    private static final class RowChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowChanged() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the row, {@code forUpdate} (locked) unless it is false (H2 only). H2 never caches the plan of a
     * {@code SELECT … FOR UPDATE} (it parses it at every use): there the row is locked, when asked, by a short one
     * first, and the long read, which then sees the locked row, stays in H2's statement cache; uncontended commands on
     * H2 skip the lock ({@link #attempt}).
     */
    private Optional<EscalationRows.Locked> read(
            Connection c, @Nullable CustomerId customer, EscalationId id, boolean forUpdate) throws SQLException {
        if (forUpdate && db.dialect() == Dialect.H2) {
            try (Db.Kept lock = db.kept(c, customer == null ? H2_LOCK : H2_LOCK_BY_CUSTOMER)) {
                bindRow(lock.statement(), id, customer);
                try (ResultSet rs = lock.statement().executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                }
            }
        }
        // read by every command: on H2 kept with the connection (Db.kept) instead of parsed when the session's
        // 8-text cache lost it
        try (Db.Kept kept = db.kept(c, readSql(customer != null))) {
            PreparedStatement ps = kept.statement();
            bindRow(ps, id, customer);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        rows.readLocked(rs, JdbcDueWork.known(rs), TransactionKeys.withLocked(db, c, random, rs)));
            }
        }
    }

    /** Binds the escalation id, and the customer when given, of a row-read statement ({@link #read}). */
    private static void bindRow(PreparedStatement ps, EscalationId id, @Nullable CustomerId customer)
            throws SQLException {
        ps.setString(1, id.value());
        if (customer != null) {
            ps.setString(2, customer.value());
        }
    }

    /**
     * The text of {@link #read}, built once per dialect and form: the same instance every time, so the driver's
     * statement cache finds it without hashing and comparing a new text of 1.5 KB per command. Racing first calls
     * build equal texts; any of them may stay.
     */
    private String readSql(boolean byCustomer) {
        Dialect dialect = db.dialect();
        int k = dialect.ordinal() * 2 + (byCustomer ? 1 : 0);
        String sql = readSql[k];
        if (sql == null) {
            sql = "SELECT " + EscalationRows.COLUMNS + ", " + JdbcDueWork.knownColumns(dialect) + ", "
                    + TransactionKeys.LOCKED_COLUMNS + " FROM esc_escalation e WHERE e.escalation_id = ?"
                    + (byCustomer ? " AND e.customer_id = ?" : "") + (dialect == Dialect.H2 ? "" : " FOR UPDATE");
            readSql[k] = sql;
        }
        return sql;
    }

    /** Writes what a unit of work decided, in the caller's transaction that holds the row lock. */
    private void apply(Connection c, EscalationRows.Locked locked, EscalationWrite write, boolean optimistic)
            throws SQLException {
        StoredEscalation current = locked.escalation();
        StoredEscalation next = write.next();
        if (!next.id().equals(current.id())
                || !next.customer().equals(current.customer())
                || !next.caseId().equals(current.caseId())
                || !next.raisedAt().equals(current.raisedAt())) {
            throw new IllegalArgumentException("the write of escalation " + current.id()
                    + " changes its id, customer, case or raisedAt, which never change");
        }
        if (next.version() != current.version() + 1) {
            throw new IllegalArgumentException("the write of escalation " + current.id() + " has version "
                    + next.version() + ", not " + (current.version() + 1));
        }
        if (next.state().isOpen() && !current.state().isOpen()) {
            throw new IllegalArgumentException("the write of escalation " + current.id() + " would open it again ("
                    + next.state() + "); " + current.state() + " is final");
        }
        long entries = current.facts().entryCount();
        if (next.facts().entryCount() != entries + write.entries().size()) {
            throw new IllegalArgumentException("the entries of the write of escalation " + current.id()
                    + " do not continue its log after sequence " + entries);
        }
        checkSubmissionKey(next);
        // PostgreSQL: the row, its change, entries, metrics, messages and due items in one round trip
        boolean postgres = db.dialect() == Dialect.POSTGRESQL;
        int updated = postgres ? rows.updateAll(c, next, locked, write, outbox) : rows.update(c, next, locked);
        if (updated != 1) {
            if (optimistic) {
                throw new RowChanged();
            }
            throw new IllegalStateException("the locked escalation " + current.id() + " changed");
        }
        if (!postgres && current.state().isOpen() && !next.state().isOpen()) {
            freeCase(c, next); // PostgreSQL: released by the statement of updateAll
        }
        if (!postgres) { // PostgreSQL: written by the statement of updateAll, due items included
            rows.insertEntries(c, next.customer(), next.id(), write.entries());
            outbox.queue(c, write.messages());
            dueWork.replace(c, next.customer(), next.id(), write.due(), locked.due());
            metrics.insert(c, write.metrics());
        }
        LOG.debug("escalation {} changed to version {}", next.id(), next.version());
    }

    // ------------------------------------------------------------------------------------------ reading

    @Override
    public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
        requireNonNull(customer, "customer");
        requireNonNull(id, "id");
        return findWhere("find", "e.customer_id = ? AND e.escalation_id = ?", customer.value(), id.value());
    }

    @Override
    public Optional<StoredEscalation> findForVendor(EscalationId id) {
        requireNonNull(id, "id");
        return findWhere("find", "e.escalation_id = ?", id.value());
    }

    @Override
    public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
        requireNonNull(customer, "customer");
        requireNonNull(caseId, "caseId");
        return findWhere(
                "find open",
                "e.escalation_id = (SELECT o.escalation_id FROM esc_open_case o "
                        + "WHERE o.customer_id = ? AND o.case_id = ?)",
                customer.value(),
                caseId.value());
    }

    @Override
    public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
        requireNonNull(customer, "customer");
        requireNonNull(submissionKey, "submissionKey");
        return findWhere(
                "find by submission", "e.customer_id = ? AND e.submission_key = ?", customer.value(), submissionKey);
    }

    private Optional<StoredEscalation> findWhere(String operation, String condition, String... parameters) {
        return db.singleStatement(operation, c -> {
            String sql = "SELECT " + EscalationRows.COLUMNS + " FROM esc_escalation e WHERE " + condition;
            try (PreparedStatement ps = db.prepare(c, sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rows.read(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<StoredEntry> entriesForCustomer(CustomerId customer, EscalationId id, long afterSequence, int limit) {
        requireNonNull(customer, "customer");
        requireNonNull(id, "id");
        return entries(
                "entries for customer",
                "n.customer_id = ? AND n.escalation_id = ? AND n.visibility = 'CUSTOMER'",
                List.of(customer.value(), id.value()),
                afterSequence,
                limit);
    }

    @Override
    public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
        requireNonNull(id, "id");
        return entries("entries for vendor", "n.escalation_id = ?", List.of(id.value()), afterSequence, limit);
    }

    private List<StoredEntry> entries(
            String operation, String condition, List<String> parameters, long afterSequence, int limit) {
        Db.checkLimit(limit, PageRequest.MAX_SIZE);
        return db.singleStatement(operation, c -> {
            String sql = "SELECT " + EscalationRows.ENTRY_COLUMNS + " FROM esc_entry n WHERE " + condition
                    + " AND n.sequence_no > ? ORDER BY n.sequence_no LIMIT ?";
            List<StoredEntry> entries = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql)) {
                int i = 1;
                for (String parameter : parameters) {
                    ps.setString(i++, parameter);
                }
                ps.setLong(i++, afterSequence);
                ps.setInt(i, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(rows.readEntry(rs));
                    }
                }
            }
            return Collections.unmodifiableList(entries);
        });
    }

    @Override
    public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
        requireNonNull(customer, "customer");
        requireNonNull(page, "page");
        return list("list for customer", "e.customer_id = ?", List.of(customer.value()), page, false);
    }

    @Override
    public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
        requireNonNull(states, "states");
        requireNonNull(page, "page");
        if (states.isEmpty()) {
            throw new IllegalArgumentException("states must not be empty");
        }
        List<String> names = states.stream().map(EscalationState::name).sorted().toList();
        String in = "e.state IN (" + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        return list("list for vendor", in, names, page, true);
    }

    private Page<EscalationSummary> list(
            String operation, String condition, List<String> parameters, PageRequest page, boolean ascending) {
        return db.singleStatement(operation, c -> {
            String id = db.dialect().sortableId("e.escalation_id");
            String direction = ascending ? "" : " DESC";
            String after = ascending ? " > " : " < ";
            StringBuilder sql = new StringBuilder("SELECT ")
                    .append(EscalationRows.SUMMARY_COLUMNS)
                    .append(" FROM esc_escalation e WHERE ")
                    .append(condition);
            @Nullable PageCursor cursor = page.after().orElse(null);
            if (cursor != null) {
                sql.append(" AND (e.raised_at")
                        .append(after)
                        .append("? OR (e.raised_at = ? AND ")
                        .append(id)
                        .append(after)
                        .append("?))");
            }
            sql.append(" ORDER BY e.raised_at")
                    .append(direction)
                    .append(", ")
                    .append(id)
                    .append(direction)
                    .append(" LIMIT ?");
            List<EscalationSummary> items = new ArrayList<>();
            try (PreparedStatement ps = db.prepare(c, sql.toString())) {
                int i = 1;
                for (String parameter : parameters) {
                    ps.setString(i++, parameter);
                }
                if (cursor != null) {
                    ps.setBigDecimal(i++, Db.toDecimal(cursor.at()));
                    ps.setBigDecimal(i++, Db.toDecimal(cursor.at()));
                    ps.setString(i++, cursor.id());
                }
                ps.setInt(i, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(rows.readSummary(rs));
                    }
                }
            }
            return Pages.of(items, page.size(), s -> new PageCursor(s.raisedAt(), s.id().value()));
        });
    }

    @Override
    public ChangeBatch changesSince(String cursor, int limit) {
        return feed.since(cursor, limit);
    }

    // ------------------------------------------------------------------------------------------ facets

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

    /**
     * Desk queries on the indexed columns of the escalation table.
     *
     * @return the queries facet, always present
     */
    @Override
    public Optional<EscalationQueries> queries() {
        return Optional.of(queries);
    }

    /**
     * Erasure and purging.
     *
     * @return the retention facet, always present
     */
    @Override
    public Optional<DataRetention> retention() {
        return Optional.of(retention);
    }

    /**
     * Service metrics: the rows of {@code esc_metric}, aggregated in SQL.
     *
     * @return the metrics facet, always present
     */
    @Override
    public Optional<MetricsQueries> metrics() {
        return Optional.of(metrics);
    }
}
