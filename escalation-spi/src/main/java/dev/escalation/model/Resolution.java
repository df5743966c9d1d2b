package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How an escalation was resolved.
 *
 * @param summary    what fixed it
 * @param resolvedAt when
 * @param resolvedBy the Escalation Manager who recorded it
 */
public record Resolution(String summary, Instant resolvedAt, StaffId resolvedBy) {

    /**
     * Validates the components.
     *
     * @param summary what fixed it
     * @param resolvedAt when
     * @param resolvedBy the Escalation Manager who recorded it
     * @throws NullPointerException if a component is null
     */
    public Resolution {
        requireNonNull(summary, "summary");
        requireNonNull(resolvedAt, "resolvedAt");
        requireNonNull(resolvedBy, "resolvedBy");
    }
}
