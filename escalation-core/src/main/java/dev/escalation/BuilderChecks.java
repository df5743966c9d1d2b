package dev.escalation;

import java.util.ArrayList;
import java.util.List;

/** The builder's whole-configuration check: every required call made, else one message naming each missing one. */
final class BuilderChecks {
    /** The required calls, in the order {@link #requireAll} takes their flags. */
    private static final List<String> REQUIRED = List.of(
            ".clock(Clock)",
            ".store(EscalationStore)",
            ".customers(CustomerDirectory)",
            ".staff(StaffDirectory)",
            ".notifier(Notifier) or .portalMessages(PortalMessages)",
            ".ticketing(Ticketing)",
            ".coverage(BusinessCalendar) (BusinessCalendar.alwaysOpen() if there are no coverage hours)");

    private BuilderChecks() {}

    /**
     * Checks that each required call was made.
     *
     * @param set one flag per entry of {@link #REQUIRED}, in its order
     * @throws IllegalStateException naming every missing call, such as {@code "missing .store(EscalationStore)"}
     */
    static void requireAll(boolean... set) {
        if (set.length != REQUIRED.size()) {
            throw new IllegalArgumentException("expected " + REQUIRED.size() + " flags, got " + set.length);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < set.length; i++) {
            if (!set[i]) {
                missing.add("missing " + REQUIRED.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("EscalationEngine.builder(): " + String.join(", ", missing));
        }
    }
}
