package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A communication plan one side proposed and the other has not yet confirmed (the Incident Manager and the
 * Escalation Manager agree frequency, channel and first meeting).
 *
 * @param proposedBy who proposed it
 * @param plan       the proposed plan
 * @param proposedAt when
 */
public record PlanProposal(ActorRef proposedBy, CommunicationPlan plan, Instant proposedAt) {
    /**
     * Validates the components.
     *
     * @param proposedBy who proposed it
     * @param plan the proposed plan
     * @param proposedAt when
     * @throws NullPointerException if a component is null
     */
    public PlanProposal {
        requireNonNull(proposedBy, "proposedBy");
        requireNonNull(plan, "plan");
        requireNonNull(proposedAt, "proposedAt");
    }
}
