package dev.escalation.inmemory;

import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Erasure, purging and export for {@link InMemoryEscalationStore}.
 *
 * <p>Erasure works in the escalations that concern the person (they raised, manage or resolved it, take part, attend,
 * own an improvement action: {@link PersonalData#concerns}; wrote an entry, or an entry names them) and in the outbox
 * messages and due items of those escalations or addressed to them. It replaces whole: the texts they wrote, their name
 * and address wherever a party is them, the participant name of an entry about them. It then replaces their values
 * where they were copied: a text equal to a value in an outbox payload, due item or the facts; and a value of at least
 * {@value Eraser#MIN_CONTAINED} characters inside any text of that scope. Shorter values (such as "ok") are never
 * replaced inside other texts or in other people's entries, so erasure does not erase other people's words that happen
 * to match. Ids stay.
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
        List<Slot> scope = scope(person);
        Set<EscalationId> ids = new HashSet<>();
        scope.forEach(slot -> ids.add(slot.record.id));
        Set<String> values = collect(person, scope);
        values.remove(marker);
        values.removeIf(String::isEmpty);
        Eraser eraser = new Eraser(person, values, marker);
        long escalations = 0;
        long entries = 0;
        for (Slot slot : scope) {
            long[] changedEntries = {0};
            StoredEscalation before = slot.read();
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
            if (!slot.read().equals(before)) {
                escalations++;
            }
            entries += changedEntries[0];
        }
        long messages = state.outbox.rewritePayloads(
                m -> ids.contains(m.escalation()) || namesPerson(m, person) ? eraser.message(m) : m);
        long due = state.dueWork.rewriteItems(d -> ids.contains(d.escalation()) ? eraser.due(d) : d);
        return new ErasureCounts(escalations, entries, messages, due);
    }

    @Override
    public PersonalData exportPerson(PartyRef person) {
        Objects.requireNonNull(person, "person");
        List<Slot> scope = scope(person);
        Set<String> values = collect(person, scope);
        values.removeIf(String::isEmpty);
        Eraser finder = new Eraser(person, values, "\u0000");
        Set<EscalationId> ids = new HashSet<>();
        List<StoredEscalation> escalations = new ArrayList<>();
        List<PersonalData.Entry> entries = new ArrayList<>();
        for (Slot slot : scope) {
            synchronized (slot) {
                escalations.add(slot.read());
                ids.add(slot.record.id);
                for (StoredEntry e : slot.log) {
                    if (Eraser.isActor(person, e.actor()) || Eraser.aboutPerson(e, person)) {
                        entries.add(new PersonalData.Entry(slot.record.id, e));
                    }
                }
            }
        }
        List<OutboxMessage> messages = new ArrayList<>();
        for (OutboxMessage m : state.outbox.waiting()) {
            if (namesPerson(m, person)
                    || (ids.contains(m.escalation()) && !finder.message(m).equals(m))) {
                messages.add(m);
            }
        }
        List<DueItem> due = new ArrayList<>();
        for (DueItem d : state.dueWork.items()) {
            if (ids.contains(d.escalation()) && !finder.due(d).equals(d)) {
                due.add(d);
            }
        }
        escalations.sort(java.util.Comparator.comparing(s -> s.id().value()));
        entries.sort(java.util.Comparator.comparing(
                        (PersonalData.Entry e) -> e.escalation().value())
                .thenComparingLong(e -> e.entry().sequence()));
        messages.sort(java.util.Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()));
        due.sort(java.util.Comparator.comparing(DueItem::key));
        return new PersonalData(person, escalations, entries, messages, due);
    }

    /** The escalations that concern the person, in id order. */
    private List<Slot> scope(PartyRef person) {
        List<Slot> scope = new ArrayList<>();
        for (Slot slot : state.slots.values()) {
            if (concerns(slot, person)) {
                scope.add(slot);
            }
        }
        scope.sort(java.util.Comparator.comparing(slot -> slot.record.id.value()));
        return scope;
    }

    private static boolean concerns(Slot slot, PartyRef person) {
        synchronized (slot) {
            if (!slot.created) {
                return false; // a refused create (a running one held the lock until it was done)
            }
            if (PersonalData.concerns(person, slot.read())) {
                return true;
            }
            for (StoredEntry e : slot.log) {
                if (Eraser.isActor(person, e.actor()) || Eraser.aboutPerson(e, person)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether a message is addressed to the person or names them as a party. */
    private static boolean namesPerson(OutboxMessage m, PartyRef person) {
        if (m.effect() instanceof NotificationRequest n) {
            return PartyRef.of(n.recipient()).equals(person)
                    || n.invite()
                            .map(i -> PartyRef.of(i.organizer()).equals(person)
                                    || i.attendees().stream()
                                            .anyMatch(p -> PartyRef.of(p).equals(person)))
                            .orElse(false);
        } else if (m.effect() instanceof TicketCommand.AddParticipant a) {
            return PartyRef.of(a.participant()).equals(person);
        } else if (m.effect() instanceof TicketCommand.RemoveParticipant r) {
            return PartyRef.of(r.participant()).equals(person);
        }
        return false;
    }

    /** Every personal value of {@code person} the store holds in the escalations of the scope and in the outbox. */
    private Set<String> collect(PartyRef person, List<Slot> scope) {
        Set<String> values = new HashSet<>();
        for (Slot slot : scope) {
            StoredEscalation s = slot.read();
            if (person.kind() == Party.Kind.CONTACT && s.raisedBy().value().equals(person.id())) {
                values.add(s.message());
            }
            s.resolution()
                    .filter(r -> person.kind() == Party.Kind.STAFF
                            && r.resolvedBy().value().equals(person.id()))
                    .ifPresent(r -> values.add(r.summary()));
            for (Party p : s.participants()) {
                addParty(values, person, p);
            }
            s.lessonsLearned().ifPresent(l -> l.attendees().forEach(p -> addParty(values, person, p)));
            synchronized (slot) {
                for (StoredEntry e : slot.log) {
                    if (Eraser.isActor(person, e.actor())) {
                        e.text().ifPresent(values::add);
                        if (e.kind() != dev.escalation.model.ProgressKind.LEGACY_TEXT) {
                            e.params().forEach((k, v) -> {
                                if (v instanceof EntryParam.Text t && !k.equals(Eraser.PARTICIPANT_NAME)) {
                                    values.add(t.value());
                                }
                            });
                        }
                    }
                    if (Eraser.aboutPerson(e, person)
                            && e.params().get(Eraser.PARTICIPANT_NAME) instanceof EntryParam.Text name) {
                        values.add(name.value());
                    }
                }
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

    /** Picks the batch as {@link #purgeFinalBefore(Instant, int)} does, names it, then purges it. */
    @Override
    public int purgeFinalBefore(Instant cutoff, int limit, Consumer<List<EscalationId>> beforeDelete) {
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(beforeDelete, "beforeDelete");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<EscalationId> batch = new ArrayList<>();
        for (StoredEscalation s : state.snapshot()) {
            if (batch.size() == limit) {
                break;
            }
            if (!s.state().isOpen() && s.updatedAt().isBefore(cutoff)) {
                batch.add(s.id());
            }
        }
        if (batch.isEmpty()) {
            return 0;
        }
        beforeDelete.accept(List.copyOf(batch));
        int purged = 0;
        for (EscalationId id : batch) {
            if (state.purge(id, cutoff)) { // false for one changed (or purged by another run) since it was picked
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
}
