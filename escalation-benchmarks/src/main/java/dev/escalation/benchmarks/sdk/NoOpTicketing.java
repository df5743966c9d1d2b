package dev.escalation.benchmarks.sdk;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.TicketSnapshot;
import dev.escalation.spi.Ticketing;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/** A ticketing adapter that only counts the commands it is given. */
public final class NoOpTicketing implements Ticketing {
    private final LongAdder calls = new LongAdder();

    @Override
    public void open(TicketCommand.Open command) {
        calls.increment();
    }

    @Override
    public void addParticipant(TicketCommand.AddParticipant command) {
        calls.increment();
    }

    @Override
    public void removeParticipant(TicketCommand.RemoveParticipant command) {
        calls.increment();
    }

    @Override
    public void postUpdate(TicketCommand.PostUpdate command) {
        calls.increment();
    }

    @Override
    public void changeStatus(TicketCommand.ChangeStatus command) {
        calls.increment();
    }

    @Override
    public Optional<TicketSnapshot> find(EscalationId escalation) {
        return Optional.empty();
    }

    @Override
    public boolean deduplicatesByIdempotencyKey() {
        return true;
    }

    /**
     * @return ticket commands received
     */
    public long calls() {
        return calls.sum();
    }
}
