package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Stores whose paging does not move on: the listing's cursor is ignored (the first page comes back, with a next cursor
 * every time), or the log's {@code after} is. Such a store breaks its contract (rules S7, S8 and S2 of the kit); the
 * engine's own loops over its pages must still end, and not grow a list until the memory runs out.
 */
class NonAdvancingStoreTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private final InMemoryEscalationStore memory = new InMemoryEscalationStore();

    /** {@code recordCalendarChange} lists the running escalations page by page: it records each once and ends. */
    @Test
    void aCalendarChangeEndsOnAListingWhoseCursorDoesNotMoveOn() {
        World w = new World(b -> {}, listingFromTheStartEveryTime(memory));
        EscalationId first = w.active();
        EscalationId second = w.escalatedOnNewCase("P-1");

        List<EscalationId> recorded = assertTimeoutPreemptively(
                BOUND, () -> w.engine.operations().recordCalendarChange(SAM, "company holiday"));

        assertThat(recorded).containsExactlyInAnyOrder(first, second);
    }

    /**
     * {@code verify} reads the whole log page by page (500 entries a page): on a store that hands back the first page
     * for every {@code after}, it ends and reports the repetition as a gap in the sequence.
     */
    @Test
    void verificationEndsOnALogWhoseAfterIsIgnored() {
        World w = new World(
                b -> b.auditTrail(
                        new AuditSettings(new InMemorySubjectKeys(), new InMemoryAuditAnchors(), AuditTrailTest.KEYS)),
                logFromTheStartEveryTime(memory));
        EscalationId id = w.active();
        for (int i = 0; i < 500; i++) {
            w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "note " + i, Visibility.INTERNAL));
        }

        AuditVerification v = assertTimeoutPreemptively(
                BOUND, () -> w.engine.operations().audit().verify(SAM, id));

        assertThat(v.intact()).isFalse();
        assertThat(v.problem())
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(AuditVerification.Reason.SEQUENCE_GAP));
    }

    /** The first page of the listing for every request, with a next cursor (its last row's) every time. */
    private static EscalationStore listingFromTheStartEveryTime(EscalationStore store) {
        return StoreProxies.proxy(store, (m, args) -> {
            if (!m.getName().equals("listForVendor")) {
                return null;
            }
            @SuppressWarnings("unchecked")
            Set<EscalationState> states = (Set<EscalationState>) args[0];
            PageRequest asked = (PageRequest) args[1];
            Page<EscalationSummary> first = store.listForVendor(states, PageRequest.first(asked.size()));
            if (first.items().isEmpty()) {
                return first;
            }
            EscalationSummary last = first.items().get(first.items().size() - 1);
            return new Page<>(
                    first.items(),
                    Optional.of(new PageCursor(last.raisedAt(), last.id().value())));
        });
    }

    /** The log from its first entry for every {@code after}. */
    private static EscalationStore logFromTheStartEveryTime(EscalationStore store) {
        return StoreProxies.proxy(
                store,
                (m, args) -> m.getName().equals("entriesForVendor")
                        ? store.entriesForVendor((EscalationId) args[0], 0, (Integer) args[2])
                        : null);
    }
}
