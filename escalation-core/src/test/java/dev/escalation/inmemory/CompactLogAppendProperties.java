package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.StoredEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of {@link CompactLog#append}: an entry linked to the very string of the hash before it (or of the
 * tail the caller read) is written as following its predecessor without comparing digits; the bytes and the entries
 * read back are those of appending the same entries one by one with {@link CompactLog#add}, which compares digits.
 * Links are drawn from a small alphabet of hashes, as the same instance, an equal copy, the genesis hash or another
 * hash; some entries have no link and some are out of place (kept as written).
 */
class CompactLogAppendProperties {
    private static final Instant T0 = Instant.parse("2027-01-12T09:00:00.5Z");
    private static final String ZEROS = "0".repeat(64);

    /** How an entry's previous hash relates to the hash of the entry before it. */
    enum Link {
        SAME_INSTANCE,
        EQUAL_COPY,
        GENESIS,
        OTHER,
        NONE,
        OUT_OF_PLACE
    }

    @Provide
    Arbitrary<List<Link>> links() {
        return Arbitraries.of(Link.class).list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<Integer>> batches() {
        return Arbitraries.integers().between(1, 4).list().ofMinSize(1).ofMaxSize(10);
    }

    private static String hash(int seed) {
        StringBuilder b = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            b.append("0123456789abcdef".charAt((seed * 7 + i * (seed % 5 + 1)) & 15));
        }
        return b.toString();
    }

    @Property(tries = 2000)
    void appendingInBatchesWithATailWritesWhatAddingOneByOneWrites(
            @ForAll("links") List<Link> links, @ForAll("batches") List<Integer> batches, @ForAll boolean tailAsCopy) {
        List<StoredEntry> entries = new ArrayList<>();
        String before = null; // the hash string of the entry before, if it has a link
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            long sequence = link == Link.OUT_OF_PLACE ? i + 7 : i + 1;
            Optional<ChainLink> chain;
            if (link == Link.NONE) {
                chain = Optional.empty();
            } else {
                String previous = switch (link) {
                    case SAME_INSTANCE -> before != null ? before : ZEROS;
                    case EQUAL_COPY -> before != null ? new String(before) : hash(i + 50);
                    case GENESIS -> new String(ZEROS);
                    default -> hash(i % 3 + 90);
                };
                chain = Optional.of(new ChainLink(hash(i % 4), previous));
            }
            StoredEntry e = new StoredEntry(
                    sequence,
                    T0.plusSeconds(i),
                    ProgressKind.NOTE,
                    new ActorRef(ActorRef.Kind.STAFF, "eve"),
                    Visibility.INTERNAL,
                    Optional.of("text " + i),
                    Map.of("audit.text", new EntryParam.Ref(hash(i + 20))),
                    chain);
            entries.add(e);
            before = chain.map(ChainLink::hash).orElse(null);
        }
        Interner interner = new Interner();
        CompactLog oneByOne = new CompactLog(interner);
        for (StoredEntry e : entries) {
            oneByOne.add(e);
        }
        CompactLog batched = new CompactLog(interner);
        int from = 0;
        for (int b = 0; from < entries.size(); b++) {
            int to = Math.min(entries.size(), from + batches.get(b % batches.size()));
            // the tail a slot passes: the last hash's string when the log holds it as the last entry's own hash
            @Nullable String tail = null;
            if (from > 0 && batched.lastHashAt() >= 0) {
                String last = entries.get(from - 1).chain().orElseThrow().hash();
                tail = tailAsCopy ? new String(last) : last;
            }
            batched.append(entries.subList(from, to), tail);
            from = to;
        }
        assertThat(batched.data()).isEqualTo(oneByOne.data());
        assertThat(batched).containsExactlyElementsOf(entries);
        assertThat(oneByOne).containsExactlyElementsOf(entries);
    }
}
