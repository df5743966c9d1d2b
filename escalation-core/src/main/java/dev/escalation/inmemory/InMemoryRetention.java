package dev.escalation.inmemory;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.Resolution;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Erasure and purging for {@link InMemoryEscalationStore}.
 *
 * <p>Erasure works by value: it first collects every personal value of the person the store holds (the messages and
 * entry texts they wrote, their name and address as a participant, attendee or recipient, the pause reasons they gave),
 * then replaces each of those values wherever it stands — records, logs, outbox payloads (pending and dead), due
 * items — so that copies of a value in another place (a ticket update quoting a pause reason) go too. Ids stay.
 */
final class InMemoryRetention implements DataRetention {

    private final StoreState state;

    InMemoryRetention(StoreState state) {
        this.state = state;
    }

    @Override
    public ErasureCounts erasePerson(PartyRef person, String marker) {
        Objects.requireNonNull(person, "person");
        Objects.requireNonNull(marker, "marker");
        Set<String> values = collect(person);
        values.remove(marker);
        values.removeIf(String::isEmpty);
        Eraser eraser = new Eraser(person, values, marker);
        long escalations = 0;
        long entries = 0;
        for (Slot slot : state.slots.values()) {
            long[] changedEntries = {0};
            StoredEscalation before = slot.current;
            slot.rewrite(eraser::escalation, log -> {
                for (int i = 0; i < log.size(); i++) {
                    StoredEntry e = log.get(i);
                    StoredEntry erased = eraser.entry(e);
                    if (!erased.equals(e)) {
                        log.set(i, erased);
                        changedEntries[0]++;
                    }
                }
            });
            if (!slot.current.equals(before)) {
                escalations++;
            }
            entries += changedEntries[0];
        }
        long messages = state.outbox.rewritePayloads(eraser::message);
        long due = state.dueWork.rewriteItems(eraser::due);
        return new ErasureCounts(escalations, entries, messages, due);
    }

    /** Every personal value of {@code person} the store holds. */
    private Set<String> collect(PartyRef person) {
        Set<String> values = new HashSet<>();
        for (Slot slot : state.slots.values()) {
            StoredEscalation s = slot.current;
            if (person.kind() == Party.Kind.CONTACT && s.raisedBy().value().equals(person.id())) {
                values.add(s.message());
            }
            for (Party p : s.participants()) {
                addParty(values, person, p);
            }
            s.lessonsLearned().ifPresent(l -> l.attendees().forEach(p -> addParty(values, person, p)));
            slot.lock.lock();
            try {
                for (StoredEntry e : slot.log) {
                    if (isActor(person, e.actor())) {
                        e.text().ifPresent(values::add);
                    }
                    EntryParam about = e.params().get("participant");
                    if (about instanceof EntryParam.Ref r
                            && r.value().equals(person.id())
                            && e.params().get("participantName") instanceof EntryParam.Text name) {
                        values.add(name.value());
                    }
                }
            } finally {
                slot.lock.unlock();
            }
        }
        for (OutboxMessage m : state.outbox.waiting()) {
            if (m.effect() instanceof NotificationRequest n) {
                addParty(values, person, n.recipient());
                n.invite().ifPresent(i -> {
                    addParty(values, person, i.organizer());
                    i.attendees().forEach(p -> addParty(values, person, p));
                });
            } else if (m.effect() instanceof TicketCommand.AddParticipant a) {
                addParty(values, person, a.participant());
            } else if (m.effect() instanceof TicketCommand.RemoveParticipant r) {
                addParty(values, person, r.participant());
            }
        }
        return values;
    }

    private static void addParty(Set<String> values, PartyRef person, Party p) {
        if (PartyRef.of(p).equals(person)) {
            values.add(p.displayName());
            values.add(p.email());
        }
    }

    static boolean isActor(PartyRef person, ActorRef actor) {
        return actor.id().equals(person.id())
                && ((actor.kind() == ActorRef.Kind.CONTACT && person.kind() == Party.Kind.CONTACT)
                        || (actor.kind() == ActorRef.Kind.STAFF && person.kind() == Party.Kind.STAFF));
    }

    @Override
    public int purgeFinalBefore(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<EscalationId> candidates = new ArrayList<>();
        for (StoredEscalation s : state.snapshot()) {
            if (!s.state().isOpen() && s.updatedAt().isBefore(cutoff)) {
                candidates.add(s.id());
            }
        }
        int purged = 0;
        for (EscalationId id : candidates) {
            if (purged == limit) {
                break;
            }
            if (state.purge(id, cutoff)) {
                purged++;
            }
        }
        return purged;
    }

    @Override
    public int purgeDeliveredBefore(Instant cutoff, Instant now, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(now, "now");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Instant earliest = now.minus(state.deduplicationWindow);
        if (cutoff.isAfter(earliest)) {
            throw new IllegalArgumentException(
                    "cut-off " + cutoff + " is inside the de-duplication window (after " + earliest + ")");
        }
        // delivered messages leave memory at once; what is left of them is their key, forgotten after the window
        return state.outbox.purgeDeliveredBefore(cutoff, limit);
    }

    /** Replaces one person's values and references. */
    private record Eraser(PartyRef person, Set<String> values, String marker) {

        String text(String s) {
            if (values.contains(s)) {
                return marker;
            }
            String result = s;
            for (String v : values) {
                if (result.contains(v)) {
                    result = result.replace(v, marker);
                }
            }
            return result;
        }

        Optional<String> text(Optional<String> s) {
            return s.map(this::text);
        }

