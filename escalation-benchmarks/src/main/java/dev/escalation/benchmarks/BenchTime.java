package dev.escalation.benchmarks;

import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;

/**
 * Business time of the benchmarks, on the test kit's {@link MutableClock}: a ticking clock moves business time forward
 * by a fixed step on every read, so that a run spans realistic business time (raised at all hours of the week: inside
 * and outside coverage hours) without sleeping; a standing clock holds one instant.
 */
public final class BenchTime {
    /** Tuesday 2027-01-12 08:00 Europe/Berlin. */
    public static final Instant START = Instant.parse("2027-01-12T07:00:00Z");

    private BenchTime() {}

    /**
     * A clock that advances five minutes per read: one lifecycle (~30 reads) spans about half a business day.
     *
     * @return a new clock starting at {@link #START}
     */
    public static MutableClock advancing() {
        return MutableClock.ticking(START, Duration.ofMinutes(5));
    }

    /**
     * {@link #advancing()} without a lock ({@link TickingClock}): for the benchmarks that run at 2 threads.
     *
     * @return a new clock starting at {@link #START}
     */
    public static TickingClock advancingLockFree() {
        return TickingClock.of(START, Duration.ofMinutes(5));
    }
}
