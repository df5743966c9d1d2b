package dev.escalation.inmemory;

import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link StaffDirectory} held in memory. */
public final class InMemoryStaffDirectory implements StaffDirectory {

    private final ConcurrentHashMap<StaffId, StaffMember> members = new ConcurrentHashMap<>();

    /** Creates an empty directory. */
    public InMemoryStaffDirectory() {}

    /**
     * Adds or replaces a staff member.
     *
     * @param member the member
     * @return this directory
     */
    public InMemoryStaffDirectory add(StaffMember member) {
        members.put(member.id(), member);
        return this;
    }

    @Override
    public Optional<StaffMember> member(StaffId id) {
        return Optional.ofNullable(members.get(id));
    }

    @Override
    public List<StaffMember> withRole(StaffRole role) {
        return members.values().stream()
                .filter(m -> m.active() && m.roles().contains(role))
                .sorted(Comparator.comparing(StaffMember::id))
                .toList();
    }
}
