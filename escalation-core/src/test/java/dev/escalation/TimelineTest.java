package dev.escalation;

import static dev.escalation.World.EVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.LogProgress;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timeline is read from the store page by page (keyset by sequence), never as a whole log: one store read per
 * page, seen through {@link RecordingStore}. The rest of the timeline's behaviour is tested through the public API in
 * escalation-test's {@code dev.escalation.test.engine.TimelineTest}.
 */
class TimelineTest {
    private static final int PAGE = 10;

    private final World w = new World();

    /** An active escalation (three entries) with progress logged until its log is three pages long. */
    private EscalationId longLog() {
        EscalationId id = w.active();
        for (int i = 4; i <= 3 * PAGE; i++) {
            Visibility v = i % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER;
            w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "entry " + i, v));
        }
        assertThat(w.stored(id).facts().entryCount()).isEqualTo(3L * PAGE);
        return id;
    }

    private List<Page<TimelineEntry>> pages(Actor actor, EscalationId id) {
        List<Page<TimelineEntry>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<TimelineEntry> page = w.engine.timeline(actor, id, request);
            pages.add(page);
            if (page.next().isEmpty()) {
                return pages;
            }
            request = PageRequest.after(page.next().get(), PAGE);
        }
    }

    @Test
    void staffPageThroughALogThreeTimesThePageSizeOneStoreReadPerPage() {
        EscalationId id = longLog();
        w.recording.reset();

        List<Page<TimelineEntry>> pages = pages(EVE, id);

        assertThat(pages).hasSize(3).allSatisfy(p -> assertThat(p.items()).hasSize(PAGE));
        List<TimelineEntry> all =
                pages.stream().flatMap(p -> p.items().stream()).toList();
        assertThat(all).extracting(TimelineEntry::sequence).containsExactlyElementsOf(sequences(1, 3 * PAGE));
        assertThat(all.get(0).kind()).isEqualTo(ProgressKind.ESCALATED);
        assertThat(all.get(3 * PAGE - 1).text()).contains("entry " + 3 * PAGE);
        assertThat(w.recording.calls("entriesForVendor")).isEqualTo(3);
        assertThat(w.recording.logReadLimits).containsOnly(PAGE + 1);
    }

    /**
     * A timeline cursor names the sequence the page continues after: {@code "0"} reads from the first entry, as no
     * cursor does; a negative sequence, one that is no number, or another spelling of a number than the one the engine
     * issues ({@code +3}, {@code 03}) is refused as the page's cursor.
     */
    @Test
    void aCursorOfSequenceZeroReadsFromTheFirstEntryAndANegativeOneIsRefused() {
        EscalationId id = longLog();
        java.time.Instant at = w.clock.instant();

        Page<TimelineEntry> fromZero =
                w.engine.timeline(EVE, id, PageRequest.after(new dev.escalation.model.PageCursor(at, "0"), PAGE));

        assertThat(fromZero.items()).extracting(TimelineEntry::sequence).containsExactlyElementsOf(sequences(1, PAGE));
        for (String bad : List.of("-1", "x", "", "9223372036854775808", "+3", "03", "-0", "３")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.engine.timeline(
                            EVE, id, PageRequest.after(new dev.escalation.model.PageCursor(at, bad), PAGE)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(InvalidCommandException.Violation::field)
                                    .containsExactly("page"));
        }
    }

    private static List<Long> sequences(long from, long to) {
        List<Long> result = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            result.add(i);
        }
        return result;
    }
}
