package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The earliest deadline of an escalation that is not met yet, stored on each write so that lists can filter and sort
 * by it. It is breached once {@code at} is not after the reader's "now".
 *
 * @param kind which deadline
 * @param at   when it falls due
 */
public record DeadlineMark(DueKind kind, Instant at) {
    /**
     * Validates the components.
     *
     * @param kind which deadline
     * @param at when it falls due
     * @throws NullPointerException if a component is null
     */
    public DeadlineMark {
        requireNonNull(kind, "kind");
        requireNonNull(at, "at");
    }

    /**
     * Whether the deadline is breached at {@code now}.
     *
     * @param now the instant to judge at
     * @return {@code true} if {@code at} is not after {@code now}
     */
    public boolean breachedAt(Instant now) {
        return !at.isAfter(now);
    }
}
