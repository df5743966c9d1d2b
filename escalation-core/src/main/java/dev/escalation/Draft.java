package dev.escalation;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.Criticality;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationState;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Resolution;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.ProgressEntry;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next version of an escalation while a command builds it: new log entries and side effects are collected
 * and written in one store call. Idempotency keys are {@code escalation/version/n}: stable because the outbox
 * stores them, unique because versions are.
 */
final class Draft {
    final EscalationRecord base;
    final Instant now;
    EscalationState state;
    Criticality criticality;
    Optional<StaffId> manager;
    Optional<CommunicationPlan> plan;
    List<Party> participants;
    Optional<Resolution> resolution;
    Optional<LessonsLearned> lessonsLearned;
    Optional<dev.escalation.model.PolicyRef> policy;
    private final List<ProgressEntry> entries = new ArrayList<>(2);
    private final List<SideEffect> effects = new ArrayList<>(4);

    private final long baseVersion;

    Draft(EscalationRecord base, Instant now) {
        this(base, base.version(), now);
    }

    /** For a new escalation: {@code template} holds its first field values, {@code baseVersion} is 0. */
    Draft(EscalationRecord template, long baseVersion, Instant now) {
        this.base = template;
        this.baseVersion = baseVersion;
        this.now = now;
        this.state = base.state();
        this.criticality = base.criticality();
        this.manager = base.manager();
        this.plan = base.plan();
        this.participants = base.participants();
        this.resolution = base.resolution();
        this.lessonsLearned = base.lessonsLearned();
        this.policy = base.policy();
    }

    long nextVersion() {
        return baseVersion + 1;
    }

    Draft log(ProgressKind kind, ActorRef actor, Visibility visibility, String text, Map<String, String> details) {
        long sequence = base.progress().size() + entries.size() + 1L;
        entries.add(new ProgressEntry(sequence, now, kind, actor, visibility, text, details));
        return this;
    }

    private String nextKey() {
        return base.id().value() + "/" + nextVersion() + "/" + (effects.size() + 1);
    }

    Draft notify(
            NotificationKind kind,
            Party recipient,
            String subject,
            String body,
            Map<String, String> data,
            Optional<MeetingInvite> invite) {
        effects.add(new Notification(
                nextKey(),
                base.id(),
                base.caseId(),
                kind,
                DeliveryChannel.EMAIL,
                recipient,
                subject,
                body,
                data,
                invite));
        return this;
    }

    Draft notifyAll(NotificationKind kind, List<Party> recipients, String subject, String body) {
        for (Party p : recipients) {
            notify(
                    kind,
                    p,
                    subject,
                    body,
                    Map.of("state", state.name(), "criticality", criticality.name()),
                    Optional.empty());
        }
        return this;
    }

    Draft ticketOpen(String subject, String description) {
        effects.add(new TicketCommand.Open(
                nextKey(), base.id(), base.customer(), base.caseId(), subject, description, criticality));
        return this;
    }

    Draft ticketUpdate(String text, Visibility visibility) {
        effects.add(new TicketCommand.PostUpdate(nextKey(), base.id(), text, visibility));
        return this;
    }

    Draft ticketAdd(Party participant) {
        effects.add(new TicketCommand.AddParticipant(nextKey(), base.id(), participant));
        return this;
    }

    Draft ticketRemove(Party participant) {
        effects.add(new TicketCommand.RemoveParticipant(nextKey(), base.id(), participant));
        return this;
    }

    Draft ticketStatus(dev.escalation.model.TicketStatus status, String note) {
        effects.add(new TicketCommand.ChangeStatus(nextKey(), base.id(), status, note));
        return this;
    }

    Draft addParticipant(Party party) {
        if (participants.stream().noneMatch(p -> p.id().equals(party.id()))) {
            List<Party> copy = new ArrayList<>(participants);
            copy.add(party);
            participants = copy;
        }
        return this;
    }

    Draft removeParticipant(String id) {
        List<Party> copy = new ArrayList<>(participants);
        copy.removeIf(p -> p.id().equals(id));
        participants = copy;
        return this;
    }

    List<ProgressEntry> newEntries() {
        return entries;
    }

    EscalationRecord toRecord() {
        List<ProgressEntry> progress;
        if (entries.isEmpty()) {
            progress = base.progress();
        } else {
            progress = new ArrayList<>(base.progress().size() + entries.size());
            progress.addAll(base.progress());
            progress.addAll(entries);
        }
        return new EscalationRecord(
                base.id(),
                nextVersion(),
                base.customer(),
                base.caseId(),
                state,
                base.raisedBy(),
                base.message(),
                base.cause(),
                criticality,
                base.submissionKey(),
                base.raisedAt(),
                now,
                manager,
                plan,
                participants,
                resolution,
                lessonsLearned,
                policy,
                progress);
    }

    List<OutboxMessage> messages() {
        List<OutboxMessage> messages = new ArrayList<>(effects.size());
        for (SideEffect e : effects) {
            messages.add(OutboxMessage.pending(MessageId.of(e.idempotencyKey()), base.customer(), e, now));
        }
        return messages;
    }
}
