package dev.escalation;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The bound on SLA targets against the calendars they are measured in: a target may span at most {@link
 * SlaPolicy#MAX_TARGET_WEEKS} regular weeks of its calendar ({@link BusinessCalendar#weeklyOpenTime()}). A deadline's
 * walk and its explanation then cover about two years of a calendar at most (holidays and pauses add theirs), instead
 * of the 1,700 years a ten-year target takes in a calendar open one hour a week.
 */
final class SlaLimits {
    /** The kinds measured in business time. */
    private static final List<DueKind> KINDS =
            List.of(DueKind.FIRST_CONTACT, DueKind.RESOLUTION, DueKind.CUSTOMER_CONTACT);

    private SlaLimits() {}

    /** The most business time a calendar open {@code weekly} in a regular week is asked to count. */
    static Duration reach(Duration weekly) {
        return weekly.multipliedBy(SlaPolicy.MAX_TARGET_WEEKS);
    }

    /**
     * Refuses a policy with a target the coverage calendar does not reach within {@link SlaPolicy#MAX_TARGET_WEEKS}
     * regular weeks: every target, as one measured in customers' contract calendars is measured in the coverage for a
     * customer without one.
     *
     * @throws InvalidCommandException {@code slaPolicy.firstContact.Reachable}, {@code slaPolicy.resolution.Reachable}
     *     or {@code slaPolicy.contactEvery.Reachable}
     */
    static void checkCoverage(Collection<SlaPolicy> policies, BusinessCalendar coverage) {
        Duration weekly = coverage.weeklyOpenTime();
        Duration reach = reach(weekly);
        for (SlaPolicy p : policies) {
            for (DueKind kind : KINDS) {
                for (Criticality c : Criticality.values()) {
                    Optional<Duration> target = p.target(kind, c);
                    if (target.isPresent() && target.get().compareTo(reach) > 0) {
                        throw InvalidCommandException.of(
                                "slaPolicy." + setting(kind),
                                "Reachable",
                                "policy " + p.ref() + ": the " + kind + " target"
                                        + (kind == DueKind.CUSTOMER_CONTACT ? "" : " of " + c) + ", " + target.get()
                                        + ", is more than " + SlaPolicy.MAX_TARGET_WEEKS + " weeks of the coverage"
                                        + " calendar, which is open " + weekly + " a week (at most " + reach + ")");
                    }
                }
            }
        }
    }

    /** The longest target of the policies measured in customers' contract calendars; zero if none is. */
    static Duration longestCustomerTarget(Collection<SlaPolicy> policies) {
        Duration longest = Duration.ZERO;
        for (SlaPolicy p : policies) {
            for (DueKind kind : KINDS) {
                if (p.calendar(kind) == SlaCalendar.CUSTOMER_CONTRACT) {
                    for (Criticality c : Criticality.values()) {
                        Optional<Duration> target = p.target(kind, c);
                        if (target.isPresent() && target.get().compareTo(longest) > 0) {
                            longest = target.get();
                        }
                    }
                }
            }
        }
        return longest;
    }

    /**
     * Why a customer contract calendar can measure no target at all, or null if it can: it has no opening hours, or is
     * open less than an hour a week (the walk would cross millennia window by window).
     */
    static @Nullable String unmeasurable(BusinessCalendar calendar) {
        if (!calendar.hasOpeningHours()) {
            return "has no opening hours: no target can be measured in it";
        }
        if (calendar.weeklyOpenTime().compareTo(Duration.ofHours(1)) < 0) {
            return "is open less than one hour a week: no target can be measured in it";
        }
        return null;
    }

    /**
     * Refuses a directory's customer contract calendar that {@link #unmeasurable} or {@link #tooLittle} finds unusable:
     * the directory's data cannot carry the targets, and asking again gives the same answer, so it is the
     * non-retryable {@code customerCalendar.OpenTime}, not {@code UNAVAILABLE}.
     *
     * @throws InvalidCommandException {@code customerCalendar.OpenTime}
     */
    static void checkCustomer(BusinessCalendar calendar, Duration longest) {
        String unusable = unmeasurable(calendar);
        if (unusable == null) {
            unusable = tooLittle(calendar.weeklyOpenTime(), longest);
        }
        if (unusable != null) {
            throw Inputs.invalid("customerCalendar", "OpenTime", "the customer contract calendar " + unusable);
        }
    }

    /**
     * Why a customer contract calendar open {@code weekly} (at least an hour) is too little for the longest target
     * measured in it, or null if it is not.
     */
    static @Nullable String tooLittle(Duration weekly, Duration longest) {
        if (longest.compareTo(reach(weekly)) <= 0) {
            return null;
        }
        return "is open " + weekly + " a week: the longest target measured in it, " + longest + ", would span more"
                + " than " + SlaPolicy.MAX_TARGET_WEEKS + " weeks of it";
    }

    private static String setting(DueKind kind) {
        return switch (kind) {
            case FIRST_CONTACT -> "firstContact";
            case RESOLUTION -> "resolution";
            default -> "contactEvery";
        };
    }
}
