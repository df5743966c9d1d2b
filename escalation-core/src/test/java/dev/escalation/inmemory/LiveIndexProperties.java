package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assertions;

/**
 * {@link LiveIndex} splits the outbox's walk index into lists by thread; its iterator must still yield exactly the
 * entries held, each once, in sequence order, as one list by sequence did, and its unordered walk and size must see
 * the same entries. Checked after random adds (to chosen lists, sequences taken in blocks as writes take them, and
 * linked in another order than taken, as two threads sharing a list do) and removals (one by one, and a batch in one
 * call); and with a walk running while another thread adds and removes entries: the walk's sequences rise, and it
 * sees every entry held throughout.
 */
class LiveIndexProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final EscalationId E1 = EscalationId.of("E-1");

    /**
     * One step: take a block of {@code count} sequences for list {@code stripe} and link it now, or keep it to link
     * later ({@code late}: a write of another thread on the same list linked first); or link the kept block at
     * {@code pick}; or remove the held entry at {@code pick}, or {@code count} held entries in one call.
     */
    record Op(Kind kind, int stripe, int count, int pick, boolean late) {}

    enum Kind {
        ADD,
        LINK_LATE,
        REMOVE,
        REMOVE_ALL
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> add = Combinators.combine(
                        Arbitraries.integers().between(0, LiveIndex.STRIPES - 1),
                        Arbitraries.integers().between(1, 5),
                        Arbitraries.of(true, false, false))
                .as((s, c, late) -> new Op(Kind.ADD, s, c, 0, late));
        Arbitrary<Op> link = Arbitraries.integers().between(0, 1000).map(p -> new Op(Kind.LINK_LATE, 0, 0, p, false));
        Arbitrary<Op> remove = Arbitraries.integers().between(0, 1000).map(p -> new Op(Kind.REMOVE, 0, 0, p, false));
        Arbitrary<Op> removeAll =
                Arbitraries.integers().between(1, 8).map(c -> new Op(Kind.REMOVE_ALL, 0, c, 0, false));
        return Arbitraries.frequencyOf(Tuple.of(3, add), Tuple.of(1, link), Tuple.of(2, remove), Tuple.of(1, removeAll))
                .list()
                .ofMaxSize(60);
    }

    @Property(tries = 1000)
    void iteratesTheHeldEntriesOnceInSequenceOrder(@ForAll("ops") List<Op> ops) {
        LiveIndex live = new LiveIndex();
        OutboxEntry.Box box = new OutboxEntry.Box(E1);
        List<OutboxEntry> held = new ArrayList<>();
        List<List<OutboxEntry>> kept = new ArrayList<>();
        long sequence = 0;
        for (Op op : ops) {
            switch (op.kind()) {
                case ADD -> {
                    List<OutboxEntry> block = new ArrayList<>();
                    for (int k = 0; k < op.count(); k++) {
                        block.add(new OutboxEntry(++sequence, message((int) sequence), box, live.stripe(op.stripe())));
                    }
                    if (op.late()) {
                        kept.add(block);
                    } else {
                        link(block, held);
                    }
                }
                case LINK_LATE -> {
                    if (!kept.isEmpty()) {
                        link(kept.remove(op.pick() % kept.size()), held);
                    }
                }
                case REMOVE -> {
                    if (!held.isEmpty()) {
                        live.remove(held.remove(op.pick() % held.size()));
                    }
                }
                case REMOVE_ALL -> {
                    int n = Math.min(op.count(), held.size());
                    OutboxEntry[] batch = new OutboxEntry[n + 1]; // one slot more: only the first n are removed
                    for (int k = 0; k < n; k++) {
                        batch[k] = held.remove(held.size() - 1 - (k % (held.size())));
                    }
                    batch[n] = held.isEmpty() ? null : held.get(0);
                    live.removeAll(batch, n);
                }
            }
        }
        held.sort(Comparator.comparingLong(e -> e.sequence));

        List<OutboxEntry> walked = new ArrayList<>();
        live.forEach(walked::add);
        assertThat(walked).containsExactlyElementsOf(held);
        List<OutboxEntry> unordered = new ArrayList<>();
        live.forEachUnordered(unordered::add);
        assertThat(unordered).containsExactlyInAnyOrderElementsOf(held);
        assertThat(live.size()).isEqualTo(held.size());
        Iterator<OutboxEntry> it = live.iterator();
        held.forEach(e -> it.next());
        assertThat(it.hasNext()).isFalse();
        Assertions.assertThrows(NoSuchElementException.class, it::next);
    }

    /** Links a block of entries to their list, as a write does (ascending sequences, one call). */
    private static void link(List<OutboxEntry> block, List<OutboxEntry> held) {
        block.get(0).home.addAll(block.toArray(new OutboxEntry[block.size() + 1]), block.size());
        held.addAll(block);
    }

    /**
     * A walk while another thread adds blocks (some linked late) and removes entries (one by one and in batches):
     * the walk yields strictly rising sequences, only entries that were added, and every entry linked before it
     * started and not removed until it ended.
     */
    @Property(tries = 1000)
    void aWalkDuringChangesRisesAndSeesEveryEntryHeldThroughout(
            @ForAll @IntRange(min = 0, max = 40) int before,
            @ForAll @IntRange(min = 0, max = 40) int changes,
            @ForAll long seed)
            throws Exception {
        java.util.Random random = new java.util.Random(seed);
        LiveIndex live = new LiveIndex();
        OutboxEntry.Box box = new OutboxEntry.Box(E1);
        long[] sequence = {0};
        List<OutboxEntry> stable = new ArrayList<>();
        List<OutboxEntry> removable = new ArrayList<>();
        for (int k = 0; k < before; k++) {
            OutboxEntry e = new OutboxEntry(
                    ++sequence[0], message((int) sequence[0]), box, live.stripe(random.nextInt(LiveIndex.STRIPES)));
            linkOne(e);
            (random.nextBoolean() ? stable : removable).add(e);
        }
        Set<OutboxEntry> universe = ConcurrentHashMap.newKeySet();
        universe.addAll(stable);
        universe.addAll(removable);
        CountDownLatch start = new CountDownLatch(1);
        Future<?> changer = POOL.submit(() -> {
            start.await();
            List<OutboxEntry> late = new ArrayList<>();
            for (int c = 0; c < changes; c++) {
                int what = random.nextInt(4);
                if (what == 0 || removable.isEmpty() && what != 3) {
                    OutboxEntry.Box b = box;
                    LiveNode.Lane lane = live.stripe(random.nextInt(2)); // two lists: late links meet earlier ones
                    OutboxEntry[] block = new OutboxEntry[1 + random.nextInt(3)];
                    for (int k = 0; k < block.length; k++) {
                        block[k] = new OutboxEntry(++sequence[0], message((int) sequence[0]), b, lane);
                        universe.add(block[k]);
                    }
                    if (random.nextBoolean()) {
                        lane.addAll(block, block.length);
                        removable.addAll(List.of(block));
                    } else {
                        late.addAll(List.of(block));
                    }
                } else if (what == 1) {
                    live.remove(removable.remove(random.nextInt(removable.size())));
                } else if (what == 2) {
                    int n = Math.min(1 + random.nextInt(4), removable.size());
                    OutboxEntry[] batch = new OutboxEntry[n];
                    for (int k = 0; k < n; k++) {
                        batch[k] = removable.remove(random.nextInt(removable.size()));
                    }
                    live.removeAll(batch, n);
                } else if (!late.isEmpty()) {
                    OutboxEntry e = late.remove(0);
                    linkOne(e);
                    removable.add(e);
                }
            }
            return null;
        });
        start.countDown();
        do { // walks again until the changes are done: most walks overlap some of them
            List<OutboxEntry> walked = new ArrayList<>();
            live.forEach(walked::add);
            for (int k = 1; k < walked.size(); k++) {
                assertThat(walked.get(k).sequence).isGreaterThan(walked.get(k - 1).sequence);
            }
            assertThat(universe).containsAll(walked);
            assertThat(walked).containsAll(stable);
        } while (!changer.isDone());
        changer.get(10, TimeUnit.SECONDS);

        List<OutboxEntry> after = new ArrayList<>();
        live.forEach(after::add);
        List<OutboxEntry> expected = new ArrayList<>(stable);
        expected.addAll(removable);
        expected.sort(Comparator.comparingLong(e -> e.sequence));
        assertThat(after).containsExactlyElementsOf(expected);
        assertThat(live.size()).isEqualTo(expected.size());
    }

    private static final ExecutorService POOL = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "live-index-changer");
        t.setDaemon(true);
        return t;
    });

    private static OutboxMessage message(int n) {
        String key = "E-1-u" + n;
        return OutboxMessage.pending(
                MessageId.of("m-" + key),
                CustomerId.of("acme"),
                new TicketCommand.PostUpdate(key, E1, "update " + n, Visibility.INTERNAL),
                T0);
    }

    /** Links one entry to its list, as a write of one message does. */
    private static void linkOne(OutboxEntry e) {
        e.home.addAll(new OutboxEntry[] {e}, 1);
    }
}
