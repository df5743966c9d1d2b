package dev.escalation.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Business time for the multi-threaded benchmarks: advances a fixed step on every read, like the test kit's ticking
 * {@code MutableClock}, but without a lock (one atomic add per read), so that two benchmark threads reading the clock
 * do not wait on each other; a host's system clock does not serialise its callers either, and the 2-thread lock
 * summary measures the engine's locks, not the benchmark's clock.
 */
public final class TickingClock extends Clock {
    private final AtomicLong nanos;
    private final long step;
    private final ZoneId zone;

    private TickingClock(AtomicLong nanos, long step, ZoneId zone) {
        this.nanos = nanos;
        this.step = step;
        this.zone = zone;
    }

    /**
     * @param start the first instant (the first read returns {@code start + tick})
     * @param tick  the step per read
     * @return a new clock in UTC
     */
    public static TickingClock of(Instant start, Duration tick) {
        return new TickingClock(
                new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano()),
                tick.toNanos(),
                ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new TickingClock(nanos, step, newZone);
    }

    @Override
    public Instant instant() {
        long n = nanos.addAndGet(step);
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }
}
