package dev.escalation.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until told to move: {@link #set} and {@link #advance}. For contracts and tests
 * that need "now" under their control without sleeping. A {@linkplain #ticking ticking} clock also moves by a fixed
 * step on every read, so that a long run (a benchmark, a soak test) spans business time without sleeping.
 *
 * <p>Thread-safe: the instant is held in a volatile field and moved under the clock's lock. Instances created by
 * {@link #withZone} share nothing with the original after creation.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;
    private final Duration tick;

    private MutableClock(Instant now, ZoneId zone, Duration tick) {
        this.now = Objects.requireNonNull(now, "now");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.tick = Objects.requireNonNull(tick, "tick");
    }

    /**
     * A clock standing at {@code start}, in UTC.
     *
     * @param start the first instant
     * @return the clock
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(start, ZoneOffset.UTC, Duration.ZERO);
    }

    /**
     * A clock standing at {@code start}, in UTC, that moves forward by {@code tick} on every read: the first read
     * returns {@code start + tick}, every read a later instant than the one before (monotonic across threads).
     * {@link #set} and {@link #advance} move it as well.
     *
     * @param start the instant before the first read
     * @param tick  how far every read moves the clock; positive
     * @return the clock
     * @throws IllegalArgumentException if {@code tick} is zero or negative
     */
    public static MutableClock ticking(Instant start, Duration tick) {
        Objects.requireNonNull(tick, "tick");
        if (tick.isZero() || tick.isNegative()) {
            throw new IllegalArgumentException("tick must be positive: " + tick);
        }
        return new MutableClock(start, ZoneOffset.UTC, tick);
    }

    /**
     * Moves the clock to an instant (backwards is allowed, for tests of skew).
     *
     * @param instant the new time
     */
    public void set(Instant instant) {
        this.now = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the clock forward (or backward, for a negative duration).
     *
     * @param duration how far
     * @return the new time
     */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        synchronized (this) {
            now = now.plus(duration);
            return now;
        }
    }

    /**
     * Moves the clock to the next instant at which {@code calendar} is open (stays put if it is open now).
     *
     * @param calendar the business calendar, such as the engine's coverage calendar
     * @return the new time
     */
    public Instant advanceToNextOpening(dev.escalation.calendar.BusinessCalendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        synchronized (this) {
            now = calendar.nextOpening(now);
            return now;
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone, tick);
    }

    @Override
    public Instant instant() {
        if (tick.isZero()) {
            return now;
        }
        synchronized (this) {
            now = now.plus(tick);
            return now;
        }
    }
}
