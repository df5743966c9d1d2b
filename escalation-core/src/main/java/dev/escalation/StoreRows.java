package dev.escalation;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.StoredEscalation;
import org.jspecify.annotations.Nullable;

/**
 * The engine's re-check of the rows a store returns, for stores that break their contract (answer another
 * customer's or another escalation's row than asked). What fails the check is never passed on: a by-id load counts
 * as absent ({@code NOT_FOUND}, an empty {@code find}; another customer's escalation looks exactly like a missing
 * one), a row of a page is dropped, and work that has no caller (due work) fails as {@code UNAVAILABLE} and is tried
 * again. Each such fault is logged as a warning naming the read and the id asked for, never a name or a text. The
 * check is one or two comparisons of ids already in memory: no store call, no allocation.
 */
final class StoreRows {
    private StoreRows() {}

    /**
     * Whether {@code row} is the escalation asked for and, if {@code customer} is given, that customer's; logs the
     * fault if not.
     *
     * @param read     which read loaded it, for the log line
     * @param row      what the store returned
     * @param id       the escalation asked for (validated)
     * @param customer the tenant the read was scoped to, or {@code null} for a vendor-scoped read
     */
    static boolean asked(String read, StoredEscalation row, EscalationId id, @Nullable CustomerId customer) {
        boolean sameId = row.id().equals(id);
        if (sameId && (customer == null || row.customer().equals(customer))) {
            return true;
        }
        Ports.LOG.warn(
                "store fault: {} of escalation {} returned {}; not used",
                read,
                id.value(),
                sameId ? "another customer's row" : "another escalation's row");
        return false;
    }

    /**
     * Logs that a page read dropped rows outside the caller's scope.
     *
     * @param read    which read, for the log line
     * @param dropped how many rows
     */
    static void dropped(String read, long dropped) {
        Ports.LOG.warn("store fault: {} returned {} rows outside the caller's scope; dropped", read, dropped);
    }
}
