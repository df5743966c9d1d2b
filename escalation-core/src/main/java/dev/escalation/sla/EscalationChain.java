package dev.escalation.sla;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.internal.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who an SLA policy tells when a target is about to be missed and when it is missed: the levels {@code warning},
 * {@code breach} and, for the n-th repeat after a breach, {@code repeats[n-1]} (the last listed level for later
 * repeats; the breach level if none is listed). Each level names one or more {@link Target}s: the appointed
 * Escalation Manager, every staff member with a role, or a named staff member. A level whose targets name nobody
 * (nobody holds the role, the named person is inactive, no manager appointed yet) goes to Support Management, so a
 * missed target is never told to no one. Immutable.
 *
 * <pre>{@code
 * EscalationChain gold = EscalationChain.of(
 *         List.of(Target.manager()),                                  // warning
 *         List.of(Target.role(StaffRole.HEAD_OF_SUPPORT)),            // breach
 *         List.of(List.of(Target.staff(StaffId.of("s-cto")))));       // every repeat
 * }</pre>
 *
 * @param warning the targets of the pre-breach warning (not empty)
 * @param breach  the targets at the breach (not empty)
 * @param repeats the targets of the first, second, … repeat after the breach (each not empty)
 */
public record EscalationChain(List<Target> warning, List<Target> breach, List<List<Target>> repeats) {

    /** The chain of a policy that sets none: warning to the Escalation Manager, breach and repeats to Head of Support. */
    public static final EscalationChain STANDARD =
            new EscalationChain(List.of(Target.manager()), List.of(Target.role(StaffRole.HEAD_OF_SUPPORT)), List.of());

    /**
     * Validates and copies the levels.
     *
     * @param warning the targets of the pre-breach warning (not empty)
     * @param breach  the targets at the breach (not empty)
     * @param repeats the targets of each repeat after the breach (each not empty)
     * @throws NullPointerException if a component, a repeat level or a target is null (the message names it:
     *     {@code "warning[1]"}, {@code "repeats[0]"}, {@code "repeats[0][1]"})
     * @throws IllegalArgumentException if a level is empty
     */
    public EscalationChain {
        warning = level(warning, "warning", "warning");
        breach = level(breach, "breach", "breach");
        List<List<Target>> copy = new ArrayList<>();
        for (List<Target> r : requireNonNull(repeats, "repeats")) {
            copy.add(level(r, "repeats[" + copy.size() + "]", "repeat"));
        }
        repeats = List.copyOf(copy);
    }

    /**
     * A chain from its levels.
     *
     * @param warning the targets of the warning
     * @param breach  the targets at the breach
     * @param repeats the targets of each repeat
     * @return the chain
     */
    public static EscalationChain of(List<Target> warning, List<Target> breach, List<List<Target>> repeats) {
        return new EscalationChain(warning, breach, repeats);
    }

    /**
     * The targets of the {@code n}-th repeat after a breach.
     *
     * @param n 1 for the first repeat
     * @return the listed level, the last one listed, or the breach level
     */
    public List<Target> repeat(int n) {
        if (repeats.isEmpty()) {
            return breach;
        }
        return repeats.get(Math.min(Math.max(n, 1), repeats.size()) - 1);
    }

    /** The level copied; {@code name} names a {@code null} (the component, its index), {@code level} the level. */
    private static List<Target> level(List<Target> targets, String name, String level) {
        List<Target> copy = Copies.list(targets, name);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("the " + level + " level of an escalation chain names nobody");
        }
        return copy;
    }

    /**
     * Describes a level, such as {@code "escalation manager, head of support"} (for what-if projections).
     *
     * @param level the targets of a level
     * @return the description
     */
    public static String describe(List<Target> level) {
        List<String> names = new ArrayList<>(level.size());
        level.forEach(t -> names.add(t.toString()));
        return String.join(", ", names);
    }

    /**
     * One target of a chain level.
     *
     * @param kind  what the target is
     * @param role  the role, for {@link Kind#ROLE}
     * @param staff the staff member, for {@link Kind#STAFF}
     */
    public record Target(Kind kind, Optional<StaffRole> role, Optional<StaffId> staff) {

        /** What a target is. */
        public enum Kind {
            /** The appointed Escalation Manager (Support Management before one is appointed). */
            ESCALATION_MANAGER,
            /** Every active staff member with a role. */
            ROLE,
            /** One named staff member. */
            STAFF
        }

        /**
         * Validates the components.
         *
         * @param kind  what the target is
         * @param role  the role, for {@link Kind#ROLE} only
         * @param staff the staff member, for {@link Kind#STAFF} only
         * @throws IllegalArgumentException if the role or staff member does not match the kind
         */
        public Target {
            requireNonNull(kind, "kind");
            requireNonNull(role, "role");
            requireNonNull(staff, "staff");
            if (role.isPresent() != (kind == Kind.ROLE) || staff.isPresent() != (kind == Kind.STAFF)) {
                throw new IllegalArgumentException(
                        "a " + kind + " target has a role only for ROLE, a staff id only" + " for STAFF");
            }
        }

        /**
         * The appointed Escalation Manager.
         *
         * @return the target
         */
        public static Target manager() {
            return new Target(Kind.ESCALATION_MANAGER, Optional.empty(), Optional.empty());
        }

        /**
         * Every active staff member with {@code role}.
         *
         * @param role the role
         * @return the target
         */
        public static Target role(StaffRole role) {
            return new Target(Kind.ROLE, Optional.of(role), Optional.empty());
        }

        /**
         * One named staff member.
         *
         * @param id the staff member
         * @return the target
         */
        public static Target staff(StaffId id) {
            return new Target(Kind.STAFF, Optional.empty(), Optional.of(id));
        }

        @Override
        public String toString() {
            return switch (kind) {
                case ESCALATION_MANAGER -> "escalation manager";
                case ROLE -> role.orElseThrow().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                case STAFF -> "staff " + staff.orElseThrow().value();
            };
        }
    }
}
