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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Assertions;

/**
 * {@link LiveIndex} splits the outbox's walk index into lists by thread; its iterator must still yield exactly the
 * entries held, each once, in sequence order, as one list by sequence did, and its unordered walk and size must see
 * the same entries. Checked after random adds (to chosen lists, sequences taken in blocks as writes take them) and
 * removals.
 */
class LiveIndexProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final EscalationId E1 = EscalationId.of("E-1");

    /** One step: add {@code count} entries to list {@code stripe}, or remove the held entry at {@code pick}. */
    record Op(boolean add, int stripe, int count, int pick) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> add = Arbitraries.integers()
                .between(0, LiveIndex.STRIPES - 1)
                .flatMap(s -> Arbitraries.integers().between(1, 5).map(c -> new Op(true, s, c, 0)));
        Arbitrary<Op> remove = Arbitraries.integers().between(0, 1000).map(p -> new Op(false, 0, 0, p));
        return Arbitraries.frequencyOf(Tuple.of(3, add), Tuple.of(2, remove))
                .list()
                .ofMaxSize(60);
    }

    @Property(tries = 1000)
    void iteratesTheHeldEntriesOnceInSequenceOrder(@ForAll("ops") List<Op> ops) {
        LiveIndex live = new LiveIndex();
        OutboxEntry.Box box = new OutboxEntry.Box(E1);
        List<OutboxEntry> held = new ArrayList<>();
        long sequence = 0;
        for (Op op : ops) {
            if (op.add()) {
                for (int k = 0; k < op.count(); k++) {
                    OutboxEntry e = new OutboxEntry(++sequence, message((int) sequence), box, live.stripe(op.stripe()));
                    live.add(e);
                    held.add(e);
                }
            } else if (!held.isEmpty()) {
                live.remove(held.remove(op.pick() % held.size()));
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

    private static OutboxMessage message(int n) {
        String key = "E-1-u" + n;
        return OutboxMessage.pending(
                MessageId.of("m-" + key),
                CustomerId.of("acme"),
                new TicketCommand.PostUpdate(key, E1, "update " + n, Visibility.INTERNAL),
                T0);
    }
}
