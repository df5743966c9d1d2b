package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * What became of one claimed outbox message; {@link Outbox#finish} records a batch of them in one transaction.
 */
public sealed interface DeliveryOutcome {

    /**
     * The claim it concerns.
     *
     * @return the claim
     */
    ClaimedMessage claimed();

    /**
     * Delivered. For a ticket {@code Open}, {@code ticketReference} is what {@link Ticketing#open} returned; the
     * store records it for the escalation in the same transaction.
     *
     * @param claimed         the claim
     * @param ticketReference the opened ticket's reference, for {@code Open} only
     */
    record Delivered(ClaimedMessage claimed, Optional<String> ticketReference) implements DeliveryOutcome {
        /**
         * Validates the components.
         *
         * @param claimed the claim
         * @param ticketReference the opened ticket's reference, for {@code Open} only
         * @throws NullPointerException if a component is null
         */
        public Delivered {
            requireNonNull(claimed, "claimed");
            requireNonNull(ticketReference, "ticketReference");
        }
    }

    /**
     * Failed; try again at {@code nextAttemptAt}, with one more attempt counted.
     *
     * @param claimed       the claim
     * @param nextAttemptAt not before this instant (engine clock)
     * @param reason        a short reason without personal data
     */
    record Retry(ClaimedMessage claimed, Instant nextAttemptAt, String reason) implements DeliveryOutcome {
        /**
         * Validates the components.
         *
         * @param claimed the claim
         * @param nextAttemptAt not before this instant (engine clock)
         * @param reason a short reason without personal data
         * @throws NullPointerException if a component is null
         */
        public Retry {
            requireNonNull(claimed, "claimed");
            requireNonNull(nextAttemptAt, "nextAttemptAt");
            requireNonNull(reason, "reason");
        }
    }

    /**
     * Will not be retried; parked until replayed. One more attempt is counted.
     *
     * @param claimed the claim
     * @param code    a stable reason code, such as {@code PERMANENT}, {@code ATTEMPTS_EXHAUSTED} or {@code NO_CHANNEL}
     * @param reason  a short reason without personal data
     */
    record DeadLetter(ClaimedMessage claimed, String code, String reason) implements DeliveryOutcome {
        /**
         * Validates the components.
         *
         * @param claimed the claim
         * @param code a stable reason code, such as {@code PERMANENT}, {@code ATTEMPTS_EXHAUSTED} or {@code NO_CHANNEL}
         * @param reason a short reason without personal data
         * @throws NullPointerException if a component is null
         */
        public DeadLetter {
            requireNonNull(claimed, "claimed");
            requireNonNull(code, "code");
            requireNonNull(reason, "reason");
        }
    }

    /**
     * Not attempted (an earlier message of its chain failed in the same batch, or the dispatcher stops); claimable
     * again at once, no attempt counted.
     *
     * @param claimed the claim
     */
    record Released(ClaimedMessage claimed) implements DeliveryOutcome {
        /**
         * Validates the component.
         *
         * @param claimed the claim
         * @throws NullPointerException if {@code claimed} is null
         */
        public Released {
            requireNonNull(claimed, "claimed");
        }
    }
}
