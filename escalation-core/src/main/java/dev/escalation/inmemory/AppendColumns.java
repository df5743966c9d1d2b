package dev.escalation.inmemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Append-only rows kept column-wise (up to {@value #REFS} reference and {@value #LONGS} long columns, in chunks of
 * {@value #CHUNK} rows), shared by threads without a lock on the append path (a new chunk is created under the
 * monitor): a position is reserved first, then its columns are set and the row is published by a release store of
 * its first reference, so a reader (an acquire load of that reference) can see a reserved row still unpublished for a
 * moment, and sees every column of a published one. No object per row: what the change feed and the metric rows keep
 * of every write.
 */
final class AppendColumns {

    static final int REFS = 4;
    static final int LONGS = 3;
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

    /** One chunk: its columns (only those in use are allocated). */
    private static final class Chunk {
        final Object[][] refs;
        final long[][] longs;

        Chunk(int refColumns, int longColumns) {
            refs = new Object[refColumns][CHUNK];
            longs = new long[longColumns][CHUNK];
        }
    }

    private final int refColumns;
    private final int longColumns;
    private final AtomicLong size = new AtomicLong();
    /** Chunk {@code c} holds positions {@code c * CHUNK + 1 … (c + 1) * CHUNK}; replaced (grown) under the monitor. */
    private volatile Chunk[] chunks = new Chunk[16];

    AppendColumns(int refColumns, int longColumns) {
        if (refColumns < 1 || refColumns > REFS || longColumns < 0 || longColumns > LONGS) {
            throw new IllegalArgumentException("1.." + REFS + " reference and 0.." + LONGS + " long columns");
        }
        this.refColumns = refColumns;
        this.longColumns = longColumns;
    }

    /**
     * Appends a row; {@code r0} (not null) publishes it, columns beyond those in use are ignored.
     *
     * @return its position (1-based)
     */
    long append(Object r0, @Nullable Object r1, @Nullable Object r2, @Nullable Object r3, long l0, long l1, long l2) {
        long position = size.incrementAndGet();
        Chunk chunk = chunkOf(position, true);
        int slot = slotOf(position);
        long[][] longs = chunk.longs;
        if (longColumns > 0) {
            longs[0][slot] = l0;
        }
        if (longColumns > 1) {
            longs[1][slot] = l1;
        }
        if (longColumns > 2) {
            longs[2][slot] = l2;
        }
        Object[][] refs = chunk.refs;
        if (refColumns > 1) {
            refs[1][slot] = r1;
        }
        if (refColumns > 2) {
            refs[2][slot] = r2;
        }
        if (refColumns > 3) {
            refs[3][slot] = r3;
        }
        ELEMENT.setRelease(refs[0], slot, r0);
        return position;
    }

    /** How many positions are reserved (some may still be unpublished for a moment). */
    long size() {
        return size.get();
    }

    /**
     * Reads row {@code position} (1-based) into {@code refs} and {@code longs} (at least as long as the columns in
     * use); returns false, reading nothing, if it is not published yet or beyond the end.
     */
    boolean read(long position, Object[] refs, long[] longs) {
        if (position < 1 || position > size.get()) {
            return false;
        }
        Chunk chunk = chunkOf(position, false);
        if (chunk == null) {
            return false;
        }
        int slot = slotOf(position);
        Object first = ELEMENT.getAcquire(chunk.refs[0], slot);
        if (first == null) {
            return false;
        }
        refs[0] = first;
        for (int c = 1; c < refColumns; c++) {
            refs[c] = chunk.refs[c][slot];
        }
        for (int c = 0; c < longColumns; c++) {
            longs[c] = chunk.longs[c][slot];
        }
        return true;
    }

    private static int slotOf(long position) {
        return (int) ((position - 1) & (CHUNK - 1));
    }

    /** The chunk of a position; created if {@code create}, else null when it does not exist yet. */
    private @Nullable Chunk chunkOf(long position, boolean create) {
        long c = (position - 1) >>> SHIFT;
        Chunk[] dir = chunks;
        if (c < dir.length && dir[(int) c] != null) {
            return dir[(int) c];
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
                dir[(int) c] = new Chunk(refColumns, longColumns);
            }
            chunks = dir; // publishes the new chunk (its arrays are final fields: safely published anyway)
            return dir[(int) c];
        }
    }
}
