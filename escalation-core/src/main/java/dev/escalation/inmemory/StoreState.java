package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link InMemoryEscalationStore} shares with its query and retention facets: the escalations (one
 * {@link Slot} each, with its ticket reference), their unique keys and list indexes, the outbox and the due work. The
 * store and the facets depend on it and not on each other.
 */
final class StoreState {

    /** The escalations by id. */
    final ConcurrentHashMap<EscalationId, Slot> slots = new ConcurrentHashMap<>();

    /** Shares equal actors and parameter maps among the logs. */
    final Interner interner = new Interner();

    /** The records last written or read, returned by reads of escalations unchanged since. */
    final Slot.ReadCache reads = new Slot.ReadCache();

    /** One open escalation per case, one escalation per submission key. */
    final UniqueKeys keys = new UniqueKeys();

    /** The list indexes over {@link #slots}. */
    final Listings listings = new Listings(slots);

    /** How long a delivered side effect's key is remembered. */
    final Duration deduplicationWindow;

    final InMemoryOutbox outbox;
    final InMemoryDueWork dueWork;

    /** Empty state; {@code deduplicationWindow} has been checked by the store. */
    StoreState(Duration deduplicationWindow) {
        this.deduplicationWindow = deduplicationWindow;
        this.outbox = new InMemoryOutbox(deduplicationWindow, new InMemoryOutbox.TicketReferences() {
            @Override
            public Optional<String> get(EscalationId escalation) {
                Slot slot = slots.get(escalation);
                return slot == null ? Optional.empty() : Optional.ofNullable(slot.ticket);
            }

            @Override
            public void recordFirst(EscalationId escalation, String reference) {
                Slot slot = slots.get(escalation);
                if (slot != null) {
                    slot.recordTicket(reference);
                }
            }
        });
        this.dueWork = new InMemoryDueWork(outbox, interner);
    }

    /**
     * The slot of {@code id} once the create that made it has completed: waits for a create still running (it holds
     * the slot's lock), and is null if there is none or that create was refused.
     */
    @Nullable
    Slot visible(EscalationId id) {
        Slot slot = slots.get(id);
        if (slot == null || slot.created) {
            return slot;
        }
        synchronized (slot) {
            return slots.get(id) == slot ? slot : null;
        }
    }

    /** Every escalation as it stands, with its ticket reference; creates still running are not in it yet. */
    List<StoredEscalation> snapshot() {
        List<StoredEscalation> all = new ArrayList<>(slots.size());
        for (Slot slot : slots.values()) {
            if (slot.created) {
                all.add(slot.read());
            }
        }
        return all;
    }

    /** Removes a final escalation with everything it owns; returns whether it was removed. */
    boolean purge(EscalationId id, Instant cutoff) {
        Slot slot = slots.get(id);
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            StoredEscalation s = slot.read();
            if (s.state().isOpen() || !s.updatedAt().isBefore(cutoff) || !slots.remove(id, slot)) {
                return false;
            }
            slot.forgetRead();
            listings.remove(s, slot);
            keys.forgetSubmission(s);
            outbox.dropEscalation(id);
            dueWork.dropEscalation(id);
            return true;
        }
    }
}
