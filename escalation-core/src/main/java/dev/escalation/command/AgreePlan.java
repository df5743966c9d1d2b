package dev.escalation.command;

import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;

/**
 * The Escalation Manager records the communication plan agreed with the customer's Incident Manager.
 *
 * @param escalation     the escalation
 * @param frequency      how often they meet (15 minutes to 14 days)
 * @param channel        over which channel
 * @param firstMeetingAt when the first meeting takes place (not in the past)
 */
public record AgreePlan(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Duration frequency,
        @NotNull Channel channel,
        @NotNull Instant firstMeetingAt) {}