        Party party(Party p) {
            return PartyRef.of(p).equals(person) ? new Party(p.kind(), p.id(), marker, marker) : p;
        }

        List<Party> parties(List<Party> ps) {
            List<Party> result = new ArrayList<>(ps.size());
            ps.forEach(p -> result.add(party(p)));
            return result;
        }

        Map<String, EntryParam> params(Map<String, EntryParam> params) {
            Map<String, EntryParam> result = new LinkedHashMap<>();
            params.forEach((k, v) ->
                    result.put(k, v instanceof EntryParam.Text t ? new EntryParam.Text(text(t.value())) : v));
            return result;
        }

        StoredEscalation escalation(StoredEscalation s) {
            EscalationFacts f = s.facts();
            List<ExcludedSpan> spans = new ArrayList<>();
            f.excluded().forEach(x -> spans.add(new ExcludedSpan(x.from(), x.to(), x.kind(), text(x.reason()))));
            EscalationFacts facts = new EscalationFacts(
                    f.entryCount(),
                    f.acknowledgedAt(),
                    f.resolvedAt(),
                    f.pausedSince(),
                    text(f.pauseReason()),
                    spans,
                    f.lastMeetingHeldAt(),
                    f.nextMeetingAt(),
                    f.nextDeadline(),
                    f.openImprovementActions(),
                    f.invitations(),
                    f.legacy(),
                    f.lastContactAt(),
                    f.planInvitations());
            Optional<Resolution> resolution =
                    s.resolution().map(r -> new Resolution(text(r.summary()), r.resolvedAt(), r.resolvedBy()));
            Optional<LessonsLearned> lessons = s.lessonsLearned().map(l -> {
                List<ImprovementAction> actions = new ArrayList<>();
                l.actions()
                        .forEach(a -> actions.add(
                                new ImprovementAction(text(a.description()), text(a.owner()), a.due(), a.status())));
                return new LessonsLearned(
                        l.status(),
                        l.scheduledAt(),
                        parties(l.attendees()),
                        text(l.findings()),
                        actions,
                        text(l.note()));
            });
            boolean raisedByPerson =
                    person.kind() == Party.Kind.CONTACT && s.raisedBy().value().equals(person.id());
            return new StoredEscalation(
                    s.id(),
                    s.version(),
                    s.customer(),
                    s.caseId(),
                    s.state(),
                    s.raisedBy(),
                    s.intake(),
                    raisedByPerson ? marker : text(s.message()),
                    s.cause(),
                    s.criticality(),
                    s.submissionKey(),
                    s.raisedAt(),
                    s.updatedAt(),
                    s.manager(),
                    s.plan(),
                    s.proposal(),
                    parties(s.participants()),
                    resolution,
                    lessons,
                    s.policy(),
                    s.hotline(),
                    facts,
                    s.ticketReference());
        }

        StoredEntry entry(StoredEntry e) {
            Optional<String> text = isActor(person, e.actor()) ? e.text().map(t -> marker) : text(e.text());
            return new StoredEntry(
                    e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), text, params(e.params()), e.chain());
        }

        OutboxMessage message(OutboxMessage m) {
            SideEffect effect = m.effect();
            SideEffect erased;
            if (effect instanceof NotificationRequest n) {
                erased = new NotificationRequest(
                        n.idempotencyKey(),
                        n.escalation(),
                        n.caseId(),
                        n.kind(),
                        n.channel(),
                        party(n.recipient()),
                        params(n.params()),
                        text(n.text()),
                        n.invite().map(this::invite));
            } else if (effect instanceof TicketCommand.Open o) {
                erased = new TicketCommand.Open(
                        o.idempotencyKey(),
                        o.escalation(),
                        o.customer(),
                        o.caseId(),
                        text(o.subject()),
                        text(o.description()),
                        o.criticality());
            } else if (effect instanceof TicketCommand.AddParticipant a) {
                erased = new TicketCommand.AddParticipant(a.idempotencyKey(), a.escalation(), party(a.participant()));
            } else if (effect instanceof TicketCommand.RemoveParticipant r) {
                erased =
                        new TicketCommand.RemoveParticipant(r.idempotencyKey(), r.escalation(), party(r.participant()));
            } else if (effect instanceof TicketCommand.PostUpdate u) {
                erased = new TicketCommand.PostUpdate(
                        u.idempotencyKey(), u.escalation(), text(u.text()), u.visibility());
            } else if (effect instanceof TicketCommand.ChangeStatus c) {
                erased = new TicketCommand.ChangeStatus(c.idempotencyKey(), c.escalation(), c.status(), text(c.note()));
            } else {
                erased = effect;
            }
            return erased.equals(effect)
                    ? m
                    : new OutboxMessage(
                            m.id(),
                            m.customer(),
                            erased,
                            m.createdAt(),
                            m.nextAttemptAt(),
                            m.attempts(),
                            m.lastError(),
                            m.deadCode());
        }

        MeetingInvite invite(MeetingInvite i) {
            return new MeetingInvite(
                    i.uid(),
                    text(i.title()),
                    i.start(),
                    i.duration(),
                    party(i.organizer()),
                    parties(i.attendees()),
                    i.sequence(),
                    i.method(),
                    i.recurrence());
        }

        DueItem due(DueItem d) {
            Map<String, String> data = new LinkedHashMap<>();
            d.data().forEach((k, v) -> data.put(k, text(v)));
            return new DueItem(d.key(), d.escalation(), d.customer(), d.kind(), d.step(), d.dueAt(), data);
        }
    }
}
