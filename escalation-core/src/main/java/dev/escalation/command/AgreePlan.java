package dev.escalation.command;

import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The Escalation Manager records the communication plan agreed with the customer's Incident Manager.
 *
 * @param escalation     the escalation
 * @param frequency      how often they meet (15 minutes to 14 days)
 * @param channel        over which channel
 * @param firstMeetingAt when the first meeting takes place (not in the past)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record AgreePlan(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Duration frequency,
        @NotNull Channel channel,
        @NotNull Instant firstMeetingAt,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param frequency see {@link #frequency()}
     * @param channel see {@link #channel()}
     * @param firstMeetingAt see {@link #firstMeetingAt()}
     */
    public AgreePlan(EscalationId escalation, Duration frequency, Channel channel, Instant firstMeetingAt) {
        this(escalation, frequency, channel, firstMeetingAt, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public AgreePlan expectingVersion(long version) {
        return new AgreePlan(escalation, frequency, channel, firstMeetingAt, version);
    }
}
