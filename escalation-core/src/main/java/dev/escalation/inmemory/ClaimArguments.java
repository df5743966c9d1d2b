package dev.escalation.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The argument checks the SPI states for {@code Outbox.claim}, {@code DueWork.claim} and {@code DueWork.due}: made
 * before anything is read or claimed, so a refused call changes nothing.
 */
final class ClaimArguments {
    private ClaimArguments() {}

    static void check(String claimant, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(claimant, "claimant");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive: " + lease);
        }
        checkLimit(limit);
    }

    static void checkLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
    }
}
