package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * How often and over which channel the Incident Manager and the Escalation Manager meet.
 *
 * @param frequency      the agreed period between meetings (positive)
 * @param channel        the agreed channel
 * @param firstMeetingAt when the first meeting is due
 * @param agreedAt       when the plan was agreed or last amended
 */
public record CommunicationPlan(Duration frequency, Channel channel, Instant firstMeetingAt, Instant agreedAt) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the frequency is not positive
     */
    public CommunicationPlan {
        requireNonNull(frequency, "frequency");
        requireNonNull(channel, "channel");
        requireNonNull(firstMeetingAt, "firstMeetingAt");
        requireNonNull(agreedAt, "agreedAt");
        if (frequency.isNegative() || frequency.isZero()) {
            throw new IllegalArgumentException("frequency must be positive: " + frequency);
        }
    }
}
