package dev.escalation.inmemory;

import dev.escalation.spi.OutboxCounts;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Counts of {@link OutboxEntry}s of the {@link InMemoryOutbox}: pending, dead and the earliest next attempt. */
final class OutboxTally {
    private OutboxTally() {}

    /** The counts of {@code entries}: pending, dead and the earliest next attempt of a pending one. */
    static OutboxCounts of(Iterable<OutboxEntry> entries) {
        Tally t = new Tally();
        entries.forEach(t);
        return t.counts();
    }

    /** Counts entries one by one, in any order: pending, dead and the earliest next attempt of a pending one. */
    static final class Tally implements Consumer<OutboxEntry> {
        private long pending;
        private long dead;
        private Instant next;

        @Override
        public void accept(OutboxEntry e) {
            // read without the lock (volatile fields): a count is a snapshot, and the finishing thread sees its own
            if (e.gone) {
                return;
            }
            if (e.status == OutboxEntry.Status.DEAD) {
                dead++;
            } else {
                pending++;
                Instant at = e.message.nextAttemptAt();
                if (next == null || at.isBefore(next)) {
                    next = at;
                }
            }
        }

        OutboxCounts counts() {
            return new OutboxCounts(pending, dead, Optional.ofNullable(next));
        }
    }
}
