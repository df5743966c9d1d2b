package dev.escalation.test.broken;

import dev.escalation.model.EscalationId;
import dev.escalation.model.TicketStatus;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.TicketSnapshot;
import dev.escalation.spi.Ticketing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link Ticketing} system held in memory: one ticket per escalation, participants by e-mail, updates in order.
 * It counts calls per idempotency key, de-duplicates by key, and can be switched off to simulate an outage.
 */
public final class FaultyTicketing implements Ticketing {

    private final Set<Fault> faults;

    private static final class Ticket {
        final String id;
        TicketStatus status = TicketStatus.OPEN;
        final List<String> participants = new ArrayList<>();
        final List<String> updates = new ArrayList<>();

        Ticket(String id) {
            this.id = id;
        }
    }

    private final Object lock = new Object();
    private final Map<EscalationId, Ticket> tickets = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();
    private final Set<String> applied = new HashSet<>();
    private boolean available = true;
    private int nextId = 1;

    /** Creates an available, empty ticketing system. */
    public FaultyTicketing(Set<Fault> faults) {
        this.faults = Set.copyOf(faults);
    }

    @Override
    public void open(TicketCommand.Open command) {
        apply(command.idempotencyKey(), command.escalation(), true, t -> {});
    }

    @Override
    public void addParticipant(TicketCommand.AddParticipant command) {
        apply(command.idempotencyKey(), command.escalation(), false, t -> {
            if (faults.contains(Fault.LISTS_PARTICIPANT_TWICE)
                    || !t.participants.contains(command.participant().email())) {
                t.participants.add(command.participant().email());
            }
        });
    }

    @Override
    public void removeParticipant(TicketCommand.RemoveParticipant command) {
        apply(command.idempotencyKey(), command.escalation(), false, t -> {
            if (!t.participants.remove(command.participant().email()) && faults.contains(Fault.REMOVING_ABSENT_FAILS)) {
                throw new IllegalStateException("not a participant");
            }
        });
    }

    @Override
    public void postUpdate(TicketCommand.PostUpdate command) {
        apply(command.idempotencyKey(), command.escalation(), false, t -> {
            if (faults.contains(Fault.REORDERS_UPDATES)) {
                t.updates.add(0, command.text());
            } else {
                t.updates.add(command.text());
            }
        });
    }

    @Override
    public void changeStatus(TicketCommand.ChangeStatus command) {
        apply(command.idempotencyKey(), command.escalation(), false, t -> {
            if (!faults.contains(Fault.IGNORES_STATUS)) {
                t.status = command.status();
            }
            if (!command.note().isEmpty()) {
                t.updates.add(command.note());
            }
        });
    }

    private void apply(
            String key, EscalationId escalation, boolean create, java.util.function.Consumer<Ticket> change) {
        synchronized (lock) {
            calls.merge(key, 1, Integer::sum);
            if (!available && faults.contains(Fault.DROPS_FAILURES_SILENTLY)) {
                return;
            }
            if (!available) {
                throw new IllegalStateException("ticketing unavailable (simulated outage)");
            }
            if (applied.contains(key) && !faults.contains(Fault.DUPLICATES_ON_RETRY)) {
                return;
            }
            Ticket ticket = tickets.get(escalation);
            if (create && ticket != null && faults.contains(Fault.OPEN_TWICE_REPLACES_TICKET)) {
                ticket = null;
            }
            if (ticket == null) {
                if (!create) {
                    throw new IllegalStateException("no ticket for escalation " + escalation);
                }
                ticket = new Ticket("T-" + nextId++);
                tickets.put(escalation, ticket);
            }
            change.accept(ticket);
            applied.add(key);
        }
    }

    @Override
    public Optional<TicketSnapshot> find(EscalationId escalation) {
        synchronized (lock) {
            Ticket t = tickets.get(escalation);
            return t == null
                    ? Optional.empty()
                    : Optional.of(new TicketSnapshot(
                            t.id, escalation, t.status, List.copyOf(t.participants), List.copyOf(t.updates)));
        }
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
        return true;
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
