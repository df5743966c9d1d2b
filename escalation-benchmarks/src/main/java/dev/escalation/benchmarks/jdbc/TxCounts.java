package dev.escalation.benchmarks.jdbc;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JDBC store's transactions in the measured lifecycles, as JMH auxiliary counters (summed over the iteration and
 * the threads; the report divides them by {@code txUserCommands}). User-command transactions and the dispatcher's
 * (the outbox drain, {@code engine.deliverPending()}) are counted separately. All zero for the in-memory store.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class TxCounts {
    /** Transactions while the 14 user commands ran. */
    public long txCommand;
    /** … of which wrote something. */
    public long txCommandWrite;
    /** Transactions of the outbox drain after the commands. */
    public long txDispatch;
    /** User commands issued (14 per lifecycle), the divisor. */
    public long txUserCommands;
}
