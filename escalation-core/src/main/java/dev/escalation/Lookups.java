package dev.escalation;

import dev.escalation.model.CalendarSpec;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.Party;
import dev.escalation.model.PolicyRef;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What an action's body reads besides the command, the actor and the stored escalation: directory data read before
 * the unit of work (the customer's contract calendar, the people the command names, read by the row's
 * {@link ActionRow.Prepare prepare} step, and people it needs but does not name, such as the raiser or the manager when
 * an escalation does not list them as participants) and two engine settings (the vendor's zone and the known SLA
 * policy versions). A unit of work reads only from here and never calls a port; what it needs and does not find here it
 * asks for by throwing {@link Missing}, which writes nothing: the engine then reads it from the directory, outside the
 * store's transaction, and runs the command again. Commands prefetch what they can know beforehand (the actor's
 * customer, the customer of an escalation this engine has seen), so the second run is the exception.
 *
 * <p>One instance per command, used by one thread.
 */
final class Lookups {
    /** The accounts read (each with its contract calendar); the maps are made when first needed (most stay empty). */
    private Map<CustomerId, Optional<CustomerAccount>> accounts = Collections.emptyMap();

    private Map<ContactId, Optional<Touchpoint>> contacts = Collections.emptyMap();
    private Map<StaffId, Optional<StaffMember>> members = Collections.emptyMap();
    private Map<StaffRole, List<StaffMember>> roles = Collections.emptyMap();
    private final ZoneId vendorZone;
    private final Set<PolicyRef> policies;

    /**
     * An empty instance.
     *
     * @param vendorZone the zone of the vendor's coverage calendar, in which staff read instants
     * @param policies   the SLA policy versions the engine knows
     */
    Lookups(ZoneId vendorZone, Set<PolicyRef> policies) {
        this.vendorZone = vendorZone;
        this.policies = policies;
    }

    /** The zone of the vendor's coverage calendar, in which staff read instants (for ticket texts). */
    ZoneId vendorZone() {
        return vendorZone;
    }

    /**
     * The zone of a plan's meeting series: that of the customer side of the plan (the contact who agreed it, else the
     * escalation's Incident Manager) as a notification to them is written in ({@link ReaderZone#of}): the contact's
     * own zone, else the customer account's default, else the vendor's.
     * A contact the directory does not list under the escalation's customer has no zone of its own here.
     *
     * @param customer the escalation's customer
     * @param contact  the customer side of the plan
     * @param known    the contact as already read (the actor), if it is that contact
     * @throws Missing if the contact or the account was not read before
     */
    ZoneId seriesZone(CustomerId customer, ContactId contact, Optional<Touchpoint> known) {
        Optional<Touchpoint> t = known.filter(x -> x.id().equals(contact));
        Preferences preferences = (t.isPresent() ? t : touchpoint(contact))
                .filter(x -> x.customer().equals(customer))
                .map(Touchpoint::preferences)
                .orElse(Preferences.DEFAULT);
        return ReaderZone.of(preferences, account(customer).flatMap(CustomerAccount::defaultZone), vendorZone);
    }

    /** The SLA policy versions the engine knows. */
    Set<PolicyRef> policies() {
        return policies;
    }

    /** Thrown by a unit of work that needs directory data not read yet. Carries no stack trace (it is control flow). */
    static final class Missing extends Ports.Signal {
        private static final long serialVersionUID = 1L;
        final transient @Nullable CustomerId account;
        final transient @Nullable ContactId contact;
        final transient @Nullable StaffId member;
        final transient @Nullable StaffRole role;

        private Missing(
                @Nullable CustomerId account,
                @Nullable ContactId contact,
                @Nullable StaffId member,
                @Nullable StaffRole role) {
            super("directory data not prefetched");
            this.account = account;
            this.contact = contact;
            this.member = member;
            this.role = role;
        }
    }

    /**
     * The contract calendar of a customer.
     *
     * @throws Missing if the customer's account was not read before
     */
    Optional<CalendarSpec> calendarOf(CustomerId customer) {
        return account(customer).flatMap(CustomerAccount::contractCalendar);
    }

