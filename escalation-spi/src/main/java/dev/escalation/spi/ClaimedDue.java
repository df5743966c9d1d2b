package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

/**
 * A due item leased to one claimant. While the lease holds, no other claimant receives it.
 *
 * @param item       the item
 * @param claimToken identifies this claim
 */
public record ClaimedDue(DueItem item, String claimToken) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public ClaimedDue {
        requireNonNull(item, "item");
        requireNonNull(claimToken, "claimToken");
    }
}
