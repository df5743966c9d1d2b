package dev.escalation.inmemory;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.Resolution;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Replaces one person's values and references (see {@link InMemoryRetention} for the rule). */
record Eraser(PartyRef person, Set<String> values, String marker) {

    /** Values shorter than this are replaced only where a copied text equals them, never inside texts. */
    static final int MIN_CONTAINED = 8;

    static final String PARTICIPANT_NAME = "participantName";

    /**
     * Orders the values longest first: a value that holds another of theirs (a message that starts with their name, an
     * update that repeats an earlier one) is replaced whole inside other texts, not cut around the shorter one.
     */
    Eraser {
        List<String> longestFirst = new ArrayList<>(values);
        longestFirst.sort(Comparator.comparingInt(String::length).reversed());
        values = new LinkedHashSet<>(longestFirst);
    }

    static boolean isActor(PartyRef person, ActorRef actor) {
        return actor.id().equals(person.id())
                && ((actor.kind() == ActorRef.Kind.CONTACT && person.kind() == Party.Kind.CONTACT)
                        || (actor.kind() == ActorRef.Kind.STAFF && person.kind() == Party.Kind.STAFF));
    }

    /** Whether an entry is about the person ({@link PersonalData#isAbout}). */
    static boolean aboutPerson(StoredEntry e, PartyRef person) {
        return PersonalData.isAbout(person, e.kind(), e.params());
    }

    /** A text of the escalation or of someone else's entry: whole values and long values inside it. */
    String text(String s) {
        return replaced(s, false);
    }

    /** A copy the engine made (outbox payload, due data, facts): also short values where the whole text is one. */
    String copy(String s) {
        return replaced(s, true);
    }

    private String replaced(String s, boolean copy) {
        if (values.contains(s) && (copy || s.length() >= MIN_CONTAINED)) {
            return marker;
        }
        String result = s;
        for (String v : values) {
            if (v.length() >= MIN_CONTAINED && result.contains(v)) {
                result = result.replace(v, marker);
            }
        }
        return result;
    }

    Optional<String> text(Optional<String> s) {
        return s.map(this::text);
    }

    Optional<String> copy(Optional<String> s) {
        return s.map(this::copy);
    }

    /**
     * A party that is the person, with the marker for their name and address; an external stakeholder's id is their
     * address, so it goes too (their entries keep it as the {@code participant} reference, which the audit chain
     * hashes and by which a later export and erasure find them again).
     */
    Party party(Party p) {
        if (!PartyRef.of(p).equals(person)) {
            return p;
        }
        return new Party(p.kind(), p.kind() == Party.Kind.EXTERNAL ? marker : p.id(), marker, marker);
    }

    List<Party> parties(List<Party> ps) {
        List<Party> result = new ArrayList<>(ps.size());
        ps.forEach(p -> result.add(party(p)));
        return result;
    }

    /** A payload's parameters: copies. */
    Map<String, EntryParam> params(Map<String, EntryParam> params) {
        Map<String, EntryParam> result = new LinkedHashMap<>();
        params.forEach((k, v) ->
                result.put(k, v instanceof EntryParam.Text t ? new EntryParam.Text(copy(t.value())) : v));
        return result;
    }

    /**
     * An entry's parameters: an entry they wrote loses its Text parameters (their words) except a participant's
     * name; an entry about them loses the participant's name; others keep all but long values.
     */
    Map<String, EntryParam> entryParams(StoredEntry e) {
        boolean authored = isActor(person, e.actor()) && e.kind() != dev.escalation.model.ProgressKind.LEGACY_TEXT;
        boolean about = aboutPerson(e, person);
        Map<String, EntryParam> result = new LinkedHashMap<>();
        e.params().forEach((k, v) -> {
            if (v instanceof EntryParam.Text t) {
                boolean name = k.equals(PARTICIPANT_NAME);
                boolean whole = name ? about : authored;
                result.put(k, new EntryParam.Text(whole ? marker : text(t.value())));
            } else {
                result.put(k, v);
            }
        });
        return result;
    }

    StoredEscalation escalation(StoredEscalation s) {
        EscalationFacts f = s.facts();
        List<ExcludedSpan> spans = new ArrayList<>();
        f.excluded().forEach(x -> spans.add(new ExcludedSpan(x.from(), x.to(), x.kind(), copy(x.reason()))));
        EscalationFacts facts = new EscalationFacts(
                f.entryCount(),
                f.acknowledgedAt(),
                f.resolvedAt(),
                f.pausedSince(),
                copy(f.pauseReason()),
                spans,
                f.lastMeetingHeldAt(),
                f.nextMeetingAt(),
                f.nextDeadline(),
                f.openImprovementActions(),
                f.invitations(),
                f.legacy(),
                f.lastContactAt(),
                f.planInvitations(),
                f.chainHead()); // every component that is no personal data stays as it was
        Optional<Resolution> resolution = s.resolution()
                .map(r -> new Resolution(
                        person.kind() == Party.Kind.STAFF
                                        && r.resolvedBy().value().equals(person.id())
                                ? marker
                                : text(r.summary()),
                        r.resolvedAt(),
                        r.resolvedBy()));
        Optional<LessonsLearned> lessons = s.lessonsLearned().map(l -> {
            List<ImprovementAction> actions = new ArrayList<>();
            l.actions()
                    .forEach(a -> actions.add(new ImprovementAction(
                            text(a.description()), text(a.owner()), a.due(), a.status(), a.ownerKind())));
            return new LessonsLearned(
                    l.status(), l.scheduledAt(), parties(l.attendees()), text(l.findings()), actions, text(l.note()));
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
                e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), text, entryParams(e), e.chain());
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
                    copy(n.text()),
                    n.invite().map(this::invite));
        } else if (effect instanceof TicketCommand.Open o) {
            erased = new TicketCommand.Open(
                    o.idempotencyKey(),
                    o.escalation(),
                    o.customer(),
                    o.caseId(),
                    copy(o.subject()),
                    copy(o.description()),
                    o.criticality());
        } else if (effect instanceof TicketCommand.AddParticipant a) {
            erased = new TicketCommand.AddParticipant(a.idempotencyKey(), a.escalation(), party(a.participant()));
        } else if (effect instanceof TicketCommand.RemoveParticipant r) {
            erased = new TicketCommand.RemoveParticipant(r.idempotencyKey(), r.escalation(), party(r.participant()));
        } else if (effect instanceof TicketCommand.PostUpdate u) {
            erased = new TicketCommand.PostUpdate(u.idempotencyKey(), u.escalation(), copy(u.text()), u.visibility());
        } else if (effect instanceof TicketCommand.ChangeStatus c) {
            erased = new TicketCommand.ChangeStatus(c.idempotencyKey(), c.escalation(), c.status(), copy(c.note()));
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
                copy(i.title()),
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
        d.data().forEach((k, v) -> data.put(k, copy(v)));
        return new DueItem(d.key(), d.escalation(), d.customer(), d.kind(), d.step(), d.dueAt(), data);
    }
}
