package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.HotlineAdvice;
import java.time.Instant;
import java.util.Optional;

/**
 * What the "Escalate Case" button returns.
 *
 * @param escalation   the escalation (new, or the case's existing open one)
 * @param state        its state
 * @param created      {@code false} when an existing escalation was returned (double click, repeated submission)
 * @param raisedAt     when it was raised
 * @param hotline      hotline advice, for a critical escalation outside coverage hours (as stored with the
 *                     escalation when it was raised; render it with
 *                     {@code engine.texts().hotline(advice, locale, zone)})
 */
public record EscalationReceipt(
        EscalationId escalation,
        EscalationState state,
        boolean created,
        Instant raisedAt,
        Optional<HotlineAdvice> hotline) {

    /**
     * Validates the components.
     *
     * @param escalation the escalation (new, or the case's existing open one)
     * @param state its state
     * @param created {@code false} when an existing escalation was returned (double click, repeated submission)
     * @param raisedAt when it was raised
     * @param hotline hotline advice, for a critical escalation outside coverage hours (as stored with the
     *     escalation when it was raised; render it with {@code engine.texts().hotline(advice, locale, zone)})
     * @throws NullPointerException if a component is null
     */
    public EscalationReceipt {
        requireNonNull(escalation, "escalation");
        requireNonNull(state, "state");
        requireNonNull(raisedAt, "raisedAt");
        requireNonNull(hotline, "hotline");
    }
}
