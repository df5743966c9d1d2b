package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.DeadLetterEntry;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SideEffect;
import java.util.Locale;
import java.util.Optional;

/**
 * The desk's view of the outbox (counts, dead letters, replay) and the change feed, each authorised for staff (the
 * outbox for Support Management or Head of Support).
 */
final class WorkflowOutbox {
    private final Workflow w;
    private final WorkflowReads reads;

    WorkflowOutbox(Workflow w, WorkflowReads reads) {
        this.w = w;
        this.reads = reads;
    }

    OutboxStatus outboxCounts(Actor actor) {
        reads.requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        OutboxCounts c = Ports.call(() -> w.store.outbox().counts());
        return new OutboxStatus(c.pending(), c.dead(), c.nextAttemptAt());
    }

    Page<DeadLetterView> deadLetters(Actor actor, PageRequest page) {
        reads.requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        return StoreRows.movedOn(
                        "the dead letters",
                        page,
                        Ports.call(() -> w.store.outbox().deadLetterEntries(page)))
                .map(WorkflowOutbox::deadLetter);
    }

    /** The view of a dead letter; one the store cannot read back shows what the store can tell of it. */
    static DeadLetterView deadLetter(DeadLetterEntry letter) {
        if (letter instanceof DeadLetterEntry.Readable r) {
            return deadLetter(r.message());
        }
        DeadLetterEntry.Unreadable u = (DeadLetterEntry.Unreadable) letter;
        Class<? extends SideEffect> type = u.effectType().orElse(null);
        return new DeadLetterView(
                u.id(),
                u.escalation(),
                u.customer(),
                u.target() == OutboxMessage.Target.NOTIFICATION
                        ? DeadLetterView.Target.NOTIFICATION
                        : DeadLetterView.Target.TICKETING,
                type == null || NotificationRequest.class.isAssignableFrom(type)
                        ? DeadLetterView.UNKNOWN_EFFECT
                        : effectName(type),
                Optional.empty(),
                u.createdAt(),
                u.attempts(),
                Optional.of(DeadLetterView.UNREADABLE),
                u.lastError());
    }

    /** A ticket call's name in upper-case words, such as {@code POST_UPDATE}. */
    private static String effectName(Class<?> type) {
        return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static DeadLetterView deadLetter(OutboxMessage m) {
        boolean notification = m.effect() instanceof NotificationRequest;
        String effect = m.effect() instanceof NotificationRequest n
                ? n.kind().name()
                : effectName(m.effect().getClass());
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
        reads.requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        boolean replayed = Ports.call(() -> w.store.outbox().replay(id, w.clock.instant()));
        Ports.LOG.info("dead letter {} replayed by {}: {}", id, actor, replayed);
        return replayed;
    }

    int replayAll(Actor actor, EscalationId escalation) {
        reads.requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        int replayed = Ports.call(() -> w.store.outbox().replayAll(escalation, w.clock.instant()));
        Ports.withMdc(
                escalation,
                () -> Ports.LOG.info("{} dead letters of escalation {} replayed by {}", replayed, escalation, actor));
        return replayed;
    }

    /**
     * The store's change feed after a caller's cursor: the feed's {@code IllegalArgumentException} for a cursor it did
     * not issue is the caller's input, refused as {@code cursor.Cursor}, not a store failure.
     */
    static ChangeBatch feed(EscalationStore store, String cursor, int limit) {
        try {
            return Ports.call(() -> store.changesSince(cursor, limit), IllegalArgumentException.class::isInstance);
        } catch (IllegalArgumentException e) {
            throw Inputs.invalid("cursor", "Cursor", "was not issued by this store's change feed");
        }
    }

    ChangeFeed changesSince(Actor actor, String cursor, int limit) {
        reads.requireStaff(actor, null);
        if (cursor == null) {
            throw Inputs.invalid("cursor", "NotNull", "must not be null; start with ChangeFeed.START");
        }
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        ChangeBatch batch = feed(w.store, cursor, limit);
        return new ChangeFeed(
                batch.changes().stream()
                        .map(c -> new EscalationChange(c.escalation(), c.customer(), c.version(), c.state(), c.at()))
                        .toList(),
                batch.cursor());
    }
}
