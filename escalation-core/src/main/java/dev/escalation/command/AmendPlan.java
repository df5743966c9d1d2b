package dev.escalation.command;

import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;

/**
 * The Escalation Manager changes the agreed communication plan.
 *
 * @param escalation    the escalation
 * @param frequency     the new frequency (15 minutes to 14 days)
 * @param channel       the new channel
 * @param nextMeetingAt when the next meeting takes place (not in the past)
 * @param reason        why (1 to 2,000 characters)
 */
public record AmendPlan(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Duration frequency,
        @NotNull Channel channel,
        @NotNull Instant nextMeetingAt,
        @SafeText(max = 2000) String reason) {}
