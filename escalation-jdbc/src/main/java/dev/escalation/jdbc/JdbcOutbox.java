package dev.escalation.jdbc;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeadLetterEntry;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.TicketCommand;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox on table {@code esc_outbox}: messages are queued in the writing transaction, claimed in batches (one
 * statement on PostgreSQL, one transaction of two statements on H2) and finished by one transaction per batch.
 */
final class JdbcOutbox implements Outbox {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);

    static final String PENDING = "PENDING";
    static final String DONE = "DONE";
    static final String DEAD = "DEAD";
    private static final int MAX_REASON = 500;
    private static final int MAX_CLAIMANT = 200;
    private static final int MAX_CODE = 64;
    private static final int MAX_CHAIN_KEY = 1000;
    private static final char SEPARATOR = '\u001f';

    static final String COLUMNS = "m.seq, m.customer_id, m.message_id, m.effect_type, m.payload_format, "
            + "m.payload, m.created_at, m.next_attempt_at, m.attempts, m.last_error, m.dead_code";

    private final Db db;
    private final Json json;
    private final Duration window;
    private final EffectMemo effects;

    /** Planner statistics for the claim on PostgreSQL. */
    private final OutboxStatistics statistics;

    JdbcOutbox(Db db, Json json, Duration window) {
        this.db = db;
        this.json = json;
        this.window = window;
        this.effects = new EffectMemo(json);
        this.statistics = new OutboxStatistics();
    }

    /** The memo of payloads this outbox wrote (cleared when payloads are erased). */
    EffectMemo effects() {
        return effects;
    }

    /**
     * The chain of an effect as stored in {@code chain_key}: escalation, target, recipient and channel of
     * {@link OutboxMessage#chain()}, separated by U+001F (ids contain no control characters); a recipient too long
     * for the column is replaced by its SHA-256.
     */
    static String chainKey(SideEffect effect) {
        OutboxMessage.ChainKey chain = OutboxMessage.pending(
                        MessageId.of("chain"), CustomerId.of("chain"), effect, Instant.EPOCH)
                .chain();
        String recipient = chain.recipient();
        String key = join(chain, recipient);
        if (key.length() > MAX_CHAIN_KEY) {
            key = join(chain, "sha256:" + sha256(recipient));
        }
        return key;
    }

    private static String join(OutboxMessage.ChainKey chain, String recipient) {
        return chain.escalation().value()
                + SEPARATOR
                + chain.target().name()
                + SEPARATOR
                + recipient
                + SEPARATOR
                + chain.channel();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    // ------------------------------------------------------------------------------------------ queue

    private static final String INSERT_COLUMNS = "customer_id, message_id, escalation_id, idempotency_key, target, "
            + "effect_type, payload_format, payload, status, created_at, next_attempt_at, attempts, last_error, chain_key";
    private static final String INSERT =
            "INSERT INTO esc_outbox (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private void bind(PreparedStatement ps, OutboxMessage m) throws SQLException {
        SideEffect effect = m.effect();
        ps.setString(1, m.customer().value());
        ps.setString(2, m.id().value());
        ps.setString(3, effect.escalation().value());
        ps.setString(4, effect.idempotencyKey());
        ps.setString(5, m.target().name());
        String type = Json.typeOf(effect);
        String payload = json.writeEffect(effect);
        ps.setString(6, type);
        ps.setInt(7, Json.FORMAT);
        ps.setString(8, payload);
        effects.wrote(m.id().value(), type, payload, effect);
        ps.setString(9, PENDING);
        ps.setBigDecimal(10, Db.toDecimal(m.createdAt()));
        ps.setBigDecimal(11, Db.toDecimal(m.nextAttemptAt()));
        ps.setInt(12, m.attempts());
        ps.setString(13, m.lastError().map(e -> Db.truncate(e, MAX_REASON)).orElse(null));
        ps.setString(14, chainKey(effect));
    }

    /**
     * Queues messages in the caller's transaction. A message whose idempotency key is pending, dead, or was delivered
     * less than the de-duplication window before its {@code createdAt} is skipped; a key delivered longer ago is
     * queued again (the old row gives way).
     */
    void queue(Connection c, List<OutboxMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return;
        }
        for (OutboxMessage m : messages) {
            requireNonNull(m, "message");
        }
        int[] counts = db.insertSkippingPresent(
                c,
                "esc_outbox",
                INSERT_COLUMNS,
                14,
                "idempotency_key",
                messages,
                this::bind,
                OutboxMessage::idempotencyKey);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0 || (counts[i] == Statement.SUCCESS_NO_INFO && !stored(c, messages.get(i)))) {
                replaceExpired(c, messages.get(i));
            }
        }
    }

    /**
     * PostgreSQL: a data-modifying {@code WITH} item (named {@code name}) that queues the messages bound by
     * {@link #bindArrays} as arrays, skipping each whose idempotency key is present already, and returns the message
     * ids it inserted; {@link #queuedFromArrays} then does what {@link #queue} does for the skipped ones. It lets the
     * messages join the write of the escalation row in one statement whatever their number.
     */
    static String queueFromArrays(String name) {
        return name + " AS (INSERT INTO esc_outbox (" + INSERT_COLUMNS + ") SELECT x.c, x.m, x.e, x.k, x.t, x.y, "
                + "CAST(x.f AS INTEGER), x.p, x.s, CAST(x.ca AS NUMERIC), CAST(x.na AS NUMERIC), "
                + "CAST(x.a AS INTEGER), x.le, x.ck FROM unnest("
                + String.join(", ", Collections.nCopies(14, "CAST(? AS TEXT[])"))
                + ") AS x(c, m, e, k, t, y, f, p, s, ca, na, a, le, ck) ON CONFLICT (idempotency_key) DO NOTHING "
                + "RETURNING message_id)";
    }

    /** Binds the 14 array parameters of {@link #queueFromArrays} from {@code index} on; returns the next index. */
    int bindArrays(PreparedStatement ps, int index, List<OutboxMessage> messages) throws SQLException {
        int n = messages.size();
        String[][] columns = new String[14][n];
        for (int r = 0; r < n; r++) {
            OutboxMessage m = requireNonNull(messages.get(r), "message");
            SideEffect effect = m.effect();
            String type = Json.typeOf(effect);
            String payload = json.writeEffect(effect);
            effects.wrote(m.id().value(), type, payload, effect);
            columns[0][r] = m.customer().value();
            columns[1][r] = m.id().value();
            columns[2][r] = effect.escalation().value();
            columns[3][r] = effect.idempotencyKey();
            columns[4][r] = m.target().name();
            columns[5][r] = type;
            columns[6][r] = Integer.toString(Json.FORMAT);
            columns[7][r] = payload;
            columns[8][r] = PENDING;
            columns[9][r] = Db.toDecimal(m.createdAt()).toPlainString();
            columns[10][r] = Db.toDecimal(m.nextAttemptAt()).toPlainString();
            columns[11][r] = Integer.toString(m.attempts());
            columns[12][r] = m.lastError().map(e -> Db.truncate(e, MAX_REASON)).orElse(null);
            columns[13][r] = chainKey(effect);
        }
        int i = index;
        for (String[] column : columns) {
            Db.setTextArray(ps, i++, column);
        }
        return i;
    }

    /**
     * After the statement of {@link #queueFromArrays}: queues again, as {@link #queue} does, each message it skipped
     * whose key was delivered before the de-duplication window.
     *
     * @param inserted the message ids the statement returned
     */
    void queuedFromArrays(Connection c, List<OutboxMessage> messages, Set<String> inserted) throws SQLException {
        for (OutboxMessage m : messages) {
            if (!inserted.contains(m.id().value())) {
                replaceExpired(c, m);
            }
        }
    }

    /** Whether {@code m} is the row its key holds (for drivers that report no count per batched row). */
    private boolean stored(Connection c, OutboxMessage m) throws SQLException {
        try (PreparedStatement ps = db.prepare(c, "SELECT message_id FROM esc_outbox WHERE idempotency_key = ?")) {
            ps.setString(1, m.idempotencyKey());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1).equals(m.id().value());
            }
        }
    }

    /**
     * Queues {@code m}, which was skipped, in place of a delivered message with its key that left the de-duplication
     * window; else it stays skipped (its key is pending, dead, or was delivered within the window).
     */
    private void replaceExpired(Connection c, OutboxMessage m) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c, "DELETE FROM esc_outbox WHERE idempotency_key = ? AND status = 'DONE' AND delivered_at <= ?")) {
            ps.setString(1, m.idempotencyKey());
            ps.setBigDecimal(2, Db.toDecimal(m.createdAt().minus(window)));
            if (ps.executeUpdate() == 0) {
                LOG.debug("outbox message {} not queued: its idempotency key is already in the outbox", m.id());
                return;
            }
        }
        try (PreparedStatement ps = db.prepare(c, INSERT)) {
            bind(ps, m);
            ps.executeUpdate();
        }
        LOG.debug("outbox message {} queued again: its key was delivered before the de-duplication window", m.id());
    }

    // ------------------------------------------------------------------------------------------ claim

    /** Whether row {@code x} could be delivered now (status, due, lease, ticket reference). */
    private static String deliverable(String x) {
        return due(x) + " AND (" + x + ".target <> 'TICKETING' OR " + x
                + ".effect_type = 'ticket.open' OR EXISTS (SELECT 1 FROM esc_ticket t WHERE t.escalation_id = " + x
                + ".escalation_id))";
    }

    /** Whether row {@code x} is pending, due and not leased (the first part of {@link #deliverable}). */
    private static String due(String x) {
        return x + ".status = 'PENDING' AND " + x + ".next_attempt_at <= ? AND (" + x + ".lease_until IS NULL OR " + x
                + ".lease_until <= " + Db.EPOCH_NOW + ")";
    }

    /** Row {@code x} needs no ticket reference (not a ticket call other than {@code open}). */
    private static String ticketReady(String x) {
        return x + ".target <> 'TICKETING' OR " + x + ".effect_type = 'ticket.open'";
    }

    /**
     * Row {@code o} is an older member of row {@code m}'s chain. A chain key begins with its escalation's id, so the
     * escalation is named too: the chain index is (escalation_id, chain_key, seq) since V13.
     */
    private static final String OLDER_IN_CHAIN =
            "o.escalation_id = m.escalation_id AND o.chain_key = m.chain_key AND o.seq < m.seq";

    /** Row {@code o} sorts before row {@code m} in delivery order (created_at, seq). */
    private static final String SORTS_BEFORE =
            "(o.created_at < m.created_at OR (o.created_at = m.created_at AND o.seq < m.seq))";

    /**
     * The candidates of a claim: deliverable messages whose older chain members (lower {@code seq}, not delivered) are
     * all deliverable and sort before them, locked with {@code SKIP LOCKED} up to the limit, each with the number of
     * its older undelivered chain members. Parameters: the claim's instant twice, the limit. It reads each
     * candidate's older chain members twice (the count and the {@code NOT EXISTS}); H2's claim falls back to its form
     * with the lease table ({@link #H2_CANDIDATES}, see {@link #claimable}), and {@code
     * PostgresClaimCandidatesPropertyTest} compares it with {@link #PG_CANDIDATES}.
     */
    static String candidates(Dialect dialect) {
        return "SELECT m.seq, m.chain_key, (SELECT COUNT(*) FROM esc_outbox o WHERE " + OLDER_IN_CHAIN
                + " AND o.status <> 'DONE') AS older_open"
                + " FROM esc_outbox m WHERE " + deliverable("m")
                + " AND NOT EXISTS (SELECT 1 FROM esc_outbox o WHERE " + OLDER_IN_CHAIN
                + " AND o.status <> 'DONE' AND NOT (" + deliverable("o") + " AND " + SORTS_BEFORE + "))"
                + " ORDER BY m.created_at, m.seq LIMIT ? " + dialect.forUpdateSkipLocked("m");
    }

    /**
     * PostgreSQL's candidates: the same rows in the same order as {@link #candidates(Dialect)}, but each candidate's
     * older undelivered chain members are read once, by a {@code LATERAL} sub-query that counts them ({@code
     * older_open}), those that block the candidate ({@code blocking}: not pending, not due, leased, or sorting after
     * it) and the ticket calls other than {@code open} among them ({@code waiting}) in one pass. A candidate is kept
     * when none blocks it and, if one waits, its escalation has the ticket reference: chain members share their
     * escalation, so the reference is looked up once for the candidate instead of once per older member (the
     * two-read statement's "deliverable" of an older member, split in two).
     *
     * <p>The reference is looked up by key, in a {@code LATERAL} probe with a {@code LIMIT} ({@code tk}), and only for
     * a message that needs it (a ticket call other than the open, or one waiting before it in its chain): for the
     * others the probe's condition on the candidate's own columns stops it before it reads the index. Written as
     * {@code EXISTS} inside an {@code OR}, PostgreSQL may plan the look-up as a hashed sub-plan that reads the whole of
     * {@code esc_ticket} (a row per escalation ever ticketed) in every claim, a cost that grows with the history
     * ({@code PostgresOutboxClaimPlanTest}). {@code PostgresClaimCandidatesPropertyTest} checks both statements give
     * the same rows. Parameters as for {@link #candidates(Dialect)}.
     */
    static final String PG_CANDIDATES = "SELECT m.seq, m.chain_key, ch.older_open FROM esc_outbox m CROSS JOIN LATERAL"
            + " (SELECT COUNT(*) AS older_open, COUNT(*) FILTER (WHERE NOT (" + due("o") + " AND " + SORTS_BEFORE
            + ")) AS blocking, COUNT(*) FILTER (WHERE NOT (" + ticketReady("o") + ")) AS waiting"
            + " FROM esc_outbox o WHERE " + OLDER_IN_CHAIN + " AND o.status <> 'DONE') ch"
            + " LEFT JOIN LATERAL (SELECT 1 AS found FROM esc_ticket t WHERE t.escalation_id = m.escalation_id AND (NOT ("
            + ticketReady("m") + ") OR ch.waiting > 0) LIMIT 1) tk ON TRUE"
            + " WHERE " + due("m") + " AND (" + ticketReady("m") + " OR tk.found IS NOT NULL) AND ch.blocking = 0"
            + " AND (ch.waiting = 0 OR tk.found IS NOT NULL)"
            + " ORDER BY m.created_at, m.seq LIMIT ? " + Dialect.POSTGRESQL.forUpdateSkipLocked("m");

    private static final String SET_CLAIM = "claim_token = ?, claimed_by = ?, lease_until = " + Db.EPOCH_NOW + " + ?";

    private static final String CLAIMED_COLUMNS = "u.seq, u.customer_id, u.message_id, u.effect_type, "
            + "u.payload_format, u.payload, u.created_at, u.next_attempt_at, u.attempts, u.last_error, u.dead_code, "
            + "u.target, u.escalation_id, "
            + "(SELECT t.reference FROM esc_ticket t WHERE t.escalation_id = u.escalation_id) AS ticket_reference";

    /**
     * The PostgreSQL claim, one statement: the {@link #PG_CANDIDATES}; of those, a message is kept only if every older
     * undelivered member of its chain was locked by this claim too (a concurrent claim may hold one), so each chain
     * is claimed as a prefix, by one claimant at a time; the kept ones get the lease and are returned.
     */
    String claimStatement() {
        String with = "WITH cand AS (" + PG_CANDIDATES + "),"
                + " kept AS (SELECT c.seq FROM cand c WHERE c.older_open ="
                + " (SELECT COUNT(*) FROM cand d WHERE d.chain_key = c.chain_key AND d.seq < c.seq))";
        return db.dialect()
                .updateReturning(with, "esc_outbox", SET_CLAIM, "seq IN (SELECT seq FROM kept)", CLAIMED_COLUMNS);
    }

    private record Claimed(long seq, ClaimedMessage claimed) {}

    /**
     * A claimed row whose message the store cannot read back (its payload or an id changed outside the store): its
     * {@code seq}, its escalation column and why.
     */
    private record Unreadable(long seq, @Nullable String escalation, String failure) {

        Unreadable(long seq, @Nullable String escalation, StoredDataException failure) {
            this(
                    seq,
                    escalation,
                    (failure.getCause() == null ? failure : failure.getCause())
                            .getClass()
                            .getSimpleName());
        }
    }

    /** The dead-letter code of a message the store cannot read back. */
    static final String UNREADABLE = "UNREADABLE";

    /** Told nothing: the claim of the port's first form, which reports no dead letters of its own. */
    private static final IntConsumer NOT_TOLD = n -> {};

    @Override
    public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
        return claim(claimant, now, lease, limit, NOT_TOLD);
    }

    @Override
    public List<ClaimedMessage> claim(
            String claimant, Instant now, Duration lease, int limit, IntConsumer deadLettered) {
        requireNonNull(deadLettered, "deadLettered");
        Db.checkClaim(claimant, now, lease, limit);
        String token = UUID.randomUUID().toString();
        List<Unreadable> unreadable = new ArrayList<>(0);
        List<Claimed> claimed = db.knownDialect() == Dialect.H2
                ? db.inTransaction("outbox claim", c -> claimOnH2(c, token, claimant, now, lease, limit, unreadable))
                : db.singleStatement("outbox claim", c -> {
                    statistics.beforeClaim(c);
                    try (PreparedStatement ps = db.prepare(c, claimStatement())) {
                        BigDecimal at = Db.toDecimal(now);
                        ps.setBigDecimal(1, at); // o deliverable (the LATERAL count)
                        ps.setBigDecimal(2, at); // m deliverable
                        ps.setInt(3, limit);
                        ps.setString(4, token);
                        ps.setString(5, Db.truncate(claimant, MAX_CLAIMANT));
                        ps.setBigDecimal(6, Db.seconds(lease));
                        return readClaimed(ps, token, unreadable);
                    }
                });
        if (!unreadable.isEmpty()) {
            claimed = setAside(claimed, unreadable, token, now, deadLettered);
        }
        claimed.sort(Comparator.comparing((Claimed x) -> x.claimed().message().createdAt())
                .thenComparingLong(Claimed::seq));
        LOG.debug("claimed {} outbox messages", claimed.size());
        return claimed.stream().map(Claimed::claimed).toList();
    }

    /**
     * The H2 claim, one transaction of four statements: the candidates are found, then locked and read with their
     * columns, and the chain prefixes kept in Java ({@link #claimable}: the candidates, their lock and their chains'
     * undelivered members, three statements); the kept ones are leased by one {@code MERGE} into {@code
     * esc_outbox_lease} (V16), which leaves the wide outbox row and its indexes alone. A claim that locked a message
     * only after another claim leased it and committed (its candidates read the lease table before) finds the live
     * lease in the merge: that message and the younger ones of its chain are not claimed (two more statements, only
     * then).
     */
    private List<Claimed> claimOnH2(
            Connection c,
            String token,
            String claimant,
            Instant now,
            Duration lease,
            int limit,
            List<Unreadable> unreadable)
            throws SQLException {
        List<Candidate> kept = claimable(c, now, limit);
        if (kept.isEmpty()) {
            return new ArrayList<>();
        }
        Long[] seqs = new Long[kept.size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = kept.get(i).seq();
        }
        int leased;
        // kept with the connection: H2's session cache (8 texts) no longer holds it when the next claim comes
        try (Db.Kept leaseUpdate = db.kept(c, H2_LEASE)) {
            PreparedStatement leasePs = leaseUpdate.statement();
            String who = Db.truncate(claimant, MAX_CLAIMANT);
            BigDecimal seconds = Db.seconds(lease);
            leasePs.setArray(1, c.createArrayOf("BIGINT", seqs));
            leasePs.setString(2, token);
            leasePs.setString(3, who);
            leasePs.setBigDecimal(4, seconds);
            leasePs.setString(5, token);
            leasePs.setString(6, who);
            leasePs.setBigDecimal(7, seconds);
            leased = leasePs.executeUpdate();
        }
        if (leased != seqs.length) {
            kept = leasedPrefixes(c, token, kept, seqs);
        }
        List<Claimed> claimed = new ArrayList<>(kept.size());
        for (Candidate x : kept) {
            try {
                claimed.add(new Claimed(x.seq(), x.claimed(this, token)));
            } catch (RuntimeException e) { // see setAside
                unreadable.add(
                        new Unreadable(x.seq(), x.escalation(), EscalationRows.unreadable("esc_outbox", x.seq(), e)));
            }
        }
        return claimed;
    }

    /**
     * Dead-letters the claimed messages the store cannot read back ({@link #UNREADABLE}; the last error names the
     * failure's type) and releases the younger messages of their escalations that this claim holds, so one row
     * changed outside the store neither stops every delivery (a claim that threw would fail again at every attempt)
     * nor lets the messages queued after it in its chain overtake it (a dead letter holds its chain until it is
     * replayed). Returns the claimed messages left to deliver, and tells {@code deadLettered} how many it
     * dead-lettered (if any). Logs the rows' positions only: a changed row's ids may hold anything.
     */
    private List<Claimed> setAside(
            List<Claimed> claimed, List<Unreadable> unreadable, String token, Instant now, IntConsumer deadLettered) {
        Map<String, Long> firstUnreadable = new HashMap<>();
        for (Unreadable u : unreadable) {
            firstUnreadable.merge(String.valueOf(u.escalation()), u.seq(), Math::min);
        }
        List<Claimed> kept = new ArrayList<>(claimed.size());
        List<DeliveryOutcome> released = new ArrayList<>();
        for (Claimed x : claimed) {
            Long first = firstUnreadable.get(x.claimed().message().escalation().value());
            if (first != null && x.seq() > first) {
                released.add(new DeliveryOutcome.Released(x.claimed()));
            } else {
                kept.add(x);
            }
        }
        int parked = db.inTransaction("outbox unreadable", c -> {
            int n = 0;
            for (Unreadable u : unreadable) {
                n += deadLetterUnreadable(c, u, token) ? 1 : 0;
            }
            return n;
        });
        if (!released.isEmpty()) {
            record(released, now, false);
        }
        for (Unreadable u : unreadable) {
            LOG.warn(
                    "outbox row {} holds a message the store cannot read back ({}): dead-lettered as {}",
                    u.seq(),
                    u.failure(),
                    UNREADABLE);
        }
        if (parked > 0) {
            deadLettered.accept(parked);
        }
        return kept;
    }

    /**
     * Marks an unreadable message dead if this claim still holds it (on H2 the lease is a row of its own); returns
     * whether it did.
     */
    private boolean deadLetterUnreadable(Connection c, Unreadable u, String token) throws SQLException {
        String set = "status = 'DEAD', dead_code = '" + UNREADABLE + "', last_error = ?";
        if (db.dialect() == Dialect.H2) {
            try (PreparedStatement ps = db.prepare(
                    c,
                    "UPDATE esc_outbox SET " + set + " WHERE seq = ? AND status = 'PENDING' AND EXISTS (SELECT 1"
                            + " FROM esc_outbox_lease l WHERE l.seq = esc_outbox.seq AND l.claim_token = ?)")) {
                bindUnreadable(ps, u, token);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement ps =
                    db.prepare(c, "DELETE FROM esc_outbox_lease WHERE seq = ? AND claim_token = ?")) {
                ps.setLong(1, u.seq());
                ps.setString(2, token);
                ps.executeUpdate();
            }
            return true;
        }
        try (PreparedStatement ps = db.prepare(
                c,
                "UPDATE esc_outbox SET " + set + ", claim_token = NULL, claimed_by = NULL, lease_until = NULL"
                        + " WHERE seq = ? AND status = 'PENDING' AND claim_token = ?")) {
            bindUnreadable(ps, u, token);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bindUnreadable(PreparedStatement ps, Unreadable u, String token) throws SQLException {
        ps.setString(1, Db.truncate(u.failure(), MAX_REASON));
        ps.setLong(2, u.seq());
        ps.setString(3, token);
    }

    /**
     * The messages the H2 claim may lease, locked, by {@code seq}: each chain as a prefix. First the deliverable
     * messages in delivery order up to the limit ({@link #H2_DELIVERABLE}, no chain condition, not locked), then
     * those of them still deliverable, locked ({@link #H2_LOCK}: only they; see {@link #H2_CANDIDATES} why not in one
     * statement), and the undelivered members of their escalations ({@link #H2_OPEN_MEMBERS}); a message is kept when
     * every older undelivered member of its chain was read, kept and the nearest of them sorts before it ({@link
     * #chainClear}). A first read that stopped short of the limit found every deliverable message, so it decides
     * alone, also when the lock passed over some of them (another claim holds them; the younger members of their
     * chains are not kept). Only when the first read filled the limit might messages past it be claimable: when it
     * filled it with messages whose chain is blocked, or when the lock passed over one that was read (another
     * transaction holds it, or it changed since) and one past the limit might have taken its place. Then {@link
     * #H2_CANDIDATES}, which checks each candidate's chain in the statement (two reads of its older members), decides,
     * as it did alone before (issue 17: without the chain reads an H2 lifecycle took 12–20 % less CPU; with two
     * dispatchers the fallback ran whenever one's claim met the other's locks, 4.5 % of the 2-thread H2 profile).
     * {@link #H2_OPEN_MEMBERS} reads every message of the candidates' escalations once (the statement it replaces read
     * each candidate's older chain members twice).
     */
    List<Candidate> claimable(Connection c, Instant now, int limit) throws SQLException {
        BigDecimal at = Db.toDecimal(now);
        Long[] first = firstInOrder(c, H2_DELIVERABLE, 1, at, limit);
        List<Candidate> read = locked(c, H2_LOCK, first, at);
        List<Candidate> kept = read.isEmpty() ? read : chainClear(read, openMembers(c, read));
        if (first.length < limit || (read.size() == first.length && kept.size() == read.size())) {
            return kept;
        }
        return claimableByStatement(c, now, limit);
    }

    /**
     * {@link #claimable} decided by {@link #H2_CANDIDATES} alone: its fallback, and the reference of the equivalence
     * property of the tests.
     */
    List<Candidate> claimableByStatement(Connection c, Instant now, int limit) throws SQLException {
        BigDecimal at = Db.toDecimal(now);
        return chainPrefixes(locked(c, H2_LOCK_COUNTING, firstInOrder(c, H2_CANDIDATES, 2, at, limit), at));
    }

    /**
     * The {@code seq}s a first read of the H2 claim ({@link #H2_DELIVERABLE}, {@link #H2_CANDIDATES}) finds, in
     * delivery order; its parameters are the claim's instant {@code instants} times, the limit.
     */
    private Long[] firstInOrder(Connection c, String sql, int instants, BigDecimal at, int limit) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (Db.Kept query = db.kept(c, sql)) {
            PreparedStatement ps = query.statement();
            for (int p = 1; p <= instants; p++) {
                ps.setBigDecimal(p, at);
            }
            ps.setInt(instants + 1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
        }
        return found.toArray(new Long[0]);
    }

    /**
     * The messages of {@code seqs} still deliverable at {@code at}, locked, each a {@link Candidate} read after its
     * lock ({@link #H2_LOCK}, {@link #H2_LOCK_COUNTING}); those another transaction holds are passed over.
     */
    private List<Candidate> locked(Connection c, String sql, Long[] seqs, BigDecimal at) throws SQLException {
        List<Candidate> found = new ArrayList<>(seqs.length);
        if (seqs.length == 0) {
            return found;
        }
        // H2 parses a FOR UPDATE at every prepare: the statement is kept with the connection (Db.kept)
        try (Db.Kept query = db.kept(c, sql)) {
            PreparedStatement ps = query.statement();
            ps.setArray(1, c.createArrayOf("BIGINT", seqs));
            ps.setBigDecimal(2, at);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(Candidate.of(rs));
                }
            }
        }
        return found;
    }

    /** The undelivered messages of the candidates' escalations, as chain key to their {@code seq}s (ascending). */
    private Map<String, List<Long>> openMembers(Connection c, List<Candidate> candidates) throws SQLException {
        Set<String> escalations = new HashSet<>();
        for (Candidate x : candidates) {
            escalations.add(x.escalation());
        }
        Map<String, List<Long>> open = new HashMap<>();
        try (Db.Kept query = db.kept(c, H2_OPEN_MEMBERS)) {
            PreparedStatement ps = query.statement();
            ps.setArray(1, c.createArrayOf("VARCHAR", escalations.toArray(new String[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.computeIfAbsent(rs.getString(2), k -> new ArrayList<>())
                            .add(rs.getLong(1));
                }
            }
        }
        for (List<Long> seqs : open.values()) {
            seqs.sort(null);
        }
        return open;
    }

    /**
     * The candidates whose chain is clear up to them, by {@code seq}: walking each chain's undelivered members
     * ({@code open}) from the oldest, a member is kept while it is a candidate and sorts (created_at, seq) after the
     * member kept before it; the first that is not ends the chain's prefix. So a kept message's older undelivered
     * members are all candidates (deliverable, locked by this claim) and sort before it, the condition {@link
     * #H2_CANDIDATES} checks in the statement. A candidate missing from {@code open} is not kept.
     */
    static List<Candidate> chainClear(List<Candidate> candidates, Map<String, List<Long>> open) {
        Map<Long, Candidate> bySeq = new HashMap<>();
        Set<String> chains = new HashSet<>();
        for (Candidate x : candidates) {
            bySeq.put(x.seq(), x);
            chains.add(x.chain());
        }
        List<Candidate> kept = new ArrayList<>();
        for (String chain : chains) {
            Candidate before = null;
            for (long seq : open.getOrDefault(chain, List.of())) {
                Candidate x = bySeq.get(seq);
                if (x == null || (before != null && !before.sortsBefore(x))) {
                    break;
                }
                kept.add(x);
                before = x;
            }
        }
        kept.sort(Comparator.comparingLong(Candidate::seq));
        return kept;
    }

    /**
     * After a lease merge that left some of {@code kept} to another claim's live lease: the messages this claim
     * leased up to the first one of their chain it did not; the younger ones it leased are let go again.
     */
    private List<Candidate> leasedPrefixes(Connection c, String token, List<Candidate> kept, Long[] seqs)
            throws SQLException {
        Set<Long> mine = new HashSet<>();
        try (PreparedStatement ps = db.prepare(
                c, "SELECT seq FROM esc_outbox_lease WHERE seq = ANY(CAST(? AS BIGINT ARRAY)) AND claim_token = ?")) {
            ps.setArray(1, c.createArrayOf("BIGINT", seqs));
            ps.setString(2, token);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    mine.add(rs.getLong(1));
                }
            }
        }
        List<Candidate> prefixes = new ArrayList<>();
        Set<String> broken = new HashSet<>();
        List<Long> letGo = new ArrayList<>();
        for (Candidate x : kept) { // by seq
            if (!mine.contains(x.seq())) {
                broken.add(x.chain());
            } else if (broken.contains(x.chain())) {
                letGo.add(x.seq());
            } else {
                prefixes.add(x);
            }
        }
        if (!letGo.isEmpty()) {
            try (PreparedStatement ps = db.prepare(
                    c, "DELETE FROM esc_outbox_lease WHERE seq = ANY(CAST(? AS BIGINT ARRAY)) AND claim_token = ?")) {
                ps.setArray(1, c.createArrayOf("BIGINT", letGo.toArray(new Long[0])));
                ps.setString(2, token);
                ps.executeUpdate();
            }
        }
        LOG.debug("{} outbox messages were leased by another claim meanwhile", seqs.length - mine.size());
        return prefixes;
    }

    /**
     * The candidates whose older undelivered chain members ({@code older_open} of them) are all among the candidates,
     * ordered by {@code seq}: each chain is claimed as a prefix.
     */
    private static List<Candidate> chainPrefixes(List<Candidate> candidates) {
        List<Candidate> bySeq = new ArrayList<>(candidates);
        bySeq.sort(Comparator.comparingLong(Candidate::seq)); // chain members by seq
        Map<String, Long> lockedPerChain = new HashMap<>();
        List<Candidate> kept = new ArrayList<>();
        for (Candidate x : bySeq) {
            long olderLocked = lockedPerChain.getOrDefault(x.chain(), 0L);
            lockedPerChain.put(x.chain(), olderLocked + 1);
            if (x.olderOpen() == olderLocked) {
                kept.add(x);
            }
        }
        return kept;
    }

    /**
     * A candidate of the H2 claim, its columns as read (its message is made only if it is leased); {@code olderOpen}
     * is -1 where the statement does not count them ({@link #H2_DELIVERABLE}).
     */
    record Candidate(
            long seq,
            String chain,
            long olderOpen,
            String escalation,
            String customer,
            String id,
            String effectType,
            int payloadFormat,
            String payload,
            BigDecimal createdAt,
            BigDecimal nextAttemptAt,
            int attempts,
            String lastError,
            String deadCode,
            String ticketReference) {

        /** The columns {@link #of} reads after seq, chain key and older_open, from {@code esc_outbox m}. */
        static final String COLUMNS = JdbcOutbox.COLUMNS + ", m.escalation_id, m.target, "
                + "(SELECT t.reference FROM esc_ticket t WHERE t.escalation_id = m.escalation_id) AS ticket_reference";

        /**
         * The end of a first read of the H2 claim: delivery order as the columns of {@code esc_outbox_created_ix}
         * (status, created_at, seq; V17), which H2 then reads in order and stops at the limit, the last parameter.
         */
        static final String FIRST_IN_ORDER = " ORDER BY m.status, m.created_at, m.seq LIMIT ?";

        /**
         * The rest of a lock statement of the H2 claim after its select list: the messages whose {@code seq}s are bound
         * as one array (the first parameter) that are still deliverable (another claim may have leased or finished one
         * since the first read), locked, passing over those another transaction holds.
         */
        static final String LOCKED = " FROM esc_outbox m WHERE m.seq = ANY(CAST(? AS BIGINT ARRAY)) AND "
                + deliverableOnH2("m") + " " + Dialect.H2.forUpdateSkipLocked("m");

        static Candidate of(ResultSet rs) throws SQLException {
            return new Candidate(
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getLong(3),
                    rs.getString("escalation_id"),
                    rs.getString("customer_id"),
                    rs.getString("message_id"),
                    rs.getString("effect_type"),
                    rs.getInt("payload_format"),
                    rs.getString("payload"),
                    rs.getBigDecimal("created_at"),
                    rs.getBigDecimal("next_attempt_at"),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    rs.getString("dead_code"),
                    rs.getString("ticket_reference"));
        }

        /** This candidate is before {@code later} in delivery order (created_at, seq). */
        boolean sortsBefore(Candidate later) {
            int byCreation = createdAt.compareTo(later.createdAt);
            return byCreation < 0 || (byCreation == 0 && seq < later.seq);
        }

        ClaimedMessage claimed(JdbcOutbox outbox, String token) {
            SideEffect effect = outbox.effects.read(id, effectType, payload, payloadFormat);
            OutboxMessage message = new OutboxMessage(
                    MessageId.of(id),
                    CustomerId.of(customer),
                    effect,
                    Db.toInstant(createdAt),
                    Db.toInstant(nextAttemptAt),
                    attempts,
                    Optional.ofNullable(lastError),
                    Optional.ofNullable(deadCode));
            Optional<String> reference = Optional.empty();
            if (effect instanceof TicketCommand && !(effect instanceof TicketCommand.Open)) {
                reference = Optional.ofNullable(ticketReference);
            }
            return new ClaimedMessage(message, token, reference);
        }
    }

    /**
     * H2 keeps leases in {@code esc_outbox_lease} (V16): row {@code x} is pending, due and has no live lease row (the
     * H2 form of {@link #due}).
     */
    private static String dueOnH2(String x) {
        return x + ".status = 'PENDING' AND " + x + ".next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM "
                + "esc_outbox_lease l WHERE l.seq = " + x + ".seq AND l.lease_until > " + Db.EPOCH_NOW + ")";
    }

    /** {@link #deliverable} on H2, with the lease read from {@code esc_outbox_lease}. */
    private static String deliverableOnH2(String x) {
        return dueOnH2(x) + " AND (" + ticketReady(x)
                + " OR EXISTS (SELECT 1 FROM esc_ticket t WHERE t.escalation_id = " + x + ".escalation_id))";
    }

    /**
     * The first read of the H2 claim's fallback ({@link #claimableByStatement}): the {@code seq}s of the rows of {@link
     * #candidates(Dialect)} (the lease read from {@code esc_outbox_lease}), in delivery order, up to the limit, not
     * locked. Parameters: the claim's instant twice, the limit. {@link #H2_LOCK_COUNTING} locks them.
     *
     * <p>The H2 claim reads first and locks after ({@link #claimable}): a {@code SELECT} with {@code ORDER BY},
     * {@code LIMIT} and {@code FOR UPDATE} in one locks, on H2, every row meeting its condition before it sorts and
     * stops at the limit — the claim locked all deliverable messages, a whole backlog, and a concurrent claim found
     * every one of them locked (issue 17).
     */
    static final String H2_CANDIDATES = "SELECT m.seq FROM esc_outbox m WHERE " + deliverableOnH2("m")
            + " AND NOT EXISTS (SELECT 1 FROM esc_outbox o WHERE " + OLDER_IN_CHAIN
            + " AND o.status <> 'DONE' AND NOT (" + deliverableOnH2("o") + " AND " + SORTS_BEFORE + "))"
            + Candidate.FIRST_IN_ORDER;

    /**
     * The first read of the H2 claim ({@link #claimable}): the {@code seq}s of the deliverable messages in delivery
     * order, up to the limit, no chain condition, not locked. Parameters: the claim's instant, the limit.
     */
    static final String H2_DELIVERABLE =
            "SELECT m.seq FROM esc_outbox m WHERE " + deliverableOnH2("m") + Candidate.FIRST_IN_ORDER;

    /**
     * Locks the messages a first read found that are still deliverable and reads them with the columns of a claimed
     * message. Parameters: the {@code seq}s as an array, the claim's instant.
     */
    static final String H2_LOCK =
            "SELECT m.seq, m.chain_key, -1 AS older_open, " + Candidate.COLUMNS + Candidate.LOCKED;

    /** {@link #H2_LOCK} with each message's number of older undelivered chain members (the fallback's). */
    static final String H2_LOCK_COUNTING = "SELECT m.seq, m.chain_key, (SELECT COUNT(*) FROM esc_outbox o WHERE "
            + OLDER_IN_CHAIN + " AND o.status <> 'DONE') AS older_open, " + Candidate.COLUMNS + Candidate.LOCKED;

    /**
     * The undelivered messages ({@code seq}, chain key) of the escalations bound as one array, read through the chain
     * index (escalation_id, chain_key, seq): the chain members {@link #chainClear} walks.
     */
    static final String H2_OPEN_MEMBERS = "SELECT seq, chain_key FROM esc_outbox "
            + "WHERE escalation_id = ANY(CAST(? AS VARCHAR ARRAY)) AND status <> 'DONE'";

    /**
     * The lease of the H2 claim's kept messages, by their {@code seq}s bound as one array: a lease row is inserted, or
     * an expired one taken over; a live one (of a claim that locked the message after this claim's candidates read
     * the lease table) stays. Parameters: the seqs, then token, claimant and lease seconds twice.
     *
     * <p>The database's clock is read once per statement: H2 evaluates an expression of the merge's {@code VALUES} or
     * {@code SET} for every row, and {@code EXTRACT(EPOCH ...)} divides a {@code BigDecimal} each time (~5 % of the
     * H2 lifecycle's CPU, issue 17); the one-row table {@code n} is the outer side of the join, so it is read once.
     */
    static final String H2_LEASE = "MERGE INTO esc_outbox_lease l USING (SELECT CAST(k.x AS BIGINT) AS seq, n.db_now "
            + "FROM (SELECT " + Db.EPOCH_NOW + " AS db_now) n CROSS JOIN UNNEST(CAST(? AS BIGINT ARRAY)) AS k(x)) s "
            + "ON l.seq = s.seq "
            + "WHEN MATCHED AND l.lease_until <= s.db_now THEN UPDATE SET claim_token = ?, "
            + "claimed_by = ?, lease_until = s.db_now + ? "
            + "WHEN NOT MATCHED THEN INSERT (seq, claim_token, claimed_by, lease_until) VALUES (s.seq, ?, ?, "
            + "s.db_now + ?)";

    private List<Claimed> readClaimed(PreparedStatement ps, String token, List<Unreadable> unreadable)
            throws SQLException {
        List<Claimed> found = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong("seq");
                OutboxMessage message;
                try {
                    message = read(rs);
                } catch (StoredDataException e) { // see setAside
                    unreadable.add(new Unreadable(seq, rs.getString("escalation_id"), e));
                    continue;
                }
                Optional<String> reference = Optional.empty();
                if (message.effect() instanceof TicketCommand && !(message.effect() instanceof TicketCommand.Open)) {
                    reference = Optional.ofNullable(rs.getString("ticket_reference"));
                }
                found.add(new Claimed(seq, new ClaimedMessage(message, token, reference)));
            }
        }
        return found;
    }

    /**
     * The message of an outbox row.
     *
     * @throws StoredDataException if the row holds a value the store never writes (changed outside the store)
     */
    OutboxMessage read(ResultSet rs) throws SQLException {
        return EscalationRows.decoded("esc_outbox", rs.getLong("seq"), () -> decode(rs));
    }

    private OutboxMessage decode(ResultSet rs) throws SQLException {
        String id = rs.getString("message_id");
        SideEffect effect =
                effects.read(id, rs.getString("effect_type"), rs.getString("payload"), rs.getInt("payload_format"));
        return new OutboxMessage(
                MessageId.of(id),
                CustomerId.of(rs.getString("customer_id")),
                effect,
                Db.instant(rs, "created_at"),
                Db.instant(rs, "next_attempt_at"),
                rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")),
                Optional.ofNullable(rs.getString("dead_code")));
    }

    // ------------------------------------------------------------------------------------------ finish

    @Override
    public int finish(List<DeliveryOutcome> outcomes, Instant now) {
        return record(outcomes, now, false).recorded();
    }

    @Override
    public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
        return record(outcomes, now, true).left().orElseThrow();
    }

    /** What one finishing transaction did, and what it counted afterwards if asked to. */
    private record Finished(int recorded, Optional<OutboxCounts> left) {}

    /** Records a batch's outcomes in one transaction, and with {@code count} counts what is left in the same one. */
    private Finished record(List<DeliveryOutcome> outcomes, Instant now, boolean count) {
        requireNonNull(now, "now");
        List<DeliveryOutcome> all = List.copyOf(outcomes);
        if (all.isEmpty()) {
            return new Finished(0, count ? Optional.of(counts()) : Optional.empty());
        }
        List<DeliveryOutcome.Delivered> delivered = new ArrayList<>();
        List<DeliveryOutcome.Retry> retries = new ArrayList<>();
        List<DeliveryOutcome.DeadLetter> dead = new ArrayList<>();
        List<DeliveryOutcome.Released> released = new ArrayList<>();
        for (DeliveryOutcome o : all) {
            if (o instanceof DeliveryOutcome.Delivered d) {
                delivered.add(d);
            } else if (o instanceof DeliveryOutcome.Retry r) {
                retries.add(r);
            } else if (o instanceof DeliveryOutcome.DeadLetter x) {
                dead.add(x);
            } else {
                released.add((DeliveryOutcome.Released) o);
            }
        }
        List<DeliveryOutcome.DeadLetter> parked = new ArrayList<>();
        Finished finished = db.inTransaction("outbox finish", c -> {
            int recordedHere = 0;
            if (!delivered.isEmpty()) {
                boolean[] done = finishDelivered(c, delivered, now);
                for (int i = 0; i < done.length; i++) {
                    if (!done[i]) {
                        continue;
                    }
                    recordedHere++;
                    DeliveryOutcome.Delivered d = delivered.get(i);
                    if (d.claimed().message().effect() instanceof TicketCommand.Open
                            && d.ticketReference().isPresent()) {
                        storeTicketReference(
                                c,
                                d.claimed().message().escalation(),
                                d.ticketReference().get());
                    }
                }
            }
            if (db.dialect() == Dialect.H2) {
                return finishOthersOnH2(c, recordedHere, retries, dead, released, parked, count);
            }
            if (!retries.isEmpty()) {
                recordedHere += recorded(batch(
                        c,
                        "UPDATE esc_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?, "
                                + "claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                                + "WHERE message_id = ? AND claim_token = ? AND status = 'PENDING'",
                        retries,
                        (ps, r) -> {
                            ps.setBigDecimal(1, Db.toDecimal(r.nextAttemptAt()));
                            ps.setString(2, Db.truncate(r.reason(), MAX_REASON));
                        }));
            }
            if (!dead.isEmpty()) {
                int[] counts = batch(
                        c,
                        "UPDATE esc_outbox SET status = 'DEAD', dead_code = ?, attempts = attempts + 1, "
                                + "last_error = ?, claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                                + "WHERE message_id = ? AND claim_token = ? AND status = 'PENDING'",
                        dead,
                        (ps, x) -> {
                            ps.setString(1, Db.truncate(x.code(), MAX_CODE));
                            ps.setString(2, Db.truncate(x.reason(), MAX_REASON));
                        });
                recordedHere += recorded(counts);
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        parked.add(dead.get(i));
                    }
                }
            }
            if (!released.isEmpty()) {
                recordedHere += recorded(batch(
                        c,
                        "UPDATE esc_outbox SET claim_token = NULL, claimed_by = NULL, lease_until = NULL "
                                + "WHERE message_id = ? AND claim_token = ? AND status = 'PENDING'",
                        released,
                        (ps, r) -> {}));
            }
            return new Finished(recordedHere, count ? Optional.of(countsIn(c, null)) : Optional.empty());
        });
        for (DeliveryOutcome.DeadLetter x : parked) {
            LOG.warn(
                    "outbox message {} of escalation {} dead-lettered ({})",
                    x.claimed().message().id(),
                    x.claimed().message().escalation(),
                    x.code());
        }
        LOG.debug("finished {} of {} outbox outcomes", finished.recorded(), all.size());
        return finished;
    }

    private static final String SET_DONE =
            "status = 'DONE', delivered_at = ?, claim_token = NULL, claimed_by = NULL, lease_until = NULL";

    /**
     * PostgreSQL's finish of delivered messages: one statement per claim token (a batch's messages share their
     * claim's), the message ids bound as one array, returning the ids it marked; one execution on the server instead
     * of one per message. (H2 finishes through its lease table: {@link #H2_DONE}.)
     */
    private static final String PG_DONE = Dialect.POSTGRESQL.updateReturning(
            "",
            "esc_outbox",
            SET_DONE,
            "message_id = ANY(CAST(? AS TEXT[])) AND claim_token = ? AND status = 'PENDING'",
            "u.message_id");

    /** Marks the delivered messages done; returns, per outcome, whether its message was still claimed by it. */
    private boolean[] finishDelivered(Connection c, List<DeliveryOutcome.Delivered> delivered, Instant now)
            throws SQLException {
        Map<String, List<String>> idsByToken = new LinkedHashMap<>();
        for (DeliveryOutcome.Delivered d : delivered) {
            idsByToken
                    .computeIfAbsent(d.claimed().claimToken(), t -> new ArrayList<>())
                    .add(d.claimed().message().id().value());
        }
        Set<String> marked = new HashSet<>();
        if (db.dialect() == Dialect.H2) {
            for (Map.Entry<String, List<String>> group : idsByToken.entrySet()) {
                finishDeliveredOnH2(c, group.getKey(), group.getValue(), now, marked);
            }
            return done(delivered, marked);
        }
        try (Db.Kept kept = db.kept(c, PG_DONE)) {
            PreparedStatement ps = kept.statement();
            for (Map.Entry<String, List<String>> group : idsByToken.entrySet()) {
                ps.setBigDecimal(1, Db.toDecimal(now));
                Db.setTextArray(ps, 2, group.getValue().toArray(new String[0]));
                ps.setString(3, group.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        marked.add(group.getKey() + SEPARATOR + rs.getString(1));
                    }
                }
            }
        }
        return done(delivered, marked);
    }

    private static boolean[] done(List<DeliveryOutcome.Delivered> delivered, Set<String> marked) {
        boolean[] done = new boolean[delivered.size()];
        for (int i = 0; i < done.length; i++) {
            DeliveryOutcome.Delivered d = delivered.get(i);
            // a message listed twice with one token is marked by the first of them only
            done[i] = marked.remove(d.claimed().claimToken()
                    + SEPARATOR
                    + d.claimed().message().id().value());
        }
        return done;
    }

    /**
     * H2 (V16): marks done the messages {@code ids} still leased by {@code token} and deletes their leases, the
     * outbox rows first (locked by the update, in the order a claim locks them: outbox row, then lease row). The
     * update's lease check reads the lease table as of its start; a claim that leased one of the messages again and
     * committed before the update locked its row shows in the delete (its lease row has another token): such a
     * message is put back to pending (one more statement, only then).
     */
    private void finishDeliveredOnH2(Connection c, String token, List<String> ids, Instant now, Set<String> marked)
            throws SQLException {
        List<Long> seqs = new ArrayList<>(ids.size());
        List<String> markedIds = new ArrayList<>(ids.size());
        try (Db.Kept kept = db.kept(c, H2_DONE)) {
            PreparedStatement ps = kept.statement();
            ps.setBigDecimal(1, Db.toDecimal(now));
            ps.setArray(2, c.createArrayOf("VARCHAR", ids.toArray(new String[0])));
            ps.setString(3, token);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seqs.add(rs.getLong(1));
                    markedIds.add(rs.getString(2));
                }
            }
        }
        if (seqs.isEmpty()) {
            return;
        }
        int deleted;
        try (Db.Kept kept = db.kept(c, H2_UNLEASE)) {
            PreparedStatement delete = kept.statement();
            delete.setArray(1, c.createArrayOf("BIGINT", seqs.toArray(new Long[0])));
            delete.setString(2, token);
            deleted = delete.executeUpdate();
        }
        Set<Long> lost = new HashSet<>();
        if (deleted != seqs.size()) {
            // leased again by another claim: its lease row is still there
            try (PreparedStatement left =
                    db.prepare(c, "SELECT seq FROM esc_outbox_lease WHERE seq = ANY(CAST(? AS BIGINT ARRAY))")) {
                left.setArray(1, c.createArrayOf("BIGINT", seqs.toArray(new Long[0])));
                try (ResultSet rs = left.executeQuery()) {
                    while (rs.next()) {
                        lost.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement back = db.prepare(
                    c,
                    "UPDATE esc_outbox SET status = 'PENDING', delivered_at = NULL "
                            + "WHERE seq = ANY(CAST(? AS BIGINT ARRAY)) AND status = 'DONE'")) {
                back.setArray(1, c.createArrayOf("BIGINT", lost.toArray(new Long[0])));
                back.executeUpdate();
            }
        }
        for (int i = 0; i < seqs.size(); i++) {
            if (!lost.contains(seqs.get(i))) {
                marked.add(token + SEPARATOR + markedIds.get(i));
            }
        }
    }

    /**
     * H2's finish of delivered messages (parameters: delivered at, message ids as an array, claim token), returning
     * seq and message id of those it marked; the finish deletes their leases next ({@link #H2_UNLEASE}).
     */
    private static final String H2_DONE = "SELECT u.seq, u.message_id FROM FINAL TABLE (UPDATE esc_outbox SET "
            + "status = 'DONE', delivered_at = ? WHERE message_id = ANY(CAST(? AS VARCHAR ARRAY)) AND status = 'PENDING' "
            + "AND EXISTS (SELECT 1 FROM esc_outbox_lease l WHERE l.seq = esc_outbox.seq AND l.claim_token = ?)) u";

    /** Deletes the leases of a claim token (parameters: seqs as an array, claim token). */
    static final String H2_UNLEASE =
            "DELETE FROM esc_outbox_lease WHERE seq = ANY(CAST(? AS BIGINT ARRAY)) AND claim_token = ?";

    /**
     * H2 (V16): records retries, dead letters and releases one message at a time (they are rare): its outbox row is
     * locked first (the order a claim locks in), then its lease deleted if the token still holds it (read after the
     * lock, so no claim can lease it meanwhile), and only then is the outbox row updated (not for a release).
     */
    private Finished finishOthersOnH2(
            Connection c,
            int recordedBefore,
            List<DeliveryOutcome.Retry> retries,
            List<DeliveryOutcome.DeadLetter> dead,
            List<DeliveryOutcome.Released> released,
            List<DeliveryOutcome.DeadLetter> parked,
            boolean count)
            throws SQLException {
        int recordedHere = recordedBefore;
        for (DeliveryOutcome.Retry r : retries) {
            Long seq = unleaseOnH2(c, r);
            if (seq != null) {
                try (PreparedStatement ps = db.prepare(
                        c,
                        "UPDATE esc_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
                                + "WHERE seq = ?")) {
                    ps.setBigDecimal(1, Db.toDecimal(r.nextAttemptAt()));
                    ps.setString(2, Db.truncate(r.reason(), MAX_REASON));
                    ps.setLong(3, seq);
                    ps.executeUpdate();
                }
                recordedHere++;
            }
        }
        for (DeliveryOutcome.DeadLetter x : dead) {
            Long seq = unleaseOnH2(c, x);
            if (seq != null) {
                try (PreparedStatement ps = db.prepare(
                        c,
                        "UPDATE esc_outbox SET status = 'DEAD', dead_code = ?, attempts = attempts + 1, "
                                + "last_error = ? WHERE seq = ?")) {
                    ps.setString(1, Db.truncate(x.code(), MAX_CODE));
                    ps.setString(2, Db.truncate(x.reason(), MAX_REASON));
                    ps.setLong(3, seq);
                    ps.executeUpdate();
                }
                recordedHere++;
                parked.add(x);
            }
        }
        for (DeliveryOutcome.Released r : released) {
            if (unleaseOnH2(c, r) != null) {
                recordedHere++;
            }
        }
        return new Finished(recordedHere, count ? Optional.of(countsIn(c, null)) : Optional.empty());
    }

    /**
     * Locks the pending outbox row of {@code outcome}'s message and deletes its lease if {@code outcome}'s claim token
     * holds it; returns the row's seq if it did, else null.
     */
    private Long unleaseOnH2(Connection c, DeliveryOutcome outcome) throws SQLException {
        long seq;
        try (PreparedStatement ps =
                db.prepare(c, "SELECT seq FROM esc_outbox WHERE message_id = ? AND status = 'PENDING' FOR UPDATE")) {
            ps.setString(1, outcome.claimed().message().id().value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                seq = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = db.prepare(c, "DELETE FROM esc_outbox_lease WHERE seq = ? AND claim_token = ?")) {
            ps.setLong(1, seq);
            ps.setString(2, outcome.claimed().claimToken());
            return ps.executeUpdate() == 1 ? seq : null;
        }
    }

    /** Binds the outcome-specific parameters; the message id and claim token follow them. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement ps, T outcome) throws SQLException;
    }

    private <T extends DeliveryOutcome> int[] batch(Connection c, String sql, List<T> outcomes, Binder<T> binder)
            throws SQLException {
        try (PreparedStatement ps = db.prepare(c, sql)) {
            int last = (int) sql.chars().filter(ch -> ch == '?').count();
            for (T o : outcomes) {
                binder.bind(ps, o);
                ps.setString(last - 1, o.claimed().message().id().value());
                ps.setString(last, o.claimed().claimToken());
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static int recorded(int[] counts) {
        int n = 0;
        for (int count : counts) {
            n += count > 0 || count == Statement.SUCCESS_NO_INFO ? 1 : 0;
        }
        return n;
    }

    /** Records an escalation's ticket reference; the first one stays (a retried {@code open} returns the same). */
    private void storeTicketReference(Connection c, EscalationId escalation, String reference) throws SQLException {
        Dialect dialect = db.dialect();
        String sql = dialect.insertIgnoringDuplicate(
                "INSERT INTO esc_ticket (escalation_id, reference) VALUES (?, ?)", "escalation_id");
        try (Db.Kept kept = db.kept(c, sql)) {
            PreparedStatement ps = kept.statement();
            ps.setString(1, escalation.value());
            ps.setString(2, reference);
            if (!dialect.insertIgnoringDuplicate(c, ps, "esc_ticket", "escalation_id", escalation.value())) {
                LOG.debug("ticket of escalation {} already has a reference; the first one stays", escalation);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ counts, dead letters

    @Override
    public OutboxCounts counts() {
        return countsWhere("outbox counts", null);
    }

    @Override
    public OutboxCounts countsOf(EscalationId escalation) {
        requireNonNull(escalation, "escalation");
        return countsWhere("outbox counts of an escalation", escalation.value());
    }

    private OutboxCounts countsWhere(String operation, @Nullable String escalation) {
        return db.singleStatement(operation, c -> countsIn(c, escalation));
    }

    /** The counts of {@link #countsIn}: of all escalations, or ({@link #COUNTS_OF_ESCALATION}) of one. */
    private static final String COUNTS = "SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status = 'DEAD' THEN 1 ELSE 0 END), "
            + "MIN(CASE WHEN status = 'PENDING' THEN next_attempt_at END) "
            + "FROM esc_outbox WHERE status IN ('PENDING', 'DEAD')";

    private static final String COUNTS_OF_ESCALATION = COUNTS + " AND escalation_id = ?";

    /** The outbox counts, of all escalations or of {@code escalation}. */
    private OutboxCounts countsIn(Connection c, @Nullable String escalation) throws SQLException {
        try (Db.Kept kept = db.kept(c, escalation == null ? COUNTS : COUNTS_OF_ESCALATION)) {
            PreparedStatement ps = kept.statement();
            if (escalation != null) {
                ps.setString(1, escalation);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                BigDecimal next = rs.getBigDecimal(3);
                return new OutboxCounts(
                        rs.getLong(1),
                        rs.getLong(2),
                        next == null ? Optional.empty() : Optional.of(Db.toInstant(next)));
            }
        }
    }

    @Override
    public Page<OutboxMessage> deadLetters(PageRequest page) {
        requireNonNull(page, "page");
        return db.inTransaction("outbox dead letters", c -> {
            List<OutboxMessage> items = new ArrayList<>();
            try (PreparedStatement ps =
                    db.prepare(c, deadLettersAfter(page.after().isPresent()))) {
                BigDecimal at = page.after().map(a -> Db.toDecimal(a.at())).orElse(null);
                int i = bindAfter(ps, at, page.after().map(PageCursor::id).orElse(null));
                ps.setInt(i, page.size() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return Pages.of(items, page.size(), m -> new PageCursor(m.createdAt(), m.id().value()));
        });
    }

    /**
     * The dead letters as {@link #deadLetters} lists them, a row the store cannot read back as a {@link
     * DeadLetterEntry.Unreadable} made of its plain columns (message id, escalation, customer, target, effect type,
     * created at, attempts, last error). A row whose plain columns cannot be read either (its message id, escalation,
     * customer, target or creation instant changed outside the store) cannot be named, so cannot be replayed: it is
     * left out, the reading goes on past it, and the log names its position ({@code seq}); the counts still count it.
     */
    @Override
    public Page<DeadLetterEntry> deadLetterEntries(PageRequest page) {
        requireNonNull(page, "page");
        return db.inTransaction("outbox dead letters", c -> {
            List<DeadLetterEntry> items = new ArrayList<>();
            BigDecimal at = page.after().map(a -> Db.toDecimal(a.at())).orElse(null);
            String id = page.after().map(PageCursor::id).orElse(null);
            int wanted = page.size() + 1;
            while (items.size() < wanted) { // reads again only after a row left out
                int asked = wanted - items.size();
                int read = 0;
                try (PreparedStatement ps = db.prepare(c, deadLettersAfter(at != null))) {
                    ps.setInt(bindAfter(ps, at, id), asked);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            read++;
                            at = rs.getBigDecimal("created_at");
                            id = rs.getString("message_id");
                            DeadLetterEntry letter = entry(rs);
                            if (letter != null) {
                                items.add(letter);
                            }
                        }
                    }
                }
                if (read < asked) {
                    break;
                }
            }
            return Pages.of(items, page.size(), d -> new PageCursor(d.createdAt(), d.id().value()));
        });
    }

    /** The dead rows in list order, after a cursor if {@code after} (parameters: {@link #bindAfter}, the limit). */
    private String deadLettersAfter(boolean after) {
        String id = db.dialect().sortableId("m.message_id");
        return "SELECT " + COLUMNS + ", m.escalation_id, m.target FROM esc_outbox m WHERE m.status = 'DEAD'"
                + (after ? " AND (m.created_at > ? OR (m.created_at = ? AND " + id + " > ?))" : "")
                + " ORDER BY m.created_at, " + id + " LIMIT ?";
    }

    /** Binds the cursor of {@link #deadLettersAfter} if there is one; returns the index of the limit. */
    private static int bindAfter(PreparedStatement ps, @Nullable BigDecimal at, @Nullable String id)
            throws SQLException {
        if (at == null) {
            return 1;
        }
        ps.setBigDecimal(1, at);
        ps.setBigDecimal(2, at);
        ps.setString(3, id);
        return 4;
    }

    /** The dead letter of a row, or null if not even its plain columns can be read (logged). */
    private @Nullable DeadLetterEntry entry(ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        try {
            return new DeadLetterEntry.Readable(read(rs));
        } catch (StoredDataException unreadable) {
            try {
                return EscalationRows.decoded(
                        "esc_outbox",
                        seq,
                        () -> new DeadLetterEntry.Unreadable(
                                MessageId.of(rs.getString("message_id")),
                                EscalationId.of(rs.getString("escalation_id")),
                                CustomerId.of(rs.getString("customer_id")),
                                OutboxMessage.Target.valueOf(rs.getString("target")),
                                Json.knownType(rs.getString("effect_type")),
                                Db.instant(rs, "created_at"),
                                rs.getInt("attempts"),
                                Optional.ofNullable(rs.getString("last_error"))));
            } catch (StoredDataException unnamed) {
                LOG.warn(
                        "dead outbox row {} is not listed: the store cannot read back its ids or creation ({})",
                        seq,
                        unnamed.getCause() == null
                                ? "?"
                                : unnamed.getCause().getClass().getSimpleName());
                return null;
            }
        }
    }

    /**
     * Reads the dead rows {@code where} names (parameter 1: {@code value}), locked until the replay commits: one the
     * store cannot read back is refused ({@link StoredDataException}, naming the table and the failure's type only),
     * so a replay changes nothing while it would only be dead-lettered again.
     */
    private void requireReadable(Connection c, String where, String value) throws SQLException {
        try (PreparedStatement ps = db.prepare(
                c, "SELECT " + COLUMNS + " FROM esc_outbox m WHERE m.status = 'DEAD' AND m." + where + " FOR UPDATE")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read(rs);
                }
            }
        }
    }

    private static final String REPLAY = "UPDATE esc_outbox SET status = 'PENDING', attempts = 0, dead_code = NULL, "
            + "next_attempt_at = ?, claim_token = NULL, claimed_by = NULL, lease_until = NULL WHERE status = 'DEAD' AND ";

    @Override
    public boolean replay(MessageId id, Instant now) {
        requireNonNull(id, "id");
        requireNonNull(now, "now");
        boolean replayed = db.inTransaction("outbox replay", c -> {
            requireReadable(c, "message_id = ?", id.value());
            try (PreparedStatement ps = db.prepare(c, REPLAY + "message_id = ?")) {
                ps.setBigDecimal(1, Db.toDecimal(now));
                ps.setString(2, id.value());
                return ps.executeUpdate() == 1;
            }
        });
        if (replayed) {
            LOG.info("outbox message {} replayed", id);
        }
        return replayed;
    }

    @Override
    public int replayAll(EscalationId escalation, Instant now) {
        requireNonNull(escalation, "escalation");
        requireNonNull(now, "now");
        int replayed = db.inTransaction("outbox replay of an escalation", c -> {
            requireReadable(c, "escalation_id = ?", escalation.value());
            try (PreparedStatement ps = db.prepare(c, REPLAY + "escalation_id = ?")) {
                ps.setBigDecimal(1, Db.toDecimal(now));
                ps.setString(2, escalation.value());
                return ps.executeUpdate();
            }
        });
        if (replayed > 0) {
            LOG.info("{} outbox messages of escalation {} replayed", replayed, escalation);
        }
        return replayed;
    }
}
