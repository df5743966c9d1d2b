package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.spi.internal.Copies;
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
 * @param roles       its customer roles (iterated in their declaration order)
 * @param active      {@code false} once the authorisation was revoked; an inactive contact may do nothing
 * @param preferences language, time zone and channels (the account's defaults fill what is empty)
 */
public record Touchpoint(
        ContactId id,
        CustomerId customer,
        String displayName,
        String email,
        Optional<String> phone,
        Set<CustomerRole> roles,
        boolean active,
        Preferences preferences) {

    /**
     * Validates and copies the components, and makes the display name printable (a directory's text reaches subjects,
     * tickets and databases: a line break or tab in it becomes a space, any other control character or unpaired
     * surrogate U+FFFD, and so does a bidirectional embedding, override or isolate left unclosed or closing nothing,
     * which would reorder the text after the name); the e-mail address the same way (a line break in it would add a
     * header to a mail).
     *
     * @param id the contact
     * @param customer the account it belongs to
     * @param displayName its name
     * @param email its e-mail address (personal data)
     * @param phone its phone number (personal data), if known
     * @param roles its customer roles
     * @param active {@code false} once the authorisation was revoked; an inactive contact may do nothing
     * @param preferences language, time zone and channels (the account's defaults fill what is empty)
     * @throws NullPointerException if a component is null
     */
    public Touchpoint {
        requireNonNull(id, "id");
        requireNonNull(customer, "customer");
        displayName = DirectoryText.of(requireNonNull(displayName, "displayName"));
        email = DirectoryText.of(requireNonNull(email, "email")); // no line break into a mail header
        requireNonNull(phone, "phone");
        // in declaration order (an EnumSet), the same on every run; unmodifiable, no nulls
        roles = Copies.enumSet(roles, "roles");
        requireNonNull(preferences, "preferences");
    }

    /**
     * A touchpoint with {@link Preferences#DEFAULT} preferences.
     *
     * @param id          the contact
     * @param customer    the account
     * @param displayName its name
     * @param email       its e-mail address
     * @param phone       its phone number
     * @param roles       its roles
     * @param active      whether authorised
     */
    public Touchpoint(
            ContactId id,
            CustomerId customer,
            String displayName,
            String email,
            Optional<String> phone,
            Set<CustomerRole> roles,
            boolean active) {
        this(id, customer, displayName, email, phone, roles, active, Preferences.DEFAULT);
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
