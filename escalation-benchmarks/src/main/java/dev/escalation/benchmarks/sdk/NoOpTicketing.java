package dev.escalation.benchmarks.sdk;

import dev.escalation.spi.Capability;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/** A ticketing adapter that only counts the commands it is given; every ticket's reference is its escalation id. */
public final class NoOpTicketing implements Ticketing {
    private final LongAdder calls = new LongAdder();

    @Override
    public String open(TicketCommand.Open command) {
        calls.increment();
        return "T-" + command.escalation().value();
    }

    @Override
    public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
        calls.increment();
    }

    @Override
    public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
        calls.increment();
    }

    @Override
    public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
        calls.increment();
    }

    @Override
    public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
        calls.increment();
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DEDUPLICATES_BY_KEY);
    }

    /**
     * @return ticket commands received
     */
    public long calls() {
        return calls.sum();
    }
}