    /** {@link #calendarOf} asked later, if and when a computation needs it. */
    Supplier<Optional<CalendarSpec>> calendarLater(CustomerId customer) {
        return () -> calendarOf(customer);
    }

    /**
     * A contact as a party.
     *
     * @throws Missing if the contact was not read before
     */
    Optional<Party> contact(ContactId id) {
        return touchpoint(id).map(Touchpoint::asParty);
    }

    /**
     * A contact as the customer directory knows it (active or not).
     *
     * @throws Missing if the contact was not read before
     */
    Optional<Touchpoint> touchpoint(ContactId id) {
        Optional<Touchpoint> t = contacts.get(id);
        if (t == null) {
            throw new Missing(null, id, null, null);
        }
        return t;
    }

    /**
     * A staff member as a party.
     *
     * @throws Missing if the member was not read before
     */
    Optional<Party> member(StaffId id) {
        return staffMember(id).map(StaffMember::asParty);
    }

    /**
     * A staff member as the staff directory knows them (active or not).
     *
     * @throws Missing if the member was not read before
     */
    Optional<StaffMember> staffMember(StaffId id) {
        Optional<StaffMember> m = members.get(id);
        if (m == null) {
            throw new Missing(null, null, id, null);
        }
        return m;
    }

    /**
     * The staff members with a role.
     *
     * @throws Missing if the role was not read before
     */
    List<StaffMember> withRole(StaffRole role) {
        List<StaffMember> m = roles.get(role);
        if (m == null) {
            throw new Missing(null, null, null, role);
        }
        return m;
    }

    /** Reads a contact unless already read. */
    void readContact(ContactId id, CustomerDirectory directory) {
        if (!contacts.containsKey(id)) {
            Optional<Touchpoint> t = Ports.call(() -> directory.touchpoint(id));
            (contacts.isEmpty() ? contacts = new HashMap<>(2) : contacts).put(id, t);
        }
    }

    /** Reads a staff member unless already read. */
    void readMember(StaffId id, StaffDirectory directory) {
        if (!members.containsKey(id)) {
            Optional<StaffMember> m = Ports.call(() -> directory.member(id));
            (members.isEmpty() ? members = new HashMap<>(2) : members).put(id, m);
        }
    }

    /** Reads the staff members with a role unless already read. */
    void readRole(StaffRole role, StaffDirectory directory) {
        if (!roles.containsKey(role)) {
            List<StaffMember> m = Ports.call(() -> directory.withRole(role));
            (roles.isEmpty() ? roles = new EnumMap<>(StaffRole.class) : roles).put(role, m);
        }
    }

    /** Reads a customer's account (its contract calendar and tier) unless already read. */
    void readAccount(CustomerId customer, CustomerDirectory directory) {
        if (!accounts.containsKey(customer)) {
            Optional<CustomerAccount> account = Ports.call(() -> directory.account(customer)); // never null
            if (accounts.isEmpty()) {
                accounts = Map.of(customer, account); // one account per command, as a rule: no hash table
            } else {
                if (!(accounts instanceof HashMap)) {
                    accounts = new HashMap<>(accounts); // the second account: a table from now on
                }
                accounts.put(customer, account);
            }
        }
    }

    /**
     * A customer's account.
     *
     * @throws Missing if the customer's account was not read before
     */
    Optional<CustomerAccount> account(CustomerId customer) {
        Optional<CustomerAccount> account = accounts.get(customer);
        if (account == null) {
            throw new Missing(customer, null, null, null);
        }
        return account;
    }

    /** Reads what a unit of work asked for. */
    void read(Missing missing, CustomerDirectory directory, StaffDirectory staff) {
        if (missing.account != null) {
            readAccount(missing.account, directory);
        }
        if (missing.contact != null) {
            readContact(missing.contact, directory);
        }
        if (missing.member != null) {
            readMember(missing.member, staff);
        }
        if (missing.role != null) {
            readRole(missing.role, staff);
        }
    }
}
