package dev.escalation;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.StoredEscalation;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The engine's re-check of the rows a store returns, for stores that break their contract (answer another
 * customer's or another escalation's row than asked, or a page that does not move on from its cursor). What fails the
 * check is never passed on: a by-id load counts as absent ({@code NOT_FOUND}, an empty {@code find}; another
 * customer's escalation looks exactly like a missing one), a row of a page is dropped, a page that does not move on
 * is the last, and work that has no caller (due work) fails as {@code UNAVAILABLE} and is tried again. Each such
 * fault is logged as a warning naming the read and the id asked for, never a name or a text. The check is one or two
 * comparisons of values already in memory: no store call, and no allocation unless the store broke its contract.
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

    /**
     * {@code page}, or an empty last page if it ends at the cursor it was asked to start after: the store did not move
     * on (rule S7 of the kit), so its rows are that cursor's row and rows before it, and a host that follows the next
     * cursors would read the same page for ever. Logs the fault.
     *
     * @param read  which read, for the log line
     * @param asked what the engine asked the store for
     * @param page  what the store returned
     */
    static <T> Page<T> movedOn(String read, PageRequest asked, Page<T> page) {
        if (page.next().isEmpty() || !page.next().equals(asked.after())) {
            return page;
        }
        Ports.LOG.warn(
                "store fault: {} returned a page that ends at the cursor it was asked to start after; paging ends",
                read);
        return new Page<>(List.of(), Optional.empty());
    }
}
