package dev.escalation.spi;

import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import java.util.List;
import java.util.Optional;

/**
 * The vendor's staff and their roles.
 *
 * <p>Thread-safe; read-only for the engine. Throws {@link UnavailableException} when it cannot answer.
 */
public interface StaffDirectory {

    /**
     * Finds a staff member.
     *
     * @param id the staff member
     * @return the member, or empty
     */
    Optional<StaffMember> member(StaffId id);

    /**
     * Lists the active staff members holding a role.
     *
     * @param role the role
     * @return the members, possibly empty
     */
    List<StaffMember> withRole(StaffRole role);
}
