package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ProgressKind;
import java.util.List;
import java.util.Map;

/**
 * Everything a store holds about one person, for a data subject's access request: what
 * {@link DataRetention#exportPerson} returns.
 *
 * @param person      the person
 * @param escalations the escalations they are involved in: raised, manage, resolved, take part in or attend, wrote an
 *                    entry of, or are named by an entry of ({@link #isAbout}); in id order. A message addressed to
 *                    them does not by itself make its escalation one of these: it is listed in {@code messages}
 * @param entries     the entries they wrote and the entries about them ({@link #isAbout}), in escalation and sequence
 *                    order
 * @param messages    outbox messages the store still holds (pending, dead and delivered ones not purged yet) addressed
 *                    to them, naming them as a party, or carrying one of their values; in creation order
 * @param dueItems    due items of those escalations whose data carries one of their values, in key order
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
     * @param dueItems due items of those escalations carrying their values
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
     * The stores' rule for an entry about a person, shared by {@link DataRetention#exportPerson} and
     * {@link DataRetention#erasePerson}: a parameter of the entry names them by id. For anyone, {@code participant}
     * (and {@code participantKind}, when present, is their kind). For a staff member also {@code manager} (appointed),
     * {@code from} and {@code to} of {@link ProgressKind#MANAGER_REASSIGNED} (replaced, appointed), {@code vendorSide}
     * (a plan's vendor side) and {@code recordedBy} (an escalation recorded on the customer's behalf); for a contact,
     * {@code customerSide} (a plan's customer side). An escalation with such an entry concerns them, so erasing them
     * reaches its copies of their name (a notification of their appointment, a ticket update quoting it).
     *
     * @param person the person
     * @param kind   the entry's kind
     * @param params the entry's parameters
     * @return whether the entry is about them
     */
    public static boolean isAbout(PartyRef person, ProgressKind kind, Map<String, EntryParam> params) {
        String id = person.id();
        if (names(params, "participant", id)
                && (!(params.get("participantKind") instanceof EntryParam.Code k)
                        || k.value().equals(person.kind().name()))) {
            return true;
        }
        return switch (person.kind()) {
            case STAFF ->
                names(params, "manager", id)
                        || names(params, "vendorSide", id)
                        || names(params, "recordedBy", id)
                        || (kind == ProgressKind.MANAGER_REASSIGNED
                                && (names(params, "from", id) || names(params, "to", id)));
            case CONTACT -> names(params, "customerSide", id);
            case EXTERNAL -> false;
        };
    }

    private static boolean names(Map<String, EntryParam> params, String name, String id) {
        return params.get(name) instanceof EntryParam.Ref r && r.value().equals(id);
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
