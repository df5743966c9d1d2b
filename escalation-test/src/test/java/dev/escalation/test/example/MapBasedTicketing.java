package dev.escalation.test.example;

import dev.escalation.model.TicketStatus;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import dev.escalation.test.TicketView;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The smallest ticketing adapter that passes {@link dev.escalation.test.TicketingContract}: a map of tickets. It
 * shows a vendor the path from zero to green; a real adapter replaces the map with calls to its ticketing system.
 * It does not de-duplicate by idempotency key, so rule T9 is skipped for it, and it cannot be "down", so T8 is
 * skipped as well.
 */
public final class MapBasedTicketing implements Ticketing {

    private static final class Ticket {
        final String reference;
        TicketStatus status = TicketStatus.OPEN;
        final LinkedHashSet<String> participants = new LinkedHashSet<>(); // by e-mail: adding twice keeps one
        final List<String> updates = new ArrayList<>(); // in the order posted

        Ticket(String reference) {
            this.reference = reference;
        }
    }

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();

    @Override
    public String open(TicketCommand.Open command) {
        // one ticket per escalation: opening again (a retry) returns the same reference
        String reference = "MAP-" + command.escalation().value();
        tickets.computeIfAbsent(reference, Ticket::new);
        return reference;
    }

    @Override
    public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
        change(ticket, t -> t.participants.add(command.participant().email()));
    }

    @Override
    public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
        change(ticket, t -> t.participants.remove(command.participant().email()));
    }

    @Override
    public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
        change(ticket, t -> t.updates.add(command.text()));
    }

    @Override
    public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
        change(ticket, t -> {
            t.status = command.status();
            if (!command.note().isBlank()) { // the reason goes on the ticket as an update would (T5)
                t.updates.add(command.note());
            }
        });
    }

    private void change(String reference, Consumer<Ticket> change) {
        Ticket t = tickets.get(reference);
        if (t == null) {
            // a failure the engine retries, never a silent drop
            throw new IllegalStateException("no ticket " + reference);
        }
        synchronized (t) {
            change.accept(t);
        }
    }

    /**
     * What the map holds for a reference (the contract's inspection hook).
     *
     * @param reference the reference
     * @return the ticket, or empty
     */
    public Optional<TicketView> find(String reference) {
        Ticket t = tickets.get(reference);
        if (t == null) {
            return Optional.empty();
        }
        synchronized (t) {
            return Optional.of(
                    new TicketView(t.reference, t.status, List.copyOf(t.participants), List.copyOf(t.updates)));
        }
    }
}
