package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

/**
 * An outbox message leased to one claimant. While the lease holds, no other claimant receives the message.
 *
 * @param message    the message; {@code attempts} counts failures before this claim
 * @param claimToken identifies this claim; required to complete, retry or dead-letter the message
 */
public record ClaimedMessage(OutboxMessage message, String claimToken) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public ClaimedMessage {
        requireNonNull(message, "message");
        requireNonNull(claimToken, "claimToken");
    }
}
