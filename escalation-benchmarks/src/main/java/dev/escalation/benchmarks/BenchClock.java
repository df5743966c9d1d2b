package dev.escalation.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves business time forward by a fixed step on every read, so that a benchmark run spans realistic
 * business time (raised at all hours of the week: inside and outside coverage hours) without sleeping. Thread-safe
 * and monotonic: every read returns a later instant than the read before it.
 */
public final class BenchClock extends Clock {
    /** Tuesday 2027-01-12 08:00 Europe/Berlin. */
    public static final Instant START = Instant.parse("2027-01-12T07:00:00Z");

    private final long startMillis;
    private final long stepMillis;
    private final AtomicLong reads = new AtomicLong();
    private final ZoneId zone;

    /**
     * @param start first instant
     * @param step  how far business time moves per read (zero for a fixed clock)
     */
    public BenchClock(Instant start, Duration step) {
        this.startMillis = start.toEpochMilli();
        this.stepMillis = step.toMillis();
        this.zone = ZoneId.of("Europe/Berlin");
    }

    /** A clock that advances five minutes per read: one lifecycle (~30 reads) spans about half a business day. */
    public static BenchClock advancing() {
        return new BenchClock(START, Duration.ofMinutes(5));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(startMillis + stepMillis * reads.incrementAndGet());
    }

    @Override
    public long millis() {
        return startMillis + stepMillis * reads.incrementAndGet();
    }

    /**
     * The current instant without advancing.
     *
     * @return now
     */
    public Instant peek() {
        return Instant.ofEpochMilli(startMillis + stepMillis * reads.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the benchmark clock has one zone");
    }
}
