package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.DueKind;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The H2 claims of the outbox and of due work under a backlog: each locks the rows it reads, not every claimable one,
 * and its first read scans about its limit in delivery (due) order. Before, each claim's one {@code SELECT … ORDER BY
 * … LIMIT … FOR UPDATE SKIP LOCKED} had H2 lock every claimable row before sorting them: a claim of 10 read and locked
 * a backlog of 600, and any other transaction's claim found them all locked.
 */
class H2BacklogClaimTest extends StoreTestSupport {
    private static final int ESCALATIONS = 20;
    private static final int PER_ESCALATION = 30;
    private static final int BACKLOG = ESCALATIONS * PER_ESCALATION;
    private static final int LIMIT = 10;
    /** After every message and item is due. */
    private static final Instant AT = T0.plusSeconds(ESCALATIONS * 100L);

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    /**
     * The backlogs: 20 escalations with 30 due items and 30 pending notifications each (one chain per escalation),
     * each a second apart, escalation after escalation.
     */
    @BeforeEach
    void backlogs() {
        for (int e = 0; e < ESCALATIONS; e++) {
            StoredEscalation r = Fixtures.raised("acme", "B" + e, "C-B" + e, T0);
            List<DueItem> items = new ArrayList<>();
            List<OutboxMessage> messages = new ArrayList<>();
            for (int i = 0; i < PER_ESCALATION; i++) {
                Instant at = T0.plusSeconds(e * 100L + i);
                items.add(Fixtures.due(r, DueKind.NEXT_MEETING, "meeting-" + i, at));
                messages.add(Fixtures.message("acme", Fixtures.notification(r.id(), "b" + e + "-" + i), at));
            }
            store.create(Fixtures.creation(r));
            // a write's due items replace the escalation's pending ones: both in one change
            store.changeForVendor(
                    r.id(),
                    current -> UnitOfWork.Decision.write(
                            Records.change(current)
                                    .messages(messages)
                                    .due(items)
                                    .build(),
                            0));
        }
    }

    /** A claim's first step, run in the caller's open transaction: what it locked. */
    private interface Claim {
        List<?> in(Connection c) throws SQLException;
    }

    /** While {@code claim} holds what it took, another transaction can lock every other pending row of {@code table}. */
    private void leavesTheRestToOthers(Claim claim, String table) throws SQLException {
        try (Connection claiming = pool.getConnection();
                Connection other = pool.getConnection()) {
            claiming.setAutoCommit(false);
            other.setAutoCommit(false);
            try {
                assertThat(claim.in(claiming)).hasSize(LIMIT);
                assertThat(H2Backlog.lockable(other, table))
                        .as("rows of %s another transaction can lock while the claim holds its %d", table, LIMIT)
                        .isEqualTo(BACKLOG - LIMIT);
            } finally {
                claiming.rollback();
                other.rollback();
            }
        }
    }

    /** The entries of {@code index} the first read {@code sql} scans, its instants and limit bound in its text. */
    private int scanned(String sql, int instants, String index) throws SQLException {
        String bound = sql;
        for (int i = 0; i < instants; i++) {
            bound = bound.replaceFirst("\\?", AT.getEpochSecond() + ".0");
        }
        try (Connection c = pool.getConnection()) {
            return H2Backlog.entriesRead(c, bound.replaceFirst("\\?", String.valueOf(LIMIT)), index);
        }
    }

    @Test
    void anOutboxClaimLocksTheMessagesItReadsAndLeavesTheBacklogToOthers() throws SQLException {
        JdbcOutbox outbox = (JdbcOutbox) store.outbox();
        leavesTheRestToOthers(c -> outbox.claimable(c, AT, LIMIT), "esc_outbox");
    }

    @Test
    void aDueWorkClaimLocksTheItemsItReadsAndLeavesTheBacklogToOthers() throws SQLException {
        JdbcDueWork due = (JdbcDueWork) store.dueWork();
        leavesTheRestToOthers(c -> due.claimableOnH2(c, AT, AT, LIMIT, new java.util.ArrayList<>()), "esc_due");
    }

    @Test
    void theFirstReadOfEachClaimReadsAboutItsLimitNotTheBacklog() throws SQLException {
        assertThat(scanned(JdbcOutbox.H2_DELIVERABLE, 1, "esc_outbox_created_ix"))
                .as("outbox index entries read for a limit of %d of %d due", LIMIT, BACKLOG)
                .isBetween(LIMIT, 2 * LIMIT);
        assertThat(scanned(JdbcDueWork.H2_FIRST, 2, "esc_due_due_ix"))
                .as("due-work index entries read for a limit of %d of %d due", LIMIT, BACKLOG)
                .isBetween(LIMIT, 2 * LIMIT);
    }

