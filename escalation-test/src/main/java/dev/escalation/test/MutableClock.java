package dev.escalation.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until told to move: {@link #set} and {@link #advance}. For contracts and tests
 * that need "now" under their control without sleeping.
 *
 * <p>Thread-safe: the instant is held in a volatile field. Instances created by {@link #withZone} share nothing
 * with the original after creation.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    private MutableClock(Instant now, ZoneId zone) {
        this.now = Objects.requireNonNull(now, "now");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * A clock standing at {@code start}, in UTC.
     *
     * @param start the first instant
     * @return the clock
     */
    public static MutableClock at(Instant start) {
        return new MutableClock(start, ZoneOffset.UTC);
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
        return new MutableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
