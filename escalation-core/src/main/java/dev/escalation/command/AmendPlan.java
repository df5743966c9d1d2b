package dev.escalation.command;

import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The Escalation Manager changes the agreed communication plan.
 *
 * @param escalation    the escalation
 * @param frequency     the new frequency (15 minutes to 14 days)
 * @param channel       the new channel
 * @param nextMeetingAt when the next meeting takes place (not in the past)
 * @param reason        why (1 to 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record AmendPlan(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Duration frequency,
        @NotNull Channel channel,
        @NotNull Instant nextMeetingAt,
        @SafeText(max = 2000) String reason,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param frequency see {@link #frequency()}
     * @param channel see {@link #channel()}
     * @param nextMeetingAt see {@link #nextMeetingAt()}
     * @param reason see {@link #reason()}
     */
    public AmendPlan(
            EscalationId escalation, Duration frequency, Channel channel, Instant nextMeetingAt, String reason) {
        this(escalation, frequency, channel, nextMeetingAt, reason, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public AmendPlan expectingVersion(long version) {
        return new AmendPlan(escalation, frequency, channel, nextMeetingAt, reason, version);
    }
}