    /**
     * Two dispatchers: one claim holds the first {@value #LIMIT} messages (all of the first escalation's chain's
     * oldest) while another claims with a limit above the backlog. Its first read found every deliverable message, so
     * it decides alone: the other escalations' messages, none of the held chain's younger ones, and the
     * chain-checking statement never runs (before, any row the lock passed over sent the claim to it).
     */
    @Test
    void aClaimMeetingAnotherClaimsLocksDecidesFromItsFirstReadWhenItReadEveryDeliverableMessage() throws SQLException {
        JdbcOutbox outbox = (JdbcOutbox) store.outbox();
        try (Connection first = pool.getConnection();
                Connection second = pool.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try {
                List<JdbcOutbox.Candidate> held = outbox.claimable(first, AT, LIMIT);
                assertThat(held)
                        .hasSize(LIMIT)
                        .extracting(JdbcOutbox.Candidate::escalation)
                        .containsOnly(held.get(0).escalation());
                H2Backlog.recordStatements(second);
                List<JdbcOutbox.Candidate> kept = outbox.claimable(second, AT, 2 * BACKLOG);
                assertThat(H2Backlog.executions(second, JdbcOutbox.H2_CANDIDATES))
                        .as("runs of the chain-checking statement")
                        .isZero();
                assertThat(H2Backlog.executions(second, JdbcOutbox.H2_DELIVERABLE))
                        .as("runs of the first read")
                        .isEqualTo(1);
                assertThat(kept)
                        .as("the other escalations' messages, none of the held chain's")
                        .hasSize(BACKLOG - PER_ESCALATION)
                        .noneMatch(x -> x.escalation().equals(held.get(0).escalation()));
                second.rollback();
                assertThat(outbox.claimableByStatement(second, AT, 2 * BACKLOG))
                        .as("what the chain-checking statement keeps")
                        .extracting(JdbcOutbox.Candidate::seq)
                        .containsExactlyElementsOf(
                                kept.stream().map(JdbcOutbox.Candidate::seq).toList());
            } finally {
                first.rollback();
                second.rollback();
            }
        }
    }

    @Test
    void outboxClaimsFinishedOneAfterTheOtherTakeTheBacklogInDeliveryOrderEachMessageOnce() {
        List<String> claimed = new ArrayList<>();
        List<ClaimedMessage> batch;
        while (!(batch = store.outbox().claim("worker", AT, Duration.ofMinutes(5), LIMIT)).isEmpty()) {
            assertThat(batch).hasSizeLessThanOrEqualTo(LIMIT);
            List<DeliveryOutcome> delivered = new ArrayList<>();
            for (ClaimedMessage m : batch) {
                claimed.add(m.message().id().value());
                delivered.add(new DeliveryOutcome.Delivered(m, Optional.empty()));
            }
            assertThat(store.outbox().finish(delivered, AT)).isEqualTo(batch.size());
        }
        List<String> expected = new ArrayList<>();
        for (int e = 0; e < ESCALATIONS; e++) {
            for (int i = 0; i < PER_ESCALATION; i++) {
                expected.add("msg-b" + e + "-" + i);
            }
        }
        assertThat(claimed).containsExactlyElementsOf(expected);
    }

    @Test
    void dueWorkClaimsCompletedOneAfterTheOtherTakeTheBacklogInDueOrderEachItemOnce() {
        List<DueItem> claimed = new ArrayList<>();
        List<ClaimedDue> batch;
        while (!(batch = store.dueWork().claim("worker", AT, Duration.ofMinutes(5), LIMIT)).isEmpty()) {
            assertThat(batch).hasSizeLessThanOrEqualTo(LIMIT);
            for (ClaimedDue c : batch) {
                claimed.add(c.item());
                assertThat(store.dueWork().complete(c, List.of())).isTrue();
            }
        }
        List<DueItem> inDueOrder = new ArrayList<>(claimed);
        inDueOrder.sort(Comparator.comparing(DueItem::dueAt).thenComparing(DueItem::key));
        assertThat(claimed).hasSize(BACKLOG).doesNotHaveDuplicates().containsExactlyElementsOf(inDueOrder);
    }
}
