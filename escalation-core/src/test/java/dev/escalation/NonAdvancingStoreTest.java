package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.PortalMessages;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stores whose paging does not move on: the listing's cursor is ignored (the first page comes back, with a next cursor
 * every time), the log's {@code after} is, or the change feed's cursors come round again. Such a store breaks its
 * contract (rules S7, S8 and S2 of the kit); the engine's own loops over its pages must still end, and not grow a list
 * until the memory runs out.
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

    /**
     * A host follows the timeline page by page until no next cursor comes (as the portal does): on a store that hands
     * back the log from its start for every {@code after}, to staff and to the customer's contact alike, the pages end,
     * give no entry twice, and go forward: the first page of 10, the one entry after it that the next read holds, and
     * an empty last page.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sam", "ina"})
    void theTimelineFollowedToItsEndEndsOnALogWhoseAfterIsIgnored(String who) {
        World w = new World(b -> {}, logFromTheStartEveryTime(memory));
        EscalationId id = w.active();
        for (int i = 0; i < 30; i++) {
            w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "note " + i, Visibility.CUSTOMER));
        }
        Actor actor = who.equals("sam") ? SAM : INA;

        List<Long> read = assertTimeoutPreemptively(BOUND, () -> {
            List<Long> sequences = new ArrayList<>();
            PageRequest page = PageRequest.first(10);
            while (true) {
                Page<TimelineEntry> p = w.engine.timeline(actor, id, page);
                p.items().forEach(e -> sequences.add(e.sequence()));
                if (p.next().isEmpty()) {
                    return sequences;
                }
                page = PageRequest.after(p.next().get(), 10);
            }
        });

        assertThat(read)
                .as("the first page, one entry more, then the end")
                .hasSize(11)
                .isSorted()
                .doesNotHaveDuplicates();
    }

    /** One of the engine's paged reads, as a host calls it. */
    private interface PagedRead {
        Page<?> read(World w, PageRequest page);
    }

    private static Stream<Arguments> pagedReads() {
        return Stream.of(
                Arguments.of(
                        "inbox", (PagedRead) (w, p) -> w.engine.operations().inbox(SAM, Set.of(), p)),
                Arguments.of("desk query", (PagedRead)
                        (w, p) -> w.engine.operations().inbox(SAM, DeskQuery.all(), p)),
                Arguments.of(
                        "overdue", (PagedRead) (w, p) -> w.engine.operations().overdue(SAM, p)),
                Arguments.of("customer's list", (PagedRead)
                        (w, p) -> w.engine.escalationsOfCustomer(INA, CustomerQuery.all(), p)),
                Arguments.of("portal messages", (PagedRead) (w, p) -> w.engine.messagesFor(INA, p)),
                Arguments.of("dead letters", (PagedRead)
                        (w, p) -> w.engine.operations().deadLetters(SAM, p)));
    }

    /**
     * A host follows a paged read until no next cursor comes: on a store whose every paged read (its listings, its
     * queries, its portal messages) ignores the cursor and hands back the first page, the pages end after the first,
     * and give no row twice. Each read has three rows to give (three active escalations, their meetings missed, and
     * a portal message about each; every e-mail about them dead-lettered).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pagedReads")
    void pagesFollowedToTheirEndEndOnAStoreThatIgnoresCursors(String name, PagedRead read) {
        InMemoryPortalMessages portal = new InMemoryPortalMessages();
        World w = new World(
                b -> b.portalMessages((PortalMessages) cursorsIgnored(portal, PortalMessages.class)),
                (EscalationStore) cursorsIgnored(memory, EscalationStore.class),
                List.of(n -> {
                    throw new PermanentDeliveryException("no such mailbox", null);
                }));
        for (EscalationId id :
                List.of(w.active(), w.active(w.escalatedOnNewCase("P-1")), w.active(w.escalatedOnNewCase("P-2")))) {
            portal.store(TestRecords.messageToIna(id, w.clock.instant()));
        }
        w.clock.advance(Duration.ofDays(30));
        w.engine.deliverPending();

        List<Object> rows = assertTimeoutPreemptively(BOUND, () -> {
            List<Object> all = new ArrayList<>();
            PageRequest page = PageRequest.first(1);
            while (true) {
                Page<?> p = read.read(w, page);
                all.addAll(p.items());
                if (p.next().isEmpty()) {
                    return all;
                }
                page = PageRequest.after(p.next().get(), 1);
            }
        });

        assertThat(rows).as("the first page, once").hasSize(1);
    }

    /**
     * {@code target}, whose calls get the first page of the size asked for instead of the page asked for; the port's
     * facets ({@code queries()}, {@code portalMessages()}, ...) are wrapped the same way.
     */
    private static Object cursorsIgnored(Object target, Class<?> port) {
        return Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (p, m, args) -> {
            Object[] a = args == null ? null : args.clone();
            for (int i = 0; a != null && i < a.length; i++) {
                if (a[i] instanceof PageRequest r) {
                    a[i] = PageRequest.first(r.size());
                }
            }
            Object result;
            try {
                result = m.invoke(target, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            Type type = m.getGenericReturnType();
            if (result instanceof Optional<?> o && type instanceof ParameterizedType t) { // queries(), retention(), ...
                return o.map(x -> facet(x, t.getActualTypeArguments()[0]));
            }
            return result == null ? null : facet(result, type);
        });
    }

    /** {@code value} wrapped by {@link #cursorsIgnored} if {@code type} is a port of the SPI. */
    private static Object facet(Object value, Type type) {
        return type instanceof Class<?> c
                        && c.isInterface()
                        && c.getPackageName().equals("dev.escalation.spi")
                ? cursorsIgnored(value, c)
                : value;
    }

    /**
     * A scheduled anchoring run follows the change feed while its batches come back full: on a feed whose full batches
     * hand back cursors that come round again (1: the same cursor; 2 and 3: a cycle), it ends, having anchored the
     * escalation the batches name.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void scheduledAnchoringEndsOnAFeedWhoseCursorsComeRoundAgain(int cycle) {
        InMemoryAuditAnchors anchors = new InMemoryAuditAnchors();
        AtomicInteger reads = new AtomicInteger();
        World w = new World(
                b -> b.auditTrail(new AuditSettings(new InMemorySubjectKeys(), anchors, AuditTrailTest.KEYS)),
                feedGoingRound(memory, cycle, reads));
        EscalationId id = w.active();
        w.engine.operations().audit().scheduleAnchoring(SAM, Duration.ofDays(1));

        assertTimeoutPreemptively(BOUND, () -> w.engine.operations().runScheduled());

        assertThat(reads.get()).as("batches read before the cursor came round").isEqualTo(cycle + 1);
        assertThat(anchors.latest(id)).isPresent();
    }

    /**
     * For every cursor, a full batch (500 copies of the store's first change) whose cursor is the next of {@code cycle}
     * cursors, round and round.
     */
    private static EscalationStore feedGoingRound(EscalationStore store, int cycle, AtomicInteger reads) {
        return StoreProxies.proxy(store, (m, args) -> {
            if (!m.getName().equals("changesSince")) {
                return null;
            }
            Change first = store.changesSince(ChangeBatch.START, 1).changes().get(0);
            int n = reads.getAndIncrement();
            return new ChangeBatch(Collections.nCopies(500, first), "cursor-" + n % cycle);
        });
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

    /** The log from its first entry for every {@code after}, to staff and to contacts. */
    private static EscalationStore logFromTheStartEveryTime(EscalationStore store) {
        return StoreProxies.proxy(store, (m, args) -> switch (m.getName()) {
            case "entriesForVendor" -> store.entriesForVendor((EscalationId) args[0], 0, (Integer) args[2]);
            case "entriesForCustomer" ->
                store.entriesForCustomer((CustomerId) args[0], (EscalationId) args[1], 0, (Integer) args[3]);
            default -> null;
        });
    }
}
