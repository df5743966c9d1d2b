package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.LogProgress;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Page cursors and change-feed cursors as a client may send them back: a cursor of another list (another escalation's
 * timeline, the desk's inbox in another sort order, the portal's messages, the dead letters), of another reader,
 * tampered (its instant moved a nanosecond or to {@code Instant.MIN/MAX}, its id cut, lengthened, base64 junk, an
 * SQL fragment, a bidi override, digits), and replayed after the data changed (an escalation withdrawn, another
 * raised): every list answers a page or refuses with an {@link EscalationException} other than {@code UNAVAILABLE},
 * never another exception; a change-feed cursor likewise ({@code cursor.Cursor} for one the store did not issue).
 * {@link HostileInputProperties} (escalation-test) draws arbitrary cursors for each list; this property feeds each
 * list the cursors the others really issued.
 */
class CursorTamperingProperties {
    private static final List<Actor> READERS = List.of(World.INA, World.GIL, World.SAM, World.EVE, World.DAN);

    private World w;
    private final List<EscalationId> ids = new ArrayList<>();

    /** The paged lists, each as its reader calls it. */
    private List<BiFunction<Actor, PageRequest, Page<?>>> lists() {
        List<BiFunction<Actor, PageRequest, Page<?>>> lists = new ArrayList<>(List.of(
                (a, p) -> w.engine.timeline(a, ids.get(0), p),
                (a, p) -> w.engine.timeline(a, ids.get(1), p),
                (a, p) -> w.engine.escalationsOfCustomer(a, CustomerQuery.all(), p),
                (a, p) -> w.engine.escalationsOfCustomer(a, CustomerQuery.open(), p),
                (a, p) -> w.engine.messagesFor(a, p),
                (a, p) -> w.engine.operations().inbox(a, EnumSet.allOf(EscalationState.class), p),
                (a, p) -> w.engine.operations().overdue(a, p),
                (a, p) -> w.engine.operations().deadLetters(a, p)));
        for (DeskQuery.Sort sort : DeskQuery.Sort.values()) {
            lists.add((a, p) -> w.engine.operations().inbox(a, DeskQuery.all().sortBy(sort), p));
            lists.add((a, p) ->
                    w.engine.operations().inbox(a, DeskQuery.open().mine().sortBy(sort), p));
        }
        return lists;
    }

    @Property(tries = 60)
    void aCursorOfAnotherListReaderOrTimeIsAnsweredOrRefused(
            @ForAll @IntRange(min = 0, max = 100) int from,
            @ForAll @IntRange(min = 0, max = 100) int to,
            @ForAll("tampering") int tampering,
            @ForAll boolean changeFirst,
            @ForAll @IntRange(min = 1, max = 500) int size) {
        world();
        List<BiFunction<Actor, PageRequest, Page<?>>> lists = lists();
        List<PageCursor> cursors = new ArrayList<>();
        for (Actor reader : READERS) {
            cursors.addAll(issued(lists.get(from % lists.size()), reader));
        }
        if (changeFirst) {
            change();
        }
        List<String> wrong = new ArrayList<>();
        BiFunction<Actor, PageRequest, Page<?>> list = lists.get(to % lists.size());
        for (PageCursor issued : cursors) {
            PageCursor c = tampered(issued, tampering);
            for (Actor reader : READERS) {
                try {
                    list.apply(reader, PageRequest.after(c, size));
                } catch (EscalationUnavailableException e) {
                    wrong.add(reader.id() + " " + c + ": " + e + " caused by " + e.getCause());
                } catch (EscalationException e) {
                    // refused: a stable code
                } catch (RuntimeException | Error e) {
                    wrong.add(reader.id() + " " + c + ": " + e);
                }
            }
        }
        assertThat(wrong)
                .as("list %d, cursors of list %d", to % lists.size(), from % lists.size())
                .isEmpty();
    }

