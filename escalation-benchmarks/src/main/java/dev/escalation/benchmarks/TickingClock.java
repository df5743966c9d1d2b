package dev.escalation.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Business time for the multi-threaded benchmarks: advances a fixed step on every read, like the test kit's ticking
 * {@code MutableClock}, but without a lock and without a write shared by the reading threads on every read.
 *
 * <p>Threads take the ticks in blocks of {@value #BLOCK} from one shared counter, the way a JVM thread takes heap in
 * thread-local buffers: a thread reads its own block's next tick and touches the shared counter once per block (one
 * atomic add) and otherwise only reads it (to drop a block that fell behind). So:
 *
 * <ul>
 *   <li>one thread reads exactly the ticks {@code start + tick, start + 2·tick, …}, as a clock adding one tick per read
 *       would;
 *   <li>no two reads on any threads return the same instant, and each thread's reads increase;
 *   <li>a thread's instant lags the latest tick handed out by at most two blocks ({@code 2·}{@value #BLOCK} ticks):
 *       when the others have taken more than one block since its own, the rest of its own is dropped; so reads on
 *       two threads are not ordered by when they happened, and a thread that must read later than every other read
 *       (the drain check at the end of an iteration) calls {@link #catchUp} first.
 * </ul>
 *
 * <p>Why blocks: one shared counter added to on every read (about 60 reads per lifecycle) made the benchmark's own
 * clock about 12 µs of a 2-thread lifecycle (round e16's knockouts): the two cores passed the counter's cache line
 * back and forth on every read. A host's {@code Clock.systemUTC()} shares no written state between its callers, so the
 * 2-thread figures should not carry that cost either; a clock per thread with no shared counter would, however, let two
 * threads' times drift apart without bound.
 */
public final class TickingClock extends Clock {
    /** Ticks a thread takes from the shared counter at once. */
    static final int BLOCK = 16;

    private final Ticks ticks;
    private final ZoneId zone;

    private TickingClock(Ticks ticks, ZoneId zone) {
        this.ticks = ticks;
        this.zone = zone;
    }

    /**
     * @param start the first instant (the first read returns {@code start + tick})
     * @param tick  the step per read
     * @return a new clock in UTC
     */
    public static TickingClock of(Instant start, Duration tick) {
        return new TickingClock(
                new Ticks(start.getEpochSecond() * 1_000_000_000L + start.getNano(), tick.toNanos()), ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new TickingClock(ticks, newZone);
    }

    @Override
    public Instant instant() {
        long n = ticks.next();
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    /**
     * Moves the calling thread past every instant read so far on any thread: its next read is later than all of them.
     * A thread's own block may lag the others' by up to two blocks (160 minutes at the benchmarks' 5-minute tick), so
     * a check at the end of an iteration that must find everything the other threads scheduled due calls this first.
     */
    public void catchUp() {
        ticks.catchUp();
    }

    /** The shared counter and each thread's block, shared by a clock and its {@link #withZone} copies. */
    private static final class Ticks {
        private final AtomicLong handedOut;
        private final long step;
        private final long blockSpan;
        private final PerThread<Block> blocks = new PerThread<>(Block::new);

        Ticks(long start, long step) {
            this.handedOut = new AtomicLong(start);
            this.step = step;
            this.blockSpan = step * BLOCK;
        }

        /** The next tick of this thread's block. */
        long next() {
            Block b = blocks.get();
            if (b.last == b.end || handedOut.get() - b.end > blockSpan) {
                long from = handedOut.getAndAdd(blockSpan);
                b.last = from;
                b.end = from + blockSpan;
            }
            return b.last += step;
        }

        /** A fresh block for this thread: every tick handed out so far is at most its start. */
        void catchUp() {
            Block b = blocks.get();
            long from = handedOut.getAndAdd(blockSpan);
            b.last = from;
            b.end = from + blockSpan;
        }
    }

    /** One thread's block of ticks: the last tick it read and the block's last tick; used by that thread only. */
    private static final class Block {
        long last;
        long end;
    }
}
