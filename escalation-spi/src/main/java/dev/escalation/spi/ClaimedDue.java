package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

/**
 * A due item leased to one claimant.
 *
 * @param item       the item
 * @param claimToken proves the lease
 */
public record ClaimedDue(DueItem item, String claimToken) {
    /**
     * Validates the components.
     *
     * @param item the item
     * @param claimToken proves the lease
     * @throws NullPointerException if a component is null
     */
    public ClaimedDue {
        requireNonNull(item, "item");
        requireNonNull(claimToken, "claimToken");
    }
}
