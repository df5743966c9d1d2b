package dev.escalation.test.example;

import dev.escalation.model.EscalationId;
import dev.escalation.model.TicketStatus;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.TicketSnapshot;
import dev.escalation.spi.Ticketing;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest ticketing adapter that passes {@link dev.escalation.test.TicketingContract}: a map of tickets. It
 * shows a vendor the path from zero to green; a real adapter replaces the map with calls to its ticketing system.
 * It does not de-duplicate by idempotency key, so rule T9 is skipped for it, and it cannot be "down", so T8 is
 * skipped as well.
 */
public final class MapBasedTicketing implements Ticketing {

    private static final class Ticket {
        final String id;
        TicketStatus status = TicketStatus.OPEN;
        final LinkedHashSet<String> participants = new LinkedHashSet<>(); // by e-mail: adding twice keeps one
        final List<String> updates = new ArrayList<>(); // in the order posted

        Ticket(String id) {
            this.id = id;
        }
    }

    private final Map<EscalationId, Ticket> tickets = new ConcurrentHashMap<>();

    @Override
    public void open(TicketCommand.Open command) {
        tickets.computeIfAbsent(command.escalation(), e -> new Ticket("MAP-" + e.value())); // open twice: one ticket
    }

    @Override
    public void addParticipant(TicketCommand.AddParticipant command) {
        change(
                command.escalation(),
                t -> t.participants.add(command.participant().email()));
    }

    @Override
    public void removeParticipant(TicketCommand.RemoveParticipant command) {
        change(
                command.escalation(),
                t -> t.participants.remove(command.participant().email()));
    }

    @Override
    public void postUpdate(TicketCommand.PostUpdate command) {
        change(command.escalation(), t -> t.updates.add(command.text()));
    }

    @Override
    public void changeStatus(TicketCommand.ChangeStatus command) {
        change(command.escalation(), t -> t.status = command.status());
    }

    private void change(EscalationId escalation, java.util.function.Consumer<Ticket> change) {
        Ticket t = tickets.get(escalation);
        if (t == null) {
            // a failure the engine retries, never a silent drop
            throw new IllegalStateException("no ticket for escalation " + escalation);
        }
        synchronized (t) {
            change.accept(t);
        }
    }

    @Override
    public Optional<TicketSnapshot> find(EscalationId escalation) {
        Ticket t = tickets.get(escalation);
        if (t == null) {
            return Optional.empty();
        }
        synchronized (t) {
            return Optional.of(new TicketSnapshot(
                    t.id, escalation, t.status, List.copyOf(t.participants), List.copyOf(t.updates)));
        }
    }
}
