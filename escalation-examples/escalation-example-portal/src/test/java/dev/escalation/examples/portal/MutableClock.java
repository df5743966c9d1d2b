package dev.escalation.examples.portal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** A clock the test sets; the portal and its engine read nothing else. */
final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(ZonedDateTime start) {
        this.now = start.toInstant();
    }

    void set(ZonedDateTime time) {
        now = time.toInstant();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("not needed");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