    @Property(tries = 40)
    void aChangeFeedCursorTamperedOrReplayedIsAnsweredOrRefused(
            @ForAll("feedCursors") String junk,
            @ForAll boolean changeFirst,
            @ForAll @IntRange(min = 1, max = 3) int n) {
        world();
        ChangeFeed feed = w.engine.operations().changesSince(World.SAM, ChangeFeed.START, n);
        if (changeFirst) {
            change();
        }
        for (String cursor : List.of(junk, feed.cursor(), feed.cursor() + junk, junk + feed.cursor())) {
            for (Actor reader : READERS) {
                try {
                    w.engine.operations().changesSince(reader, cursor, n);
                } catch (InvalidCommandException e) {
                    assertThat(e.violations())
                            .extracting(InvalidCommandException.Violation::field)
                            .containsOnly("cursor");
                } catch (EscalationException e) {
                    assertThat(e).isNotInstanceOf(EscalationUnavailableException.class);
                }
            }
        }
    }

    /** Three escalations, progress, deliveries, due work a month on: every list has pages. */
    private void world() {
        w = new World(b -> b.slaPolicy(SlaFixtures.V1).portalMessages(new InMemoryPortalMessages()));
        ids.clear();
        ids.add(w.active());
        ids.add(w.escalatedOnNewCase("C-8"));
        ids.add(w.escalatedOnNewCase("C-9"));
        for (int i = 0; i < 3; i++) {
            w.engine.logProgress(
                    World.EVE,
                    new LogProgress(ids.get(0), LogProgress.Kind.STATUS_UPDATE, "update " + i, Visibility.CUSTOMER));
        }
        w.notifier.setAvailable(false);
        w.engine.deliverPending();
        w.clock.advance(Duration.ofDays(30));
        w.engine.deliverPending();
        w.notifier.setAvailable(true);
        w.engine.processDueWork();
    }

    /** The data change a replayed cursor meets. */
    private void change() {
        w.engine.withdraw(World.INA, new Withdraw(ids.get(2), "no longer needed"));
        w.escalatedOnNewCase("C-10");
        w.engine.deliverPending();
    }

    /** Every cursor the list gives this reader, page by page of one. */
    private static List<PageCursor> issued(BiFunction<Actor, PageRequest, Page<?>> list, Actor reader) {
        List<PageCursor> out = new ArrayList<>();
        try {
            Page<?> p = list.apply(reader, PageRequest.first(1));
            while (p.next().isPresent() && out.size() < 20) {
                out.add(p.next().get());
                p = list.apply(reader, PageRequest.after(p.next().get(), 1));
            }
        } catch (EscalationException e) {
            // this reader may not read this list
        }
        return out;
    }

    private static PageCursor tampered(PageCursor c, int how) {
        return switch (how) {
            case 0 -> c;
            case 1 -> new PageCursor(c.at().plusNanos(1), c.id());
            case 2 -> new PageCursor(c.at().minusNanos(1), c.id());
            case 3 -> new PageCursor(Instant.MIN, c.id());
            case 4 -> new PageCursor(Instant.MAX, c.id());
            case 5 -> new PageCursor(c.at(), c.id() + "x");
            case 6 -> new PageCursor(c.at(), c.id().substring(0, Math.max(1, c.id().length() - 1)));
            case 7 -> new PageCursor(c.at(), "eyJhdCI6MCwiaWQiOiJFLTEifQ==");
            case 8 -> new PageCursor(c.at(), "'; drop table escalation; --");
            case 9 -> new PageCursor(c.at(), c.id() + "\u202E");
            case 10 -> new PageCursor(c.at(), "9".repeat(128));
            default -> new PageCursor(c.at(), "E-\ud800");
        };
    }

    @Provide
    Arbitrary<Integer> tampering() {
        return Arbitraries.integers().between(0, 11);
    }

    @Provide
    Arbitrary<String> feedCursors() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "",
                        "0",
                        "-1",
                        "00",
                        "01",
                        "+1",
                        " 1",
                        "1 ",
                        "1e3",
                        "0x1",
                        "99999999999999999999",
                        "9223372036854775807",
                        "AAAA",
                        "eyJzIjoxfQ==",
                        "\u0661",
                        "\uff11",
                        "1\u0000",
                        "\u202E1",
                        "x".repeat(512),
                        "x".repeat(513),
                        "\ud800"),
                Arbitraries.strings().ofMaxLength(40));
    }
}
