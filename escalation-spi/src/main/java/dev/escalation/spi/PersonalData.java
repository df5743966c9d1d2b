package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import java.util.List;

/**
 * Everything a store holds about one person, for a data subject's access request: what
 * {@link DataRetention#exportPerson} returns.
 *
 * @param person      the person
 * @param escalations the escalations they are involved in: raised, manage, resolved, take part in or attend, wrote an
 *                    entry of, or are named by an entry, outbox message or due item of; in id order
 * @param entries     the entries they wrote and the entries about them (a {@code participant} parameter with their
 *                    id), in escalation and sequence order
 * @param messages    outbox messages the store still holds (pending, dead and delivered ones not purged yet) addressed
 *                    to them, naming them as a party, or carrying one of their values; in creation order
 * @param dueItems    due items whose data carries one of their values, in key order
 */
public record PersonalData(
        PartyRef person,
        List<StoredEscalation> escalations,
        List<PersonalData.Entry> entries,
        List<OutboxMessage> messages,
        List<DueItem> dueItems) {

    /**
     * Validates and copies the components.
     *
     * @param person the person
     * @param escalations the escalations they are involved in
     * @param entries the entries they wrote and the entries about them
     * @param messages outbox messages addressed to them, naming them or carrying their values
     * @param dueItems due items carrying their values
     * @throws NullPointerException if a component is null
     */
    public PersonalData {
        requireNonNull(person, "person");
        escalations = List.copyOf(escalations);
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        dueItems = List.copyOf(dueItems);
    }

    /**
     * One entry of an escalation's log.
     *
     * @param escalation the escalation
     * @param entry      the entry
     */
    public record Entry(EscalationId escalation, StoredEntry entry) {
        /**
         * Validates the components.
         *
         * @param escalation the escalation
         * @param entry the entry
         * @throws NullPointerException if a component is null
         */
        public Entry {
            requireNonNull(escalation, "escalation");
            requireNonNull(entry, "entry");
        }
    }
}
