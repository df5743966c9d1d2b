package dev.escalation;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's reads, each authorised: escalations and their timelines in the actor's scope (a customer's contacts
 * see their customer's only, re-checked on what the store returns), lists and due work. The outbox and the change
 * feed are {@link WorkflowOutbox}'s.
 */
final class WorkflowReads {
    private static final Set<EscalationState> INBOX_DEFAULT =
            EnumSet.of(EscalationState.REQUESTED, EscalationState.ACKNOWLEDGED, EscalationState.ACTIVE);

    private final Workflow w;

    WorkflowReads(Workflow w) {
        this.w = w;
    }

    /** The escalation in the actor's scope, or empty (another customer's escalation is absent). */
    Optional<StoredEscalation> readable(Principal p, EscalationId id) {
        Optional<StoredEscalation> r;
        if (p.isContact()) {
            CustomerId customer = p.contact().get().customer();
            r = Workflow.call(() -> w.store.findForCustomer(customer, id))
                    .filter(x -> StoreRows.asked("read", x, id, customer));
        } else {
            r = Workflow.call(() -> w.store.findForVendor(id)).filter(x -> StoreRows.asked("read", x, id, null));
        }
        r.ifPresent(w::remember);
        return r;
    }

    Optional<EscalationView> find(Actor actor, EscalationId id) {
        Principal p = w.resolve(actor);
        return readable(p, id).map(r -> Views.view(p, r, w.lifecycle, w.when(w.clock.instant())));
    }

    /** A page of the timeline, read from the store by sequence; never the whole log. */
    Page<TimelineEntry> timeline(Actor actor, EscalationId id, PageRequest page) {
        Principal p = w.resolve(actor);
        StoredEscalation r = readable(p, id).orElseThrow(() -> Workflow.notFound(id));
        long after = page.after().map(WorkflowReads::sequenceOf).orElse(0L);
        int limit = Math.min(page.size() + 1, PageRequest.MAX_SIZE);
        List<StoredEntry> slice = p.isContact()
                ? Workflow.call(() -> w.store.entriesForCustomer(r.customer(), id, after, limit))
                : Workflow.call(() -> w.store.entriesForVendor(id, after, limit));
        List<TimelineEntry> items = new ArrayList<>(Math.min(slice.size(), page.size()));
        long last = after;
        int unordered = 0;
        for (StoredEntry e : slice) {
            if (items.size() == page.size()) {
                break;
            }
            if (p.isContact() && e.visibility() != Visibility.CUSTOMER) {
                continue; // the store broke its scope; never leak
            }
            if (e.sequence() <= last) {
                unordered++; // the store broke its order (S2): never an entry twice, never a cursor that goes back
                continue;
            }
            last = e.sequence();
            items.add(TimelineEntry.of(e));
        }
        if (unordered > 0) {
            Ports.LOG.warn(
                    "store fault: the timeline's read returned {} entries out of sequence order; dropped", unordered);
        }
        boolean more = slice.size() > page.size() || (slice.size() == page.size() && limit == page.size());
        Optional<PageCursor> next = more && !items.isEmpty()
                ? Optional.of(new PageCursor(
                        items.get(items.size() - 1).at(),
                        Long.toString(items.get(items.size() - 1).sequence())))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static long sequenceOf(PageCursor cursor) {
        try {
            long sequence = Long.parseLong(cursor.id());
            // the engine issues Long.toString of a sequence: another spelling (+3, 03) was never issued
            if (sequence >= 0 && cursor.id().equals(Long.toString(sequence))) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Inputs.invalid("page", "Cursor", "is not a timeline cursor of this engine");
    }

    Page<EscalationSummary> inbox(Actor actor, Set<EscalationState> states, PageRequest page) {
        requireStaff(actor, null);
        Set<EscalationState> s = states.isEmpty() ? INBOX_DEFAULT : states;
        return StoreRows.movedOn("the inbox", page, Workflow.call(() -> w.store.listForVendor(s, page)));
    }

    List<DueWorkItem> dueWorkBacklog(Actor actor, int limit) {
        requireStaff(actor, null);
        return Workflow.call(() -> w.store.dueWork().due(w.clock.instant(), limit)).stream()
                .map(d -> new DueWorkItem(d.escalation(), d.customer(), d.kind(), d.step(), d.dueAt()))
                .toList();
    }

    void requireStaff(Actor actor, @Nullable StaffRole role) {
        w.staff(actor, role, "this query");
    }
}
