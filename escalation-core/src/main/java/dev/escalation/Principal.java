package dev.escalation;

import dev.escalation.model.CustomerRole;
import dev.escalation.model.Party;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import java.util.Optional;

/** An actor resolved against the directories: exactly one of contact or staff is present, and it is active. */
record Principal(Actor actor, Optional<Touchpoint> contact, Optional<StaffMember> staff) {

    boolean isContact() {
        return contact.isPresent();
    }

    /** The actor's kind as a party's: {@code STAFF} or {@code CONTACT}. */
    Party.Kind partyKind() {
        return staff.isPresent() ? Party.Kind.STAFF : Party.Kind.CONTACT;
    }

    boolean hasStaffRole(StaffRole... roles) {
        if (staff.isEmpty()) {
            return false;
        }
        for (StaffRole r : roles) {
            if (staff.get().roles().contains(r)) {
                return true;
            }
        }
        return false;
    }

    boolean hasCustomerRole(CustomerRole role) {
        return contact.isPresent() && contact.get().roles().contains(role);
    }
}
