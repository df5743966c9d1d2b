package dev.escalation.inmemory;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * An append-only sequence shared by threads without a lock on the append path (a new chunk every {@value #CHUNK}
 * elements is created under the monitor): a position is reserved first, then its element is set, so a reader can see
 * a reserved position still empty for a moment. One reference per element, no map node or boxed position: what the
 * change feed and the metric rows keep of every write.
 *
 * @param <T> the element type
 */
final class AppendLog<T> {

    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;

    private final AtomicLong size = new AtomicLong();
    /** Chunk {@code c} holds positions {@code c * CHUNK + 1 … (c + 1) * CHUNK}; replaced (grown) under the monitor. */
    private volatile AtomicReferenceArray<?>[] chunks = new AtomicReferenceArray<?>[16];

    /** Appends {@code element}; returns its position (1-based). */
    long append(T element) {
        long position = size.incrementAndGet();
        chunkOf(position, true).set(slotOf(position), element);
        return position;
    }

    /** How many positions are reserved (some may still be empty for a moment). */
    long size() {
        return size.get();
    }

    /** The element at {@code position} (1-based), or null if it is not set yet or beyond the end. */
    T get(long position) {
        if (position < 1 || position > size.get()) {
            return null;
        }
        AtomicReferenceArray<T> chunk = chunkOf(position, false);
        return chunk == null ? null : chunk.get(slotOf(position));
    }

    /** Calls {@code action} for every element set, in order of position. */
    void forEach(Consumer<? super T> action) {
        long end = size.get();
        for (long p = 1; p <= end; p++) {
            T element = get(p);
            if (element != null) {
                action.accept(element);
            }
        }
    }

    private static int slotOf(long position) {
        return (int) ((position - 1) & (CHUNK - 1));
    }

    /** The chunk of a position; created if {@code create}, else null when it does not exist yet. */
    @SuppressWarnings("unchecked")
    private AtomicReferenceArray<T> chunkOf(long position, boolean create) {
        long c = (position - 1) >>> SHIFT;
        AtomicReferenceArray<?>[] dir = chunks;
        if (c < dir.length && dir[(int) c] != null) {
            return (AtomicReferenceArray<T>) dir[(int) c];
        }
        if (!create) {
            return null;
        }
        synchronized (this) {
            dir = chunks;
            if (c >= dir.length) {
                dir = Arrays.copyOf(dir, (int) Math.max(dir.length * 2L, c + 1));
            }
            if (dir[(int) c] == null) {
                dir[(int) c] = new AtomicReferenceArray<T>(CHUNK);
            }
            chunks = dir; // publishes the new chunk (its array is a final field: safely published anyway)
            return (AtomicReferenceArray<T>) dir[(int) c];
        }
    }
}
