package dev.escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The builder's checks: a setting's range, and the whole configuration's (every required call made, else one message
 * naming each missing one).
 */
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

    /**
     * The longest delivery lease: ten years, far below what adding it to an instant or counting it in nanoseconds can
     * overflow, and long enough for a clock that runs faster than the wall's (the benchmarks' moves minutes a read).
     */
    static final Duration MAX_LEASE = Duration.ofDays(3_650);

    /**
     * Whether a setting is out of its range.
     *
     * @param value the setting
     * @param min   its least value
     * @param max   its greatest value
     * @return {@code true} unless {@code min <= value <= max}
     */
    static boolean outside(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 || value.compareTo(max) > 0;
    }

    /**
     * Checks the retry backoff.
     *
     * @param base the first wait
     * @param max  the longest wait
     * @throws IllegalArgumentException unless {@code 0 < base <= 1 day} and {@code base <= max <= 7 days}
     */
    static void backoff(Duration base, Duration max) {
        if (outside(base, Duration.ofNanos(1), Duration.ofDays(1)) || outside(max, base, Duration.ofDays(7))) {
            throw new IllegalArgumentException(
                    "backoff needs 0 < base <= 1 day and base <= max <= 7 days: " + base + ", " + max);
        }
    }

    /**
     * The values of a setting that takes several, none of them {@code null}.
     *
     * @param values  the values
     * @param setting the setting's name
     * @return the values
     * @throws NullPointerException naming the setting ({@code "hotline"}) or the position of a {@code null} value
     *     ({@code "hotline[1]"})
     */
    static <T> List<T> noNulls(T[] values, String setting) {
        Objects.requireNonNull(values, setting);
        for (int i = 0; i < values.length; i++) {
            Objects.requireNonNull(values[i], setting + "[" + i + "]");
        }
        return List.of(values);
    }
}
