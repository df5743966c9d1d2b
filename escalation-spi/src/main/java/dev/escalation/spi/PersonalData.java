package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.spi.internal.Copies;
import java.util.List;
import java.util.Map;

/**
 * Everything a store holds about one person, for a data subject's access request: what
 * {@link DataRetention#exportPerson} returns.
 *
 * @param person      the person
 * @param escalations the escalations that concern them ({@link #concerns}: raised, manage, resolved, take part in or
 *                    attend, own an improvement action of) and those they wrote an entry of or are named by an entry
 *                    of ({@link #isAbout}); in id order. A message addressed to them does not by itself make its
 *                    escalation one of these: it is listed in {@code messages}
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
        escalations = Copies.list(escalations, "escalations");
        entries = Copies.list(entries, "entries");
        messages = Copies.list(messages, "messages");
        dueItems = Copies.list(dueItems, "dueItems");
    }

    /**
     * The stores' rule for an escalation that concerns a person by its own fields, shared by
     * {@link DataRetention#exportPerson} and {@link DataRetention#erasePerson}: a contact raised it; a staff member is
     * its Escalation Manager or recorded its resolution; a party of their kind and id takes part in it or attends its
     * lessons-learned session; or they may own one of its improvement actions
     * ({@link ImprovementAction#mayBeOwnedBy}): the owner is their id and, if it has a kind
     * ({@link ImprovementAction#ownerKind}), theirs. An owner without a kind (stored before owners had one, or a plain
     * name) the engine reads as a staff member's if the staff directory knows the id, which a store cannot ask; so such
     * an owner concerns the contact and the staff member of that id alike (leaving the escalation out would leave it
     * out of the owner's export). An
     * escalation also concerns them through its entries: those they wrote and those about them ({@link #isAbout}).
     *
     * @param person     the person
     * @param escalation the escalation
     * @return whether one of its fields names them
     */
    public static boolean concerns(PartyRef person, StoredEscalation escalation) {
        String id = person.id();
        if (person.kind() == Party.Kind.CONTACT && escalation.raisedBy().value().equals(id)) {
            return true;
        }
        if (person.kind() == Party.Kind.STAFF
                && (escalation.manager().map(m -> m.value().equals(id)).orElse(false)
                        || escalation
                                .resolution()
                                .map(r -> r.resolvedBy().value().equals(id))
                                .orElse(false))) {
            return true;
        }
        for (Party p : escalation.participants()) {
            if (p.kind() == person.kind() && p.id().equals(id)) {
                return true;
            }
        }
        if (escalation.lessonsLearned().isEmpty()) {
            return false;
        }
        LessonsLearned lessons = escalation.lessonsLearned().get();
        for (Party p : lessons.attendees()) {
            if (p.kind() == person.kind() && p.id().equals(id)) {
                return true;
            }
        }
        for (ImprovementAction a : lessons.actions()) {
            if (a.mayBeOwnedBy(person.kind(), id)) {
                return true;
            }
        }
        return false;
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
