package dev.escalation.spring.boot;

import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The Actuator health of the escalation engine (component {@code escalation}), from one count query on the outbox:
 *
 * <ul>
 *   <li>{@code DOWN}: the store is not reachable (the count failed); detail {@code error} is {@code unavailable}
 *       when the store reported itself unavailable ({@link UnavailableException}: retry later), {@code failed} for
 *       any other failure. Never an exception's class or message, which name drivers, hosts or data; the failure
 *       is logged (its class at {@code WARN}, the whole exception at {@code DEBUG}).
 *   <li>{@code OUT_OF_SERVICE}: more side effects pending than {@code escalation.health.max-pending} (default 1000)
 *       or more dead letters than {@code escalation.health.max-dead-letters} (default 0): delivery lags behind or
 *       needs a person (replay the dead letters after fixing the cause). {@code -1} switches a check off.
 *   <li>{@code UP} otherwise.
 * </ul>
 *
 * <p>Details: {@code pending}, {@code deadLetters}, {@code nextAttemptAt} (when the next pending side effect may be
 * tried) and the thresholds. Counts only: never a recipient, a payload or an error text. Spring Boot answers both
 * {@code DOWN} and {@code OUT_OF_SERVICE} with HTTP 503 on {@code /actuator/health}; the liveness and readiness
 * groups do not include this indicator unless the host adds it, so a backlog does not take instances out of a load
 * balancer (they share the outbox; another instance would not deliver it faster).
 */
public final class EscalationHealthIndicator implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationHealthIndicator.class);

    private final EscalationStore store;
    private final EscalationProperties.Health thresholds;

    /**
     * An indicator on a store.
     *
     * @param store      the engine's store
     * @param thresholds the thresholds ({@code escalation.health.*})
     */
    public EscalationHealthIndicator(EscalationStore store, EscalationProperties.Health thresholds) {
        this.store = store;
        this.thresholds = thresholds;
    }

    @Override
    public Health health() {
        OutboxCounts counts;
        try {
            counts = store.outbox().counts();
        } catch (RuntimeException e) {
            LOG.warn(
                    "escalation health: the outbox count failed ({})",
                    e.getClass().getName());
            LOG.debug("escalation health: the outbox count failed", e);
            return Health.down()
                    .withDetail("store", "unreachable")
                    .withDetail("error", e instanceof UnavailableException ? "unavailable" : "failed")
                    .build();
        }
        boolean backlog = exceeds(counts.pending(), thresholds.maxPending());
        boolean dead = exceeds(counts.dead(), thresholds.maxDeadLetters());
        Health.Builder health = backlog || dead ? Health.status(Status.OUT_OF_SERVICE) : Health.up();
        health.withDetail("pending", counts.pending())
                .withDetail("deadLetters", counts.dead())
                .withDetail("maxPending", thresholds.maxPending())
                .withDetail("maxDeadLetters", thresholds.maxDeadLetters());
        counts.nextAttemptAt().ifPresent(at -> health.withDetail("nextAttemptAt", at.toString()));
        if (backlog) {
            health.withDetail("reason", dead ? "backlog and dead letters" : "backlog");
        } else if (dead) {
            health.withDetail("reason", "dead letters");
        }
        return health.build();
    }

    private static boolean exceeds(long count, long max) {
        return max >= 0 && count > max;
    }
}
