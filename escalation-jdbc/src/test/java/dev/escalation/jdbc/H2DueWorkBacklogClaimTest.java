package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.DueKind;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.StoredEscalation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The H2 due-work claim under a backlog, as {@link H2OutboxBacklogClaimTest} for the outbox: it locks the items it
 * reads, not every due one, and reads about its limit through {@code esc_due_due_ix}. Before, its one {@code SELECT …
 * ORDER BY … LIMIT … FOR UPDATE SKIP LOCKED} had H2 lock every due item before sorting them.
 */
class H2DueWorkBacklogClaimTest extends StoreTestSupport {
    private static final int ESCALATIONS = 30;
    private static final int PER_ESCALATION = 20;
    private static final int BACKLOG = ESCALATIONS * PER_ESCALATION;
    private static final int LIMIT = 10;
    /** After every item is due. */
    private static final Instant AT = T0.plusSeconds(ESCALATIONS * 100L);

    private static final Pattern DUE_SCANS =
            Pattern.compile("PUBLIC\\.ESC_DUE_DUE_IX[^*]*\\*/\\s*/\\* scanCount: (\\d+) \\*/");

    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    /** A backlog: 30 escalations with 20 due items each, due a second apart (escalation by escalation). */
    @BeforeEach
    void backlog() {
        for (int e = 0; e < ESCALATIONS; e++) {
            StoredEscalation r = Fixtures.raised("acme", "D" + e, "C-D" + e, T0);
            List<DueItem> items = new ArrayList<>();
            for (int i = 0; i < PER_ESCALATION; i++) {
                items.add(Fixtures.due(r, DueKind.NEXT_MEETING, "meeting-" + i, T0.plusSeconds(e * 100L + i)));
            }
            store.create(Fixtures.creation(r, List.of(), items));
        }
    }

    @Test
    void aClaimLocksTheItemsItReadsAndLeavesTheBacklogToOthers() throws SQLException {
        JdbcDueWork due = (JdbcDueWork) store.dueWork();
        try (Connection claiming = pool.getConnection();
                Connection other = pool.getConnection()) {
            claiming.setAutoCommit(false);
            other.setAutoCommit(false);
            try {
                assertThat(due.claimableOnH2(claiming, AT, AT, LIMIT)).hasSize(LIMIT);
                assertThat(lockable(other))
                        .as("due items another transaction can lock while the claim holds its %d", LIMIT)
                        .isEqualTo(BACKLOG - LIMIT);
            } finally {
                claiming.rollback();
                other.rollback();
            }
        }
    }

    @Test
    void claimsCompletedOneAfterTheOtherTakeTheBacklogInDueOrderEachItemOnce() {
        List<DueItem> claimed = new ArrayList<>();
        List<ClaimedDue> batch;
        while (!(batch = store.dueWork().claim("worker", AT, Duration.ofMinutes(5), LIMIT)).isEmpty()) {
            assertThat(batch).hasSizeLessThanOrEqualTo(LIMIT);
            for (ClaimedDue c : batch) {
                claimed.add(c.item());
                assertThat(store.dueWork().complete(c, List.of())).isTrue();
            }
        }
        assertThat(claimed).hasSize(BACKLOG);
        List<DueItem> inDueOrder = new ArrayList<>(claimed);
        inDueOrder.sort((a, b) -> a.dueAt().equals(b.dueAt())
                ? a.key().compareTo(b.key())
                : a.dueAt().compareTo(b.dueAt()));
        assertThat(claimed).containsExactlyElementsOf(inDueOrder).doesNotHaveDuplicates();
    }

    @Test
    void theFirstReadOfAClaimReadsAboutItsLimitNotTheBacklog() throws SQLException {
        String at = AT.getEpochSecond() + ".0";
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN ANALYZE "
                        + JdbcDueWork.H2_FIRST
                                .replaceFirst("\\?", at)
                                .replaceFirst("\\?", at)
                                .replaceFirst("\\?", String.valueOf(LIMIT)))) {
            rs.next();
            String plan = rs.getString(1);
            Matcher m = DUE_SCANS.matcher(plan);
            assertThat(m.find())
                    .as("due items are read through esc_due_due_ix in:%n%s", plan)
                    .isTrue();
            assertThat(Integer.parseInt(m.group(1)))
                    .as("index entries read for a limit of %d of %d due", LIMIT, BACKLOG)
                    .isBetween(LIMIT, 2 * LIMIT);
        }
    }

    /** How many pending due items a transaction can lock now, passing over those another holds. */
    private static int lockable(Connection c) throws SQLException {
        int n = 0;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT due_key FROM esc_due WHERE status = 'PENDING' FOR UPDATE SKIP LOCKED")) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
