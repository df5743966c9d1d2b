package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.EscalationNotFoundException;
import dev.escalation.InvalidCommandException;
import dev.escalation.TimelineEntry;
import dev.escalation.command.LogProgress;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.test.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer's timeline shows only customer-visible entries; cursors past the end or from elsewhere. */
class TimelineTest {
    private static final int PAGE = 10;

    private final Scenario w = Cast.world();

    /** An active escalation (three entries) with progress logged until its log is three pages long. */
    private EscalationId longLog() {
        EscalationId id = Cast.active(w);
        for (int i = 4; i <= 3 * PAGE; i++) {
            Visibility v = i % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER;
            w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "entry " + i, v));
        }
        assertThat(Cast.stored(w, id).facts().entryCount()).isEqualTo(3L * PAGE);
        return id;
    }

    private List<Page<TimelineEntry>> pages(Actor actor, EscalationId id) {
        List<Page<TimelineEntry>> pages = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<TimelineEntry> page = w.engine().timeline(actor, id, request);
            pages.add(page);
            if (page.next().isEmpty()) {
                return pages;
            }
            request = PageRequest.after(page.next().get(), PAGE);
        }
    }

    @Test
    void customersPageThroughTheirVisibleEntriesOnly() {
        EscalationId id = longLog();

        List<TimelineEntry> all =
                pages(INA, id).stream().flatMap(p -> p.items().stream()).toList();

        assertThat(all).allSatisfy(e -> assertThat(e.visibility()).isEqualTo(Visibility.CUSTOMER));
        // 3 lifecycle entries and the 27 updates without every third
        assertThat(all).hasSize(3 + 27 - 9);
        assertThat(all).extracting(TimelineEntry::sequence).isSorted().doesNotHaveDuplicates();
        assertThatThrownBy(() -> w.engine().timeline(GIL, id, PageRequest.first(PAGE)))
                .isInstanceOf(EscalationNotFoundException.class);
    }

    @Test
    void aPageAfterTheLastEntryIsEmptyAndAForeignCursorIsRefused() {
        EscalationId id = Cast.active(w);

        Page<TimelineEntry> page = w.engine().timeline(EVE, id, PageRequest.first(3));
        assertThat(page.items()).hasSize(3);
        assertThat(page.next()).isEmpty();
        assertThat(w.engine()
                        .timeline(EVE, id, PageRequest.after(new PageCursor(Instant.EPOCH, "3"), 3))
                        .items())
                .isEmpty();
        assertThatThrownBy(() ->
                        w.engine().timeline(EVE, id, PageRequest.after(new PageCursor(Instant.EPOCH, "E-1"), 3)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("page.Cursor"));
    }

    private static List<Long> sequences(long from, long to) {
        List<Long> result = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            result.add(i);
        }
        return result;
    }
}
