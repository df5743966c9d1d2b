package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.model.PageCursor;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Issue #14 point 4, in memory: the overdue query walks a sorted index and never visits every escalation. With
 * 1,000,000 open escalations indexed (half of them overdue at "now", in a scrambled order), a page of 100 visits at
 * most the page size plus 2·log2(n) entries, counting every comparison of the index's ordering and every entry the
 * walk iterates over; the first page and a page after a cursor in the middle alike. The index is a red-black tree
 * built in a fixed order, so the counts are the same on every run.
 */
class OverdueIndexTest {
    private static final int N = 1_000_000;
    private static final Instant NOW = Instant.parse("2027-01-12T09:00:00Z");
    private static final AtomicLong VISITS = new AtomicLong();
    private static OverdueIndex index;

    @BeforeAll
    static void fill() {
        index = new OverdueIndex(VISITS::incrementAndGet);
        for (int i = 0; i < N; i++) {
            int scrambled = (int) ((i * 7_919L) % N); // a permutation of 0…N-1: inserted out of order
            // since = NOW - 500,000 s + scrambled s: the first half is overdue at NOW, the second half not yet
            Instant since = NOW.minusSeconds(N / 2).plusSeconds(scrambled);
            index.move(
                    EscalationId.of(String.format(Locale.ROOT, "E-%07d", scrambled)),
                    Optional.empty(),
                    Optional.of(since));
        }
        assertThat(index.size()).isEqualTo(N);
    }

    private static long bound(int page) {
        return page + 2L * (long) Math.ceil(Math.log(N) / Math.log(2)); // page + 2·log2(n) = page + 40
    }

    @Test
    void theFirstPageVisitsThePageAndNoMore(TestReporter reporter) {
        VISITS.set(0);
        List<OverdueIndex.Key> page = index.page(NOW, Optional.empty(), 100, k -> true);

        assertThat(page).hasSize(101); // the page and one to tell that there are more
        assertThat(page.get(0).id()).isEqualTo("E-0000000");
        assertThat(page.get(99).id()).isEqualTo("E-0000099");
        reporter.publishEntry("visits.firstPage", Long.toString(VISITS.get()));
        System.out.println("overdue index, 1,000,000 entries: first page of 100 visited " + VISITS.get());
        assertThat(VISITS.get()).as("entries visited for the first page").isLessThanOrEqualTo(bound(100));
    }

    @Test
    void aPageAfterACursorVisitsASearchAndThePage(TestReporter reporter) {
        PageCursor middle = new PageCursor(NOW.minusSeconds(N / 4), "E-0250000");
        VISITS.set(0);
        List<OverdueIndex.Key> page = index.page(NOW, Optional.of(middle), 100, k -> true);

        assertThat(page).hasSize(101);
        assertThat(page.get(0).id()).isEqualTo("E-0250001");
        reporter.publishEntry("visits.afterCursor", Long.toString(VISITS.get()));
        System.out.println("overdue index, 1,000,000 entries: page of 100 after a cursor visited " + VISITS.get());
        assertThat(VISITS.get()).as("entries visited after a cursor").isLessThanOrEqualTo(bound(100));
    }

    @Test
    void theWalkStopsAtTheFirstEntryNotYetOverdue() {
        PageCursor nearTheEnd = new PageCursor(NOW.minusSeconds(10), "E-0499990");
        VISITS.set(0);
        List<OverdueIndex.Key> page = index.page(NOW, Optional.of(nearTheEnd), 100, k -> true);

        // 499,991 … 500,000 (since = NOW) are overdue: "not after now"; 500,001 is not and ends the walk
        assertThat(page).extracting(OverdueIndex.Key::id).hasSize(10).endsWith("E-0500000");
        assertThat(VISITS.get()).isLessThanOrEqualTo(bound(100));
    }
}
