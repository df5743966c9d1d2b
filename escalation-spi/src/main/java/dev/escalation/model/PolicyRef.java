package dev.escalation.model;

import static java.util.Objects.requireNonNull;

/**
 * The SLA policy version an escalation runs under. A running escalation keeps the version it started with.
 *
 * @param id      the policy's name
 * @param version its version, starting at 1
 */
public record PolicyRef(String id, int version) {

    /**
     * Validates the components.
     *
     * @param id the policy's name
     * @param version its version, starting at 1
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code version} is not positive
     */
    public PolicyRef {
        requireNonNull(id, "id");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
    }

    @Override
    public String toString() {
        return id + "@" + version;
    }
}
