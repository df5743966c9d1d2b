package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.internal.Copies;
import java.util.Optional;
import java.util.Set;

/**
 * A member of the vendor's staff.
 *
 * @param id          the staff member
 * @param displayName the name
 * @param email       the e-mail address (personal data)
 * @param phone       the phone number (personal data), if known
 * @param roles       the vendor roles (iterated in their declaration order)
 * @param active      {@code false} for someone who left; an inactive member may do nothing and cannot be appointed
 * @param preferences language, time zone and channels
 */
public record StaffMember(
        StaffId id,
        String displayName,
        String email,
        Optional<String> phone,
        Set<StaffRole> roles,
        boolean active,
        Preferences preferences) {

    /**
     * Validates and copies the components, and makes the display name printable (a directory's text reaches subjects,
     * tickets and databases: a line break or tab in it becomes a space, any other control character or unpaired
     * surrogate U+FFFD, and so does a bidirectional embedding, override or isolate left unclosed or closing nothing,
     * which would reorder the text after the name); the e-mail address the same way (a line break in it would add a
     * header to a mail).
     *
     * @param id the staff member
     * @param displayName the name
     * @param email the e-mail address (personal data)
     * @param phone the phone number (personal data), if known
     * @param roles the vendor roles
     * @param active {@code false} for someone who left; an inactive member may do nothing and cannot be appointed
     * @param preferences language, time zone and channels
     * @throws NullPointerException if a component is null
     */
    public StaffMember {
        requireNonNull(id, "id");
        displayName = DirectoryText.of(requireNonNull(displayName, "displayName"));
        email = DirectoryText.of(requireNonNull(email, "email")); // no line break into a mail header
        requireNonNull(phone, "phone");
        // in declaration order (an EnumSet), the same on every run; unmodifiable, no nulls
        roles = Copies.enumSet(roles, "roles");
        requireNonNull(preferences, "preferences");
    }

    /**
     * A staff member with {@link Preferences#DEFAULT} preferences.
     *
     * @param id          the staff member
     * @param displayName the name
     * @param email       the e-mail address
     * @param phone       the phone number
     * @param roles       the roles
     * @param active      whether active
     */
    public StaffMember(
            StaffId id,
            String displayName,
            String email,
            Optional<String> phone,
            Set<StaffRole> roles,
            boolean active) {
        this(id, displayName, email, phone, roles, active, Preferences.DEFAULT);
    }

    /**
     * This staff member as a party.
     *
     * @return the party
     */
    public Party asParty() {
        return new Party(Party.Kind.STAFF, id.value(), displayName, email);
    }
}
