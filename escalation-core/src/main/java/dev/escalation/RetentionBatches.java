package dev.escalation;

import java.util.function.IntSupplier;

/**
 * One kind of purge of a retention run, batch after batch (each the store's own transaction) until a batch comes back
 * short. The store's answers are checked, since the run's end depends on them: a count outside {@code 0..size} is a
 * store fault that ends the run as {@code UNAVAILABLE} (the batches before it stay purged), and a run takes at most
 * {@value #MAX_BATCHES} batches of a kind, so a store that answers a full batch every time cannot keep it going; what
 * is left waits for the next run (a warning says so).
 */
record RetentionBatches(long purged, int batches) {
    /** The most batches of one kind one run takes. */
    static final int MAX_BATCHES = 10_000;

    /**
     * Runs one kind of purge.
     *
     * @param what  which purge, for the log lines (the SPI method's name)
     * @param size  the batch size asked for (1 to 10,000)
     * @param purge one batch: the store's count of what it purged
     * @return what the batches purged, and how many batches ran
     */
    static RetentionBatches run(String what, int size, IntSupplier purge) {
        long purged = 0;
        int batches = 0;
        int n;
        do {
            n = Ports.call(purge::getAsInt);
            if (n < 0 || n > size) {
                Ports.LOG.warn("store fault: {} answered {} for a batch of {}; the retention run ends", what, n, size);
                throw new EscalationUnavailableException(
                        "the store answered an impossible count for a retention batch; try again later", null);
            }
            purged += n;
            batches++;
        } while (n == size && batches < MAX_BATCHES);
        if (n == size) {
            Ports.LOG.warn(
                    "retention: {} stopped after {} full batches; the rest is purged by the next run",
                    what,
                    MAX_BATCHES);
        }
        return new RetentionBatches(purged, batches);
    }
}
