package dev.escalation;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Directory data one command read before its unit of work: the customer's contract calendar and contacts the command
 * needs but does not name (the raiser or the manager, when an escalation does not list them as participants). A
 * unit of work reads
 * only from here and never calls a port; what it needs and does not find here it asks for by throwing
 * {@link Missing}, which writes nothing: the engine then reads it from the directory, outside the store's
 * transaction, and runs the command again. Commands prefetch what they can know beforehand (the actor's customer,
 * the customer of an escalation this engine has seen), so the second run is the exception.
 *
 * <p>One instance per command, used by one thread.
 */
final class Lookups {
    private final Map<CustomerId, Optional<CalendarSpec>> calendars = new HashMap<>(2);
    private final Map<ContactId, Optional<Touchpoint>> contacts = new HashMap<>(2);
    private final Map<StaffId, Optional<StaffMember>> members = new HashMap<>(2);

    /** Thrown by a unit of work that needs directory data not read yet. Carries no stack trace (it is control flow). */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient @Nullable CustomerId account;
        final transient @Nullable ContactId contact;
        final transient @Nullable StaffId member;

        private Missing(@Nullable CustomerId account, @Nullable ContactId contact, @Nullable StaffId member) {
            super("directory data not prefetched", null, false, false);
            this.account = account;
            this.contact = contact;
            this.member = member;
        }
    }

    /**
     * The contract calendar of a customer.
     *
     * @throws Missing if the customer's account was not read before
     */
    Optional<CalendarSpec> calendarOf(CustomerId customer) {
        Optional<CalendarSpec> spec = calendars.get(customer);
        if (spec == null) {
            throw new Missing(customer, null, null);
        }
        return spec;
    }

    /**
     * A contact as a party.
     *
     * @throws Missing if the contact was not read before
     */
    Optional<Party> contact(ContactId id) {
        Optional<Touchpoint> t = contacts.get(id);
        if (t == null) {
            throw new Missing(null, id, null);
        }
        return t.map(Touchpoint::asParty);
    }

    /**
     * A staff member as a party.
     *
     * @throws Missing if the member was not read before
     */
    Optional<Party> member(StaffId id) {
        Optional<StaffMember> m = members.get(id);
        if (m == null) {
            throw new Missing(null, null, id);
        }
        return m.map(StaffMember::asParty);
    }

    /** Reads a customer's account (its contract calendar) unless already read. */
    void readAccount(CustomerId customer, CustomerDirectory directory) {
        if (!calendars.containsKey(customer)) {
            calendars.put(
                    customer, Ports.call(() -> directory.account(customer)).flatMap(CustomerAccount::contractCalendar));
        }
    }

    /** Reads what a unit of work asked for. */
    void read(Missing missing, CustomerDirectory directory, StaffDirectory staff) {
        if (missing.account != null) {
            readAccount(missing.account, directory);
        }
        if (missing.contact != null) {
            ContactId id = missing.contact;
            contacts.put(id, Ports.call(() -> directory.touchpoint(id)));
        }
        if (missing.member != null) {
            StaffId id = missing.member;
            members.put(id, Ports.call(() -> staff.member(id)));
        }
    }
}
