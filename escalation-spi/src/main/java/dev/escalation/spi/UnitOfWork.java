package dev.escalation.spi;

/**
 * The engine's part of a change: given the escalation as stored, check the command and decide what to write. Run by
 * {@link EscalationStore#changeForCustomer} and {@link EscalationStore#changeForVendor} inside the store's transaction.
 *
 * <p>An implementation calls no port (but the store's transactional subject keys, see {@link #decide(StoredEscalation,
 * SubjectKeys)}) and has no side effect: it may throw (the store then writes nothing and rethrows
 * the exception unchanged), and a store may run it again with a newer version if it detects a concurrent change.
 *
 * @param <R> what the change returns to its caller
 */
@FunctionalInterface
public interface UnitOfWork<R> {

    /**
     * Decides what to write.
     *
     * @param current the escalation as stored now (without its log)
     * @return keep the escalation as it is, or write its next version
     */
    Decision<R> decide(StoredEscalation current);

    /**
     * <b>SPI v2.</b> Decides what to write, with the audit keys of data subjects read and created inside the store's
     * transaction. A store whose {@link EscalationStore#keepsSubjectKeys} is {@code true} calls this method instead of
     * {@link #decide(StoredEscalation)}; {@code keys} is valid only during this call (its transaction), and a key it
     * creates is stored only if the transaction commits. Calling {@code keys} is the one port call a unit of work may
     * make. By default the keys are ignored and {@link #decide(StoredEscalation)} decides, so units of work written
     * before SPI v2 keep working.
     *
     * @param current the escalation as stored now (without its log)
     * @param keys    the subject keys, bound to the store's transaction
     * @return keep the escalation as it is, or write its next version
     */
    default Decision<R> decide(StoredEscalation current, SubjectKeys keys) {
        return decide(current);
    }

    /**
     * The outcome of a {@link UnitOfWork}.
     *
     * @param <R> what the change returns to its caller
     */
    sealed interface Decision<R> {

        /**
         * What the caller gets.
         *
         * @return the result
         */
        R result();

        /**
         * Nothing to write.
         *
         * @param result what the caller gets
         * @param <R>    its type
         */
        record Keep<R>(R result) implements Decision<R> {}

        /**
         * Write the next version. {@code write.next().version()} must be the current version plus one.
         *
         * @param write  what to write
         * @param result what the caller gets
         * @param <R>    its type
         */
        record Write<R>(EscalationWrite write, R result) implements Decision<R> {
            /**
             * Validates the components.
             *
             * @param write what to write
             * @param result what the caller gets
             * @throws NullPointerException if {@code write} is null
             */
            public Write {
                java.util.Objects.requireNonNull(write, "write");
            }
        }

        /**
         * Nothing to write.
         *
         * @param result what the caller gets
         * @param <R>    its type
         * @return the decision
         */
        static <R> Decision<R> keep(R result) {
            return new Keep<>(result);
        }

        /**
         * Write the next version.
         *
         * @param write  what to write
         * @param result what the caller gets
         * @param <R>    its type
         * @return the decision
         */
        static <R> Decision<R> write(EscalationWrite write, R result) {
            return new Write<>(write, result);
        }
    }
}
