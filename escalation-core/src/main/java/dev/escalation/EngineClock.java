package dev.escalation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The host's clock as the engine reads it: an instant outside the years 1 to 9999 (a clock set to {@link Instant#MAX}
 * or {@link Instant#MIN}, say) cannot be placed in the business calendars, deadlines and stored records, so reading it
 * is the engine's retryable {@code UNAVAILABLE} with nothing applied, instead of a {@code DateTimeException} from the
 * calendar math halfway through a command.
 */
final class EngineClock extends Clock {
    /** 0001-01-01T00:00:00Z. */
    static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    /** The first instant after 9999-12-31T23:59:59.999999999Z. */
    static final Instant AFTER_LAST = Instant.parse("+10000-01-01T00:00:00Z");

    private final Clock host;

    private EngineClock(Clock host) {
        this.host = host;
    }

    /** The host's clock, checked on every reading. */
    static Clock of(Clock host) {
        return host instanceof EngineClock ? host : new EngineClock(host);
    }

    @Override
    public Instant instant() {
        Instant now = host.instant();
        if (now.isBefore(FIRST) || !now.isBefore(AFTER_LAST)) {
            throw new EscalationUnavailableException(
                    "the engine's clock reads " + now + ", outside the years 1 to 9999 the engine works in;"
                            + " nothing was changed",
                    null);
        }
        return now;
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public ZoneId getZone() {
        return host.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new EngineClock(host.withZone(zone));
    }

    @Override
    public String toString() {
        return "EngineClock[" + host + "]";
    }
}
