package dev.escalation;

import dev.escalation.model.Party;
import dev.escalation.spi.StoredEscalation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The people of an escalation as the action bodies ({@link ActionRow.Body}) need them; reads no port. */
final class People {
    private People() {}

    /**
     * The Incident Manager who raised the escalation, as a party: as listed among the participants, else as the
     * directory (read before the unit of work, see {@link Lookups}) knows them.
     */
    static Party raiser(StoredEscalation r, Lookups lookups) {
        return participant(r, Party.Kind.CONTACT, r.raisedBy().value())
                .or(() -> lookups.contact(r.raisedBy()))
                .orElseThrow(() -> new EscalationUnavailableException(
                        "contact " + r.raisedBy() + " is missing from the customer directory", null));
    }

    /**
     * The appointed Escalation Manager as a party: as listed among the participants, else as the directory knows them.
     */
    static Optional<Party> manager(StoredEscalation r, Lookups lookups) {
        return r.manager()
                .flatMap(id -> participant(r, Party.Kind.STAFF, id.value()).or(() -> lookups.member(id)));
    }

    static Optional<Party> participant(StoredEscalation r, Party.Kind kind, String id) {
        for (Party x : r.participants()) { // a loop: this runs for most commands
            if (x.kind() == kind && x.id().equals(id)) {
                return Optional.of(x);
            }
        }
        return Optional.empty();
    }

    /** The participants, without the actor (by kind and id: a namesake of the other kind is told). */
    static List<Party> recipients(Draft d, Principal actor) {
        Party.Kind kind = actor.isContact() ? Party.Kind.CONTACT : Party.Kind.STAFF;
        List<Party> result = new ArrayList<>(d.participants.size());
        for (Party x : d.participants) {
            if (x.kind() != kind || !x.id().equals(actor.actor().id())) {
                result.add(x);
            }
        }
        return result;
    }
}
