package dev.escalation;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox at least once (retrying with exponential backoff stored as the next attempt, dead-lettering
 * after the maximum attempts) and turns due items into reminders. Nothing here sleeps: a run claims what is due
 * now and returns.
 */
final class Delivery {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationEngine.class);

    private final Clock clock;
    private final EscalationStore store;
    private final StaffDirectory staff;
    private final Notifier notifier;
    private final Ticketing ticketing;
    private final String claimant;
    private final Duration lease;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;

    Delivery(
            Clock clock,
            EscalationStore store,
            StaffDirectory staff,
            Notifier notifier,
            Ticketing ticketing,
            String claimant,
            Duration lease,
            int batchSize,
            int maxAttempts,
            Duration baseBackoff,
            Duration maxBackoff) {
        this.clock = clock;
        this.store = store;
        this.staff = staff;
        this.notifier = notifier;
        this.ticketing = ticketing;
        this.claimant = claimant;
        this.lease = lease;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    DeliveryReport deliverPending() {
        DeliveryReport total = new DeliveryReport(0, 0, 0);
        while (true) {
            List<ClaimedMessage> batch =
                    Workflow.call(() -> store.outbox().claim(claimant, clock.instant(), lease, batchSize));
            if (batch.isEmpty()) {
                return total;
            }
            int delivered = 0;
            int retried = 0;
            int dead = 0;
            for (ClaimedMessage c : batch) {
                switch (deliver(c)) {
                    case DELIVERED -> delivered++;
                    case RETRY -> retried++;
                    default -> dead++;
                }
            }
            total = total.plus(new DeliveryReport(delivered, retried, dead));
            if (delivered == 0) {
                return total; // everything claimed failed: wait for the next attempt times
            }
        }
    }

    private enum Outcome {
        DELIVERED,
        RETRY,
        DEAD
    }

    private Outcome deliver(ClaimedMessage c) {
        OutboxMessage m = c.message();
        try {
            if (m.effect() instanceof Notification n) {
                notifier.send(n);
            } else {
                ((TicketCommand) m.effect()).applyTo(ticketing);
            }
        } catch (PermanentDeliveryException e) {
            store.outbox().deadLetter(c, reason(e));
            Workflow.withMdc(
                    m.escalation(), () -> LOG.warn("side effect {} dead-lettered: {}", m.idempotencyKey(), reason(e)));
            return Outcome.DEAD;
        } catch (RuntimeException e) {
            int attempts = m.attempts() + 1;
            if (attempts >= maxAttempts) {
                store.outbox().deadLetter(c, reason(e));
                Workflow.withMdc(
                        m.escalation(),
                        () -> LOG.warn(
                                "side effect {} dead-lettered after {} attempts: {}",
                                m.idempotencyKey(),
                                attempts,
                                reason(e)));
                return Outcome.DEAD;
            }
            Instant next = clock.instant().plus(backoff(attempts));
            store.outbox().retryLater(c, next, reason(e));
            Workflow.withMdc(
                    m.escalation(),
                    () -> LOG.info(
                            "side effect {} failed (attempt {}), retry at {}: {}",
                            m.idempotencyKey(),
                            attempts,
                            next,
                            reason(e)));
            return Outcome.RETRY;
        }
        store.outbox().complete(c);
        return Outcome.DELIVERED;
    }

    Duration backoff(int attempts) {
        Duration d = baseBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** The exception's type only: adapter messages may carry personal data (addresses, texts). */
    private static String reason(RuntimeException e) {
        return e.getClass().getSimpleName();
    }

    DeliveryReport processDueWork() {
        int done = 0;
        while (true) {
            Instant now = clock.instant();
            List<ClaimedDue> batch = Workflow.call(() -> store.dueWork().claim(claimant, now, lease, batchSize));
            if (batch.isEmpty()) {
                return new DeliveryReport(done, 0, 0);
            }
            for (ClaimedDue c : batch) {
                List<OutboxMessage> followUps = followUps(c.item(), now);
                if (store.dueWork().complete(c, followUps)) {
                    done++;
                }
            }
        }
    }

    /**
     * The notifications a due item causes. Meeting reminders go to the Escalation Manager and the Incident Manager
     * who escalated (only one of them when the item's {@code audience} says so: quiet hours split them); SLA
     * warnings to the Escalation Manager (Support Management before one is appointed); breaches and their repeats
     * to the next level, every Head of Support (Support Management if there is none). Keys are the item's key plus the recipient, so a re-run queues
     * nothing new.
     */
    private List<OutboxMessage> followUps(DueItem item, Instant now) {
        Optional<EscalationRecord> r = Workflow.call(() -> store.find(item.escalation()));
        if (r.isEmpty()) {
            return List.of();
        }
        EscalationRecord record = r.get();
        List<Party> to = new ArrayList<>();
        NotificationKind kind = NotificationKind.REMINDER;
        String subject;
        String body;
        if (item.kind() == DueKind.NEXT_MEETING) {
            String audience = item.data().getOrDefault(SlaClock.AUDIENCE, "all");
            if (!audience.equals("customer")) {
                record.manager()
                        .flatMap(id -> Workflow.call(() -> staff.member(id)))
                        .ifPresent(m -> to.add(m.asParty()));
            }
            if (!audience.equals("staff")) {
                record.participants().stream()
                        .filter(p -> p.id().equals(record.raisedBy().value()))
                        .findFirst()
                        .ifPresent(to::add);
            }
            subject = "[Escalation " + record.id() + "] case " + record.caseId() + ": meeting due";
            body = "The next meeting of the communication plan is due at "
                    + item.data().getOrDefault("dueAt", item.dueAt().toString()) + ".";
        } else {
            String what = item.kind() == DueKind.FIRST_CONTACT ? "first contact" : "resolution";
            String due = item.data().getOrDefault("dueAt", item.dueAt().toString());
            if (item.step().equals(SlaClock.WARNING)) {
                Optional<Party> manager = record.manager()
                        .flatMap(id -> Workflow.call(() -> staff.member(id)))
                        .map(m -> m.asParty());
                if (manager.isPresent()) {
                    to.add(manager.get());
                } else {
                    Workflow.call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT))
                            .forEach(m -> to.add(m.asParty()));
                }
                subject = "[Escalation " + record.id() + "] case " + record.caseId() + ": " + what + " due soon";
                body = "The " + what + " deadline of this escalation is due at " + due + ".";
            } else {
                kind = NotificationKind.DEADLINE_BREACHED;
                List<dev.escalation.spi.StaffMember> next =
                        Workflow.call(() -> staff.withRole(StaffRole.HEAD_OF_SUPPORT));
                if (next.isEmpty()) { // nobody holds the next level: Support Management must learn of the breach
                    next = Workflow.call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT));
                }
                next.forEach(m -> to.add(m.asParty()));
                subject = "[Escalation " + record.id() + "] case " + record.caseId() + ": " + what + " deadline missed";
                body = "The " + what + " deadline of this escalation was due at " + due + " and is not met ("
                        + item.step() + ").";
            }
        }
        List<OutboxMessage> result = new ArrayList<>(to.size());
        for (Party p : to) {
            String key = item.key() + "/" + p.id();
            Notification n = new Notification(
                    key,
                    record.id(),
                    record.caseId(),
                    kind,
                    DeliveryChannel.EMAIL,
                    p,
                    subject,
                    body,
                    Map.of(
                            "kind",
                            item.kind().name(),
                            "step",
                            item.step(),
                            "dueAt",
                            item.dueAt().toString()),
                    Optional.empty());
            result.add(OutboxMessage.pending(MessageId.of(key), record.customer(), n, now));
        }
        return result;
    }
}
