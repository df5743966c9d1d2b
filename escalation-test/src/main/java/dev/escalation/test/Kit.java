package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/** What the store contracts share: unique ids, writes through the unit of work, paging and the change feed. */
final class Kit {

    private Kit() {}

    /**
     * A prefix unique to one test instance, so a shared backend never mixes data of two tests.
     *
     * @param letter the contract's letter
     * @return the prefix
     */
    static String run(String letter) {
        return letter + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
    }

    /** Creates the escalation of {@code write} and returns it as written. */
    static StoredEscalation create(EscalationStore store, EscalationWrite write) {
        store.create(write);
        return write.next();
    }

    /**
     * Changes an escalation through {@link EscalationStore#changeForVendor} with the write {@code decide} builds from
     * the version the store hands to the unit of work; returns that write.
     */
    static EscalationWrite change(
            EscalationStore store, EscalationId id, Function<StoredEscalation, EscalationWrite> decide) {
        Optional<EscalationWrite> written = store.changeForVendor(id, current -> {
            EscalationWrite w = decide.apply(current);
            return UnitOfWork.Decision.write(w, w);
        });
        return written.orElseThrow(() -> new AssertionError(broken(
                "S1",
                "changeForVendor(" + id + ") found no escalation although it was created",
                "that changeForVendor loads the escalation by id")));
    }

    /** Reads all entries of an escalation through {@link EscalationStore#entriesForVendor}, in pages of {@code size}. */
    static List<StoredEntry> entries(EscalationStore store, EscalationId id, int size) {
        List<StoredEntry> all = new ArrayList<>();
        long after = 0;
        for (int pages = 0; pages < 100_000; pages++) {
            List<StoredEntry> page = store.entriesForVendor(id, after, size);
            if (page.isEmpty()) {
                return all;
            }
            all.addAll(page);
            // the highest sequence read, so that a page out of order cannot make the reading go round in circles
            after = Math.max(
                    after, page.stream().mapToLong(StoredEntry::sequence).max().orElse(after));
            if (page.size() < size) {
                return all;
            }
        }
        throw new AssertionError("entriesForVendor did not come to an end");
    }

    /**
     * Follows the cursors of a paged query to the end, checking that a page never exceeds its size and that a page
     * named as next holds something (next is empty on the last page).
     */
    static <T> List<T> all(Function<PageRequest, Page<T>> query, int size, String rule) {
        List<T> items = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        Set<PageCursor> seen = new HashSet<>();
        do {
            Page<T> page = query.apply(new PageRequest(cursor, size));
            assertThat(page.items().size())
                    .as(broken(rule, "a page holds more items than its size " + size, "the LIMIT of the query"))
                    .isLessThanOrEqualTo(size);
            if (cursor.isPresent() && page.items().isEmpty()) {
                throw new AssertionError(broken(
                        rule,
                        "a page named a next page that holds nothing (the cursor " + cursor.get() + ")",
                        "that next is empty on the last page: read one item more than the page to tell"));
            }
            items.addAll(page.items());
            cursor = page.next();
            if (cursor.isPresent() && !seen.add(cursor.get())) {
                throw new AssertionError(broken(
                        rule,
                        "paging returned the same cursor twice " + cursor.get(),
                        "that the cursor names the last item of the page"));
            }
            assertThat(seen.size())
                    .as(broken(rule, "paging does not come to an end", "that the cursor advances"))
                    .isLessThan(100_000);
        } while (cursor.isPresent());
        return items;
    }

    /** What one read of the change feed to its current end returned. */
    record Feed(List<Change> changes, String cursor) {}

    /** Reads the change feed from {@code cursor} until a batch comes back empty. */
    static Feed feed(EscalationStore store, String cursor, int limit) {
        List<Change> changes = new ArrayList<>();
        String at = cursor;
        for (int batches = 0; batches < 100_000; batches++) {
            ChangeBatch batch = store.changesSince(at, limit);
            assertThat(batch.changes().size())
                    .as(broken("S19", "changesSince returned more changes than its limit " + limit, "the LIMIT"))
                    .isLessThanOrEqualTo(limit);
            if (batch.changes().isEmpty()) {
                return new Feed(changes, batch.cursor());
            }
            changes.addAll(batch.changes());
            at = batch.cursor();
        }
        throw new AssertionError("the change feed did not come to an end");
    }

    /**
     * Reads the change feed from {@code cursor} until {@code done} holds for what was read (a change may appear some
     * time after its commit) or {@code patience} ran out; returns what was read.
     */
    static Feed feedUntil(
            EscalationStore store, String cursor, int limit, Predicate<List<Change>> done, Duration patience) {
        List<Change> changes = new ArrayList<>();
        String at = cursor;
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = 1;
        while (true) {
            Feed f = feed(store, at, limit);
            changes.addAll(f.changes());
            at = f.cursor();
            if (done.test(changes) || System.nanoTime() > deadline) {
                return new Feed(changes, at);
            }
            try {
                Thread.sleep(pause); // only while a change the contract committed has not appeared yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Feed(changes, at);
            }
            pause = Math.min(pause * 2, 100);
        }
    }

    /** The change a write produces in the feed. */
    static Change changeOf(StoredEscalation written) {
        return new Change(written.id(), written.customer(), written.version(), written.state(), written.updatedAt());
    }

    /**
     * Names the record components in which two values differ, one level deep (for failure messages).
     *
     * @return e.g. {@code "[facts, plan]"}, or an empty list
     */
    static List<String> differences(Object expected, Object actual) {
        List<String> names = new ArrayList<>();
        if (expected == null
                || actual == null
                || !expected.getClass().isRecord()
                || expected.getClass() != actual.getClass()) {
            if (!Objects.equals(expected, actual)) {
                names.add("the value");
            }
            return names;
        }
        for (RecordComponent c : expected.getClass().getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(expected);
                Object b = c.getAccessor().invoke(actual);
                if (!Objects.equals(a, b)) {
                    names.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                names.add(c.getName() + " (unreadable)");
            }
        }
        return names;
    }

    /** An exception a unit of work throws on purpose; a store must rethrow it unchanged. */
    static final class DecideFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DecideFailed(String message) {
            super(message);
        }
    }

    /** {@code at} minus one unit of a precision (the latest instant a store of that precision keeps before it). */
    static Instant justBefore(Instant at, java.time.temporal.ChronoUnit precision) {
        return at.minus(1, precision);
    }
}
