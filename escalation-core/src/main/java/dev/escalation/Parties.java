package dev.escalation;

import dev.escalation.model.Party;
import java.util.List;

/**
 * Who a party is: its kind and id. The customer directory and the staff directory are two id spaces, so a contact and
 * a staff member (or an external address) of one id are two people: neither stands in for the other among the
 * participants, the attendees or the recipients of a notification.
 */
final class Parties {
    private Parties() {}

    /** Whether {@code x} is {@code party}: the same kind and id. */
    static boolean same(Party x, Party party) {
        return x.kind() == party.kind() && x.id().equals(party.id());
    }

    /** Whether {@code party} is one of {@code parties} (by kind and id, {@link #same}). */
    static boolean has(List<Party> parties, Party party) {
        for (Party x : parties) { // a loop: this runs for most commands
            if (same(x, party)) {
                return true;
            }
        }
        return false;
    }
}
