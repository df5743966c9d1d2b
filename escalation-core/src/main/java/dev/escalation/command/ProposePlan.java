package dev.escalation.command;

import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The customer's Incident Manager or the appointed Escalation Manager proposes a communication plan (or an amendment
 * of the agreed one) for the other side to confirm.
 *
 * <p>Rules: allowed while ACKNOWLEDGED (to agree the first plan) and ACTIVE (to amend it). A proposal replaces any
 * pending one: if the other side proposed, it is a counter-proposal (entry parameter {@code counter} 1). The other side
 * is notified ({@code PLAN_PROPOSED}): the escalation's Incident Manager for the manager's proposal, the manager for
 * the customer's. The other side confirms it ({@link ConfirmPlan}) or counter-proposes; if the customer does not
 * answer a manager's proposal within the policy's answer window ({@code SlaPolicy.planAnswerWithin()}, business time
 * in the vendor's coverage calendar), the manager may record it alone ({@link RecordPlanAlone}).
 *
 * @param escalation     the escalation
 * @param frequency      how often to meet (15 minutes to 14 days)
 * @param channel        over which channel
 * @param firstMeetingAt when the first (or, amending, the next) meeting takes place (not in the past)
 * @param note           a note for the other side (optional, at most 2,000 characters)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record ProposePlan(
        @NotNull @SafeId EscalationId escalation,
        @NotNull Duration frequency,
        @NotNull Channel channel,
        @NotNull Instant firstMeetingAt,
        @SafeText(max = 2000, required = false) String note,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param frequency see {@link #frequency()}
     * @param channel see {@link #channel()}
     * @param firstMeetingAt see {@link #firstMeetingAt()}
     * @param note see {@link #note()}
     */
    public ProposePlan(
            EscalationId escalation, Duration frequency, Channel channel, Instant firstMeetingAt, String note) {
        this(escalation, frequency, channel, firstMeetingAt, note, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public ProposePlan expectingVersion(long version) {
        return new ProposePlan(escalation, frequency, channel, firstMeetingAt, note, version);
    }
}
