package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.StaffMember;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link InMemoryStaffDirectory#withRole} reads an index by role; after any sequence of adds and replacements (reads
 * interleaved) it answers exactly what the unindexed filter-and-sort over all members answers.
 */
class StaffDirectoryIndexProperties {

    @Provide
    Arbitrary<List<StaffMember>> writes() {
        Arbitrary<StaffMember> member = Combinators.combine(
                        Arbitraries.integers().between(0, 30),
                        Arbitraries.of(StaffRole.class).set().ofMaxSize(3),
                        Arbitraries.of(true, true, false))
                .as((n, roles, active) -> new StaffMember(
                        StaffId.of("S-" + n), "Staff " + n, "s" + n + "@example.com", Optional.empty(), roles, active));
        return member.list().ofMaxSize(40);
    }

    @Property(tries = 1000)
    void theIndexAnswersLikeTheScan(@ForAll("writes") List<StaffMember> writes, @ForAll StaffRole probe) {
        InMemoryStaffDirectory directory = new InMemoryStaffDirectory();
        Map<StaffId, StaffMember> reference = new HashMap<>();
        for (StaffMember m : writes) {
            directory.add(m);
            reference.put(m.id(), m);
            if (m.id().value().endsWith("3")) {
                assertThat(directory.withRole(probe)).containsExactlyElementsOf(expected(reference, probe));
            }
        }
        for (StaffRole role : StaffRole.values()) {
            assertThat(directory.withRole(role)).containsExactlyElementsOf(expected(reference, role));
        }
    }

    private static List<StaffMember> expected(Map<StaffId, StaffMember> members, StaffRole role) {
        return members.values().stream()
                .filter(m -> m.active() && m.roles().contains(role))
                .sorted(Comparator.comparing(StaffMember::id))
                .toList();
    }

    @Property(tries = 10)
    void anEmptyDirectoryHasNoOneInARole(@ForAll StaffRole role) {
        assertThat(new InMemoryStaffDirectory().withRole(role)).isEmpty();
        assertThat(new InMemoryStaffDirectory()
                        .add(new StaffMember(
                                StaffId.of("S-1"), "A", "a@example.com", Optional.empty(), Set.of(role), false))
                        .withRole(role))
                .isEmpty();
    }
}
