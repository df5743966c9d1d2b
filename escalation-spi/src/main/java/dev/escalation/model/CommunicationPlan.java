package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How often and over which channel the Incident Manager and the Escalation Manager meet.
 *
 * @param frequency      the agreed period between meetings (positive; meetings are wall-clock, not business time)
 * @param channel        the agreed channel
 * @param firstMeetingAt when the first meeting is due
 * @param agreedAt       when the plan was agreed or last amended
 * @param customerSide   the Incident Manager who agreed it, once named
 * @param vendorSide     the Escalation Manager who agreed it, once named
 * @param agreement      how it was agreed
 */
public record CommunicationPlan(
        Duration frequency,
        Channel channel,
        Instant firstMeetingAt,
        Instant agreedAt,
        Optional<ContactId> customerSide,
        Optional<StaffId> vendorSide,
        Agreement agreement) {

    /** How a plan came to be agreed. Stable codes: stores persist the name. */
    public enum Agreement {
        /** Recorded by the Escalation Manager (0.1.0 plans, or agreed in a meeting and recorded by one side). */
        RECORDED,
        /** Proposed by one side and confirmed by the other. */
        CONFIRMED,
        /** Recorded by the Escalation Manager alone after the customer did not answer in time. */
        MANAGER_ALONE
    }

    /**
     * Validates the components.
     *
     * @param frequency the agreed period between meetings (positive; meetings are wall-clock, not business time)
     * @param channel the agreed channel
     * @param firstMeetingAt when the first meeting is due
     * @param agreedAt when the plan was agreed or last amended
     * @param customerSide the Incident Manager who agreed it, once named
     * @param vendorSide the Escalation Manager who agreed it, once named
     * @param agreement how it was agreed
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the frequency is not positive
     */
    public CommunicationPlan {
        requireNonNull(frequency, "frequency");
        requireNonNull(channel, "channel");
        requireNonNull(firstMeetingAt, "firstMeetingAt");
        requireNonNull(agreedAt, "agreedAt");
        requireNonNull(customerSide, "customerSide");
        requireNonNull(vendorSide, "vendorSide");
        requireNonNull(agreement, "agreement");
        if (frequency.isNegative() || frequency.isZero()) {
            throw new IllegalArgumentException("frequency must be positive: " + frequency);
        }
    }

    /**
     * A plan recorded by one side, naming nobody.
     *
     * @param frequency      the period between meetings
     * @param channel        the channel
     * @param firstMeetingAt the first meeting
     * @param agreedAt       when it was recorded
     */
    public CommunicationPlan(Duration frequency, Channel channel, Instant firstMeetingAt, Instant agreedAt) {
        this(frequency, channel, firstMeetingAt, agreedAt, Optional.empty(), Optional.empty(), Agreement.RECORDED);
    }
}
