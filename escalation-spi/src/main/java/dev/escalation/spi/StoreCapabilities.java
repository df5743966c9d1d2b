package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.internal.Copies;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * What an {@link EscalationStore} declares about itself.
 *
 * @param capabilities        its optional capabilities
 * @param instantPrecision    the finest unit its instants keep ({@link ChronoUnit#NANOS} keeps every instant as
 *                            given; a coarser unit means the store truncates, and the engine truncates before it
 *                            writes so that what it hashes is what comes back)
 * @param deduplicationWindow how long a queued side effect's idempotency key is remembered after the message was
 *                            delivered: a message with the same key queued within it is dropped; delivered messages
 *                            may be purged once older than it (shared by the outbox and retention)
 */
public record StoreCapabilities(
        Set<Capability> capabilities, ChronoUnit instantPrecision, Duration deduplicationWindow) {

    /** The default de-duplication window: seven days. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    /**
     * Validates and copies the components.
     *
     * @param capabilities its optional capabilities
     * @param instantPrecision the finest unit its instants keep ({@link ChronoUnit#NANOS} keeps every instant as
     *     given; a coarser unit means the store truncates, and the engine truncates before it
     *     writes so that what it hashes is what comes back)
     * @param deduplicationWindow how long a queued side effect's idempotency key is remembered after the message was
     *     delivered: a message with the same key queued within it is dropped; delivered messages
     *     may be purged once older than it (shared by the outbox and retention)
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the precision is coarser than seconds or the window is not positive
     */
    public StoreCapabilities {
        capabilities = Copies.set(capabilities, "capabilities");
        requireNonNull(instantPrecision, "instantPrecision");
        requireNonNull(deduplicationWindow, "deduplicationWindow");
        if (instantPrecision.compareTo(ChronoUnit.SECONDS) > 0) {
            throw new IllegalArgumentException("instant precision must be seconds or finer: " + instantPrecision);
        }
        if (deduplicationWindow.isNegative() || deduplicationWindow.isZero()) {
            throw new IllegalArgumentException("deduplication window must be positive");
        }
    }

    /**
     * Whether a capability is declared.
     *
     * @param capability the capability
     * @return {@code true} if declared
     */
    public boolean has(Capability capability) {
        return capabilities.contains(capability);
    }
}
