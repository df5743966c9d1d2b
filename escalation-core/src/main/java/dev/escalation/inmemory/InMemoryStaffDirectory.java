package dev.escalation.inmemory;

import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link StaffDirectory} held in memory.
 *
 * <p>{@link #withRole} reads an index by role (active members sorted by id), built once from the members after a
 * change and then shared: writes and the rebuild hold the same lock, so a published index always matches the members
 * as of a completed write.
 */
public final class InMemoryStaffDirectory implements StaffDirectory {

    private static final Comparator<StaffMember> BY_ID = Comparator.comparing(StaffMember::id);

    private final ConcurrentHashMap<StaffId, StaffMember> members = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    /** Active members by role, sorted by id; {@code null} after a write until the next read rebuilds it. */
    private volatile Map<StaffRole, List<StaffMember>> byRole;

    /** Creates an empty directory. */
    public InMemoryStaffDirectory() {}

    /**
     * Adds or replaces a staff member.
     *
     * @param member the member
     * @return this directory
     */
    public InMemoryStaffDirectory add(StaffMember member) {
        synchronized (lock) {
            members.put(member.id(), member);
            byRole = null;
        }
        return this;
    }

    @Override
    public Optional<StaffMember> member(StaffId id) {
        return Optional.ofNullable(members.get(id));
    }

    @Override
    public List<StaffMember> withRole(StaffRole role) {
        if (role == null) {
            return scan(null);
        }
        Map<StaffRole, List<StaffMember>> index = byRole;
        if (index == null) {
            index = rebuild();
        }
        List<StaffMember> found = index.get(role);
        return found == null ? List.of() : found;
    }

    private Map<StaffRole, List<StaffMember>> rebuild() {
        synchronized (lock) {
            Map<StaffRole, List<StaffMember>> index = byRole;
            if (index == null) {
                List<StaffMember> sorted = new ArrayList<>(members.values());
                sorted.sort(BY_ID);
                EnumMap<StaffRole, List<StaffMember>> lists = new EnumMap<>(StaffRole.class);
                for (StaffRole role : StaffRole.values()) {
                    List<StaffMember> withRole = new ArrayList<>();
                    for (StaffMember m : sorted) {
                        if (m.active() && m.roles().contains(role)) {
                            withRole.add(m);
                        }
                    }
                    if (!withRole.isEmpty()) {
                        lists.put(role, List.copyOf(withRole));
                    }
                }
                index = lists;
                byRole = index;
            }
            return index;
        }
    }

    /** The unindexed reading, kept for a {@code null} role (it fails as it always did when a member is active). */
    private List<StaffMember> scan(StaffRole role) {
        return members.values().stream()
                .filter(m -> m.active() && m.roles().contains(role))
                .sorted(BY_ID)
                .toList();
    }
}
