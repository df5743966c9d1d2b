package dev.escalation.benchmarks.sdk;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The work done in the measured lifecycles, as JMH auxiliary counters (summed over the iteration and the threads;
 * {@code report.py} divides them by {@code lifecycles}): validations, audit records hashed, notifications rendered and
 * side effects delivered, as the engine reports them to a {@link CountingObserver}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class WorkCounts {
    /** Lifecycles measured, the divisor. */
    public long lifecycles;
    /** Commands whose input passed validation. */
    public long validations;
    /** Audit-chain records hashed. */
    public long hashes;
    /** Notifications rendered. */
    public long renderedNotifications;
    /** Side effects delivered. */
    public long deliveries;

    /**
     * Adds what the calling thread's tally grew by since {@code before}.
     *
     * @param before the tally's copy taken before the lifecycle
     * @param now the live tally
     */
    public void add(CountingObserver.Tally before, CountingObserver.Tally now) {
        lifecycles++;
        validations += now.validated - before.validated;
        hashes += now.hashed - before.hashed;
        renderedNotifications += now.rendered - before.rendered;
        deliveries += now.delivered - before.delivered;
    }
}
