package dev.escalation.sla;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.PolicyRef;
import dev.escalation.spi.internal.Copies;
import java.util.List;
import java.util.Optional;

/**
 * What the engine would do for a hypothetical escalation ({@link WhatIf}): its deadlines (states as at the moment
 * it would be raised), the reminder and escalation steps it would queue, and the hotline decision.
 *
 * @param policy    the policy version projected
 * @param deadlines the deadlines, first contact before resolution
 * @param steps     the steps, in time order
 * @param hotline   the hotline advice the customer would get, if any
 */
public record Projection(
        PolicyRef policy, List<Deadline> deadlines, List<ProjectedStep> steps, Optional<HotlineAdvice> hotline) {

    /**
     * Validates and copies the components.
     *
     * @param policy see the record component
     * @param deadlines see the record component
     * @param steps see the record component
     * @param hotline see the record component
     * @throws NullPointerException if a component or element is null
     */
    public Projection {
        requireNonNull(policy, "policy");
        deadlines = Copies.list(deadlines, "deadlines");
        steps = Copies.list(steps, "steps");
        requireNonNull(hotline, "hotline");
    }
}
