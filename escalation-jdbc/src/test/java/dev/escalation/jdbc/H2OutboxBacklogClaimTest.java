package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The H2 claim under a backlog: it locks the messages it reads, not every deliverable one, and reads about its limit
 * through {@code esc_outbox_created_ix} in delivery order (V17). Before, its one {@code SELECT … ORDER BY … LIMIT …
 * FOR UPDATE SKIP LOCKED} had H2 lock every deliverable message before sorting them: a claim of 10 read and locked a
 * backlog of 600, and any other transaction's claim found them all locked.
 */
class H2OutboxBacklogClaimTest extends StoreTestSupport {
    private static final int ESCALATIONS = 20;
    private static final int PER_ESCALATION = 30;
    private static final int BACKLOG = ESCALATIONS * PER_ESCALATION;
    private static final int LIMIT = 10;
    /** After every message is due. */
    private static final Instant AT = T0.plusSeconds(ESCALATIONS * 100L);

    private static final Pattern OUTBOX_SCANS =
            Pattern.compile("PUBLIC\\.ESC_OUTBOX_CREATED_IX[^*]*\\*/\\s*/\\* scanCount: (\\d+) \\*/");

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    /** A backlog: 20 escalations with 30 pending notifications each, one chain per escalation, a second apart. */
    @BeforeEach
    void backlog() {
        for (int e = 0; e < ESCALATIONS; e++) {
            StoredEscalation r = Fixtures.raised("acme", "B" + e, "C-B" + e, T0);
            store.create(Fixtures.creation(r));
            List<OutboxMessage> messages = new ArrayList<>();
            for (int i = 0; i < PER_ESCALATION; i++) {
                messages.add(Fixtures.message(
                        "acme", Fixtures.notification(r.id(), "b" + e + "-" + i), T0.plusSeconds(e * 100L + i)));
            }
            store.changeForVendor(
                    r.id(),
                    current -> UnitOfWork.Decision.write(
                            Records.change(current).messages(messages).build(), 0));
        }
    }

    @Test
    void aClaimLocksTheMessagesItReadsAndLeavesTheBacklogToOthers() throws SQLException {
        JdbcOutbox outbox = (JdbcOutbox) store.outbox();
        try (Connection claiming = pool.getConnection();
                Connection other = pool.getConnection()) {
            claiming.setAutoCommit(false);
            other.setAutoCommit(false);
            try {
                List<JdbcOutbox.Candidate> kept = outbox.claimable(claiming, AT, LIMIT);
                assertThat(kept).hasSize(LIMIT);
                assertThat(lockable(other))
                        .as("messages another transaction can lock while the claim holds its %d", LIMIT)
                        .isEqualTo(BACKLOG - LIMIT);
            } finally {
                claiming.rollback();
                other.rollback();
            }
        }
    }

    @Test
    void claimsFinishedOneAfterTheOtherTakeTheBacklogInDeliveryOrderEachMessageOnce() {
        List<String> claimed = new ArrayList<>();
        List<ClaimedMessage> batch;
        while (!(batch = store.outbox().claim("worker", AT, Duration.ofMinutes(5), LIMIT)).isEmpty()) {
            assertThat(batch).hasSizeLessThanOrEqualTo(LIMIT);
            batch.forEach(m -> claimed.add(m.message().id().value()));
            List<DeliveryOutcome> delivered = new ArrayList<>();
            batch.forEach(m -> delivered.add(new DeliveryOutcome.Delivered(m, Optional.empty())));
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
    void theFirstReadOfAClaimReadsAboutItsLimitNotTheBacklog() throws SQLException {
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN ANALYZE "
                        + JdbcOutbox.H2_DELIVERABLE
                                .replaceFirst("\\?", AT.getEpochSecond() + ".0")
                                .replaceFirst("\\?", String.valueOf(LIMIT)))) {
            rs.next();
            String plan = rs.getString(1);
            Matcher m = OUTBOX_SCANS.matcher(plan);
            assertThat(m.find())
                    .as("the outbox is read through esc_outbox_created_ix in:%n%s", plan)
                    .isTrue();
            assertThat(Integer.parseInt(m.group(1)))
                    .as("outbox index entries read for a limit of %d of %d due", LIMIT, BACKLOG)
                    .isBetween(LIMIT, 2 * LIMIT);
        }
    }

    /** How many pending messages a transaction can lock now, passing over those another holds. */
    private static int lockable(Connection c) throws SQLException {
        int n = 0;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT seq FROM esc_outbox WHERE status = 'PENDING' FOR UPDATE SKIP LOCKED")) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
