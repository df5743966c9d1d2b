package dev.escalation.inmemory;

import dev.escalation.model.EscalationId;
import dev.escalation.model.TicketStatus;
import dev.escalation.spi.Capability;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link Ticketing} system held in memory: one ticket per escalation with a reference {@code T-n}, participants by
 * e-mail, updates in order. It counts calls per idempotency key, de-duplicates by key (declared as
 * {@link Capability#DEDUPLICATES_BY_KEY}), and can be switched off to simulate an outage.
 */
public final class InMemoryTicketing implements Ticketing {

    /**
     * What the ticketing system holds for one ticket (for tests).
     *
     * @param reference    the ticket's reference
     * @param escalation   the escalation it tracks
     * @param status       its status
     * @param participants watchers' e-mail addresses, in the order added
     * @param updates      notes, in the order posted
     */
    public record Ticket(
            String reference,
            EscalationId escalation,
            TicketStatus status,
            List<String> participants,
            List<String> updates) {
        /**
         * Validates and copies the components.
         *
         * @param reference the ticket's reference
         * @param escalation the escalation it tracks
         * @param status its status
         * @param participants watchers' e-mail addresses, in the order added
         * @param updates notes, in the order posted
         * @throws NullPointerException if a component is null
         */
        public Ticket {
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(escalation, "escalation");
            Objects.requireNonNull(status, "status");
            participants = List.copyOf(participants);
            updates = List.copyOf(updates);
        }
    }

    private static final class State {
        final String reference;
        final EscalationId escalation;
        TicketStatus status = TicketStatus.OPEN;
        final LinkedHashSet<String> participants = new LinkedHashSet<>();
        final List<String> updates = new ArrayList<>();

        State(String reference, EscalationId escalation) {
            this.reference = reference;
            this.escalation = escalation;
        }
    }

    private final Object lock = new Object();
    private final Map<String, State> byReference = new HashMap<>();
    private final Map<EscalationId, String> byEscalation = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Set<String> applied = new HashSet<>();
    private boolean available = true;
    private int nextId = 1;

    /** Creates an available, empty ticketing system. */
    public InMemoryTicketing() {}

    @Override
    public String open(TicketCommand.Open command) {
        Objects.requireNonNull(command, "command");
        synchronized (lock) {
            count(command.idempotencyKey());
            String existing = byEscalation.get(command.escalation());
            if (existing != null) { // a retry, or the case's ticket already linked: the same reference
                applied.add(command.idempotencyKey());
                return existing;
            }
            String reference = "T-" + nextId++;
            byReference.put(reference, new State(reference, command.escalation()));
            byEscalation.put(command.escalation(), reference);
            applied.add(command.idempotencyKey());
            return reference;
        }
    }

    @Override
    public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
        apply(ticket, command, t -> t.participants.add(command.participant().email()));
    }

    @Override
    public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
        apply(ticket, command, t -> t.participants.remove(command.participant().email()));
    }

    @Override
    public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
        apply(ticket, command, t -> t.updates.add(command.text()));
    }

    @Override
    public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
        apply(ticket, command, t -> {
            t.status = command.status();
            if (!command.note().isBlank()) {
                t.updates.add(command.note());
            }
        });
    }

    private void apply(String ticket, TicketCommand command, Consumer<State> change) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(command, "command");
        synchronized (lock) {
            count(command.idempotencyKey());
            if (applied.contains(command.idempotencyKey())) {
                return;
            }
            State state = byReference.get(ticket);
            if (state == null || !state.escalation.equals(command.escalation())) {
                throw new IllegalStateException("no ticket " + ticket + " for escalation " + command.escalation());
            }
            change.accept(state);
            applied.add(command.idempotencyKey());
        }
    }

    private void count(String key) {
        calls.merge(key, 1, Integer::sum);
        if (!available) {
            throw new IllegalStateException("ticketing unavailable (simulated outage)");
        }
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DEDUPLICATES_BY_KEY);
    }

    /**
     * Reads a ticket by its reference.
     *
     * @param reference the reference {@link #open} returned
     * @return the ticket, or empty
     */
    public Optional<Ticket> ticket(String reference) {
        synchronized (lock) {
            return Optional.ofNullable(byReference.get(reference)).map(InMemoryTicketing::snapshot);
        }
    }

    /**
     * Reads the ticket of an escalation.
     *
     * @param escalation the escalation
     * @return its ticket, or empty if none was opened
     */
    public Optional<Ticket> ticketOf(EscalationId escalation) {
        synchronized (lock) {
            return Optional.ofNullable(byEscalation.get(escalation))
                    .map(byReference::get)
                    .map(InMemoryTicketing::snapshot);
        }
    }

    private static Ticket snapshot(State t) {
        return new Ticket(t.reference, t.escalation, t.status, List.copyOf(t.participants), t.updates);
    }

    /**
     * Switches the simulated outage on or off. While unavailable every call throws (and is counted).
     *
     * @param available whether calls succeed
     */
    public void setAvailable(boolean available) {
        synchronized (lock) {
            this.available = available;
        }
    }

    /**
     * Calls per idempotency key, failed ones included.
     *
     * @return a copy of the counts
     */
    public Map<String, Integer> callsPerKey() {
        synchronized (lock) {
            return Map.copyOf(calls);
        }
    }
}
