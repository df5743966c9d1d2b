package dev.escalation.spi;

/**
 * Optional behaviour a port declares, all in one place: each port's {@code capabilities()} lists what it offers, the
 * engine relies only on what is declared, and the contract kit checks every declared capability and skips (with the
 * reason) the rules of those not declared.
 */
public enum Capability {
    /** {@link Notifier}, {@link Ticketing}: repeated calls with one idempotency key have one effect. */
    DEDUPLICATES_BY_KEY,
    /** {@link EscalationStore}: claim leases expire in the backend's time, not the engine's {@code now}. */
    LEASES_IN_BACKEND_TIME,
    /** {@link EscalationStore}: {@link EscalationStore#queries()} answers desk queries. */
    QUERIES,
    /** {@link EscalationStore}: {@link EscalationStore#retention()} erases and purges. */
    RETENTION,
    /** {@link EscalationStore}: stores {@link EscalationWrite#metrics()} and {@link EscalationStore#metrics()} answers. */
    METRICS
}
