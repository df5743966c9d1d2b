package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
 * @param zone           the zone the meeting series repeats in (a period of whole days is calendar days there),
 *                       resolved when the plan was agreed or amended: the customer side's zone (that Incident
 *                       Manager's own, else the customer account's default, else the vendor's); empty for a plan
 *                       stored without one (before 0.2.0's "meetings in the customer's zone"), which repeats in the
 *                       vendor's zone. Stored with the plan: a later change of the contact's zone moves an agreed
 *                       series only when the plan is amended
 */
public record CommunicationPlan(
        Duration frequency,
        Channel channel,
        Instant firstMeetingAt,
        Instant agreedAt,
        Optional<ContactId> customerSide,
        Optional<StaffId> vendorSide,
        Agreement agreement,
        Optional<ZoneId> zone) {

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
     * @param zone the zone the meeting series repeats in; empty: the vendor's (a plan stored without one)
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
        requireNonNull(zone, "zone");
        if (frequency.isNegative() || frequency.isZero()) {
            throw new IllegalArgumentException("frequency must be positive: " + frequency);
        }
    }

    /**
     * A plan without a recorded zone: its series repeats in the vendor's zone (the shape stored before the zone was).
     *
     * @param frequency      the agreed period between meetings
     * @param channel        the agreed channel
     * @param firstMeetingAt when the first meeting is due
     * @param agreedAt       when the plan was agreed or last amended
     * @param customerSide   the Incident Manager who agreed it, once named
     * @param vendorSide     the Escalation Manager who agreed it, once named
     * @param agreement      how it was agreed
     */
    public CommunicationPlan(
            Duration frequency,
            Channel channel,
            Instant firstMeetingAt,
            Instant agreedAt,
            Optional<ContactId> customerSide,
            Optional<StaffId> vendorSide,
            Agreement agreement) {
        this(frequency, channel, firstMeetingAt, agreedAt, customerSide, vendorSide, agreement, Optional.empty());
    }

    /**
     * This plan with its series in {@code zone}.
     *
     * @param zone the zone the series repeats in
     * @return an equal plan but for the zone
     */
    public CommunicationPlan withZone(ZoneId zone) {
        return new CommunicationPlan(
                frequency, channel, firstMeetingAt, agreedAt, customerSide, vendorSide, agreement, Optional.of(zone));
    }

    /**
     * The zone the series repeats in: the recorded one, else the vendor's.
     *
     * @param vendorZone the vendor's zone (of the coverage calendar), for a plan stored without a zone
     * @return the zone
     */
    public ZoneId seriesZone(ZoneId vendorZone) {
        return zone.orElse(requireNonNull(vendorZone, "vendorZone"));
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
