package dev.escalation;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The engine's reads, each authorised: escalations and their timelines in the actor's scope (a customer's contacts
 * see their customer's only, re-checked on what the store returns), lists, due work, the outbox and the change feed.
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
                    .filter(x -> x.customer().equals(customer) && x.id().equals(id));
        } else {
            r = Workflow.call(() -> w.store.findForVendor(id)).filter(x -> x.id().equals(id));
        }
        r.ifPresent(w::remember);
        return r;
    }

    Optional<EscalationView> find(Actor actor, EscalationId id) {
        Principal p = w.resolve(actor);
        return readable(p, id).map(r -> Views.view(p, r, w.lifecycle));
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
        for (StoredEntry e : slice) {
            if (items.size() == page.size()) {
                break;
            }
            if (p.isContact() && e.visibility() != Visibility.CUSTOMER) {
                continue; // the store broke its scope; never leak
            }
            items.add(TimelineEntry.of(e));
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
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Workflow.invalid("page", "Cursor", "is not a timeline cursor of this engine");
    }

    Page<EscalationSummary> escalationsOfCustomer(Actor actor, PageRequest page) {
        Principal p = w.resolve(actor);
        if (!p.isContact()) {
            throw new NotAuthorizedException(actor, null, actor + " is not a customer contact; use inbox()");
        }
        CustomerId customer = p.contact().get().customer();
        Page<EscalationSummary> result = Workflow.call(() -> w.store.listForCustomer(customer, page));
        return new Page<>(
                result.items().stream()
                        .filter(s -> s.customer().equals(customer))
                        .toList(),
                result.next());
    }

    Page<EscalationSummary> inbox(Actor actor, Set<EscalationState> states, PageRequest page) {
        requireStaff(actor, null);
        Set<EscalationState> s = states.isEmpty() ? INBOX_DEFAULT : states;
        return Workflow.call(() -> w.store.listForVendor(s, page));
    }

    List<OverdueItem> overdue(Actor actor, int limit) {
        requireStaff(actor, null);
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        return Workflow.call(() -> w.store.dueWork().due(w.clock.instant(), limit)).stream()
                .map(d -> new OverdueItem(d.escalation(), d.customer(), d.kind(), d.step(), d.dueAt()))
                .toList();
    }

    // ------------------------------------------------------------------ the outbox and the change feed

    OutboxStatus outboxCounts(Actor actor) {
        requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        OutboxCounts c = Workflow.call(() -> w.store.outbox().counts());
        return new OutboxStatus(c.pending(), c.dead(), c.nextAttemptAt());
    }

    Page<DeadLetterView> deadLetters(Actor actor, PageRequest page) {
        requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        return Workflow.call(() -> w.store.outbox().deadLetters(page)).map(WorkflowReads::deadLetter);
    }

    static DeadLetterView deadLetter(OutboxMessage m) {
        boolean notification = m.effect() instanceof NotificationRequest;
        String effect = m.effect() instanceof NotificationRequest n
                ? n.kind().name()
                : m.effect()
                        .getClass()
                        .getSimpleName()
                        .replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toUpperCase(Locale.ROOT);
        Optional<String> recipient = m.effect() instanceof NotificationRequest n
                ? Optional.of(PartyRef.of(n.recipient()).toString())
                : Optional.empty();
        return new DeadLetterView(
                m.id(),
                m.escalation(),
                m.customer(),
                notification ? DeadLetterView.Target.NOTIFICATION : DeadLetterView.Target.TICKETING,
                effect,
                recipient,
                m.createdAt(),
                m.attempts(),
                m.deadCode(),
                m.lastError());
    }

    boolean replay(Actor actor, MessageId id) {
        requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        boolean replayed = Workflow.call(() -> w.store.outbox().replay(id, w.clock.instant()));
        Workflow.LOG.info("dead letter {} replayed by {}: {}", id, actor, replayed);
        return replayed;
    }

    int replayAll(Actor actor, EscalationId escalation) {
        requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        int replayed = Workflow.call(() -> w.store.outbox().replayAll(escalation, w.clock.instant()));
        Workflow.withMdc(
                escalation,
                () -> Workflow.LOG.info(
                        "{} dead letters of escalation {} replayed by {}", replayed, escalation, actor));
        return replayed;
    }

    ChangeFeed changesSince(Actor actor, String cursor, int limit) {
        requireStaff(actor, null);
        if (cursor == null) {
            throw Workflow.invalid("cursor", "NotNull", "must not be null; start with ChangeFeed.START");
        }
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        ChangeBatch batch;
        try {
            batch = Workflow.call(() -> w.store.changesSince(cursor, limit));
        } catch (IllegalArgumentException e) {
            throw Workflow.invalid("cursor", "Cursor", "was not issued by this store's change feed");
        }
        return new ChangeFeed(
                batch.changes().stream()
                        .map(c -> new EscalationChange(c.escalation(), c.customer(), c.version(), c.state(), c.at()))
                        .toList(),
                batch.cursor());
    }

    void requireStaff(Actor actor, @Nullable StaffRole role) {
        Principal p = w.resolve(actor);
        if (p.staff().isEmpty()) {
            throw new NotAuthorizedException(actor, null, actor + " is not vendor staff; this query is vendor-scoped");
        }
        if (role != null && !p.hasStaffRole(role, StaffRole.HEAD_OF_SUPPORT)) {
            throw new NotAuthorizedException(actor, null, actor + " needs the " + role + " role");
        }
    }
}
