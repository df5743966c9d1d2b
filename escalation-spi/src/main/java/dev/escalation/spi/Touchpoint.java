package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.Party;
import java.util.Optional;
import java.util.Set;

/**
 * A customer-authorised contact registered at onboarding, with its customer roles.
 *
 * @param id          the contact
 * @param customer    the account it belongs to
 * @param displayName its name
 * @param email       its e-mail address (personal data)
 * @param phone       its phone number (personal data), if known
 * @param roles       its customer roles
 * @param active      {@code false} once the authorisation was revoked; an inactive contact may do nothing
 */
public record Touchpoint(
        ContactId id,
        CustomerId customer,
        String displayName,
        String email,
        Optional<String> phone,
        Set<CustomerRole> roles,
        boolean active) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Touchpoint {
        requireNonNull(id, "id");
        requireNonNull(customer, "customer");
        requireNonNull(displayName, "displayName");
        requireNonNull(email, "email");
        requireNonNull(phone, "phone");
        roles = Set.copyOf(roles);
    }

    /**
     * This contact as a party.
     *
     * @return the party
     */
    public Party asParty() {
        return new Party(Party.Kind.CONTACT, id.value(), displayName, email);
    }
}
