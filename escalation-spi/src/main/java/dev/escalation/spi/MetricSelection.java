package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.spi.internal.Copies;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;

/**
 * Which {@link MetricRow}s {@link MetricsQueries#totals} aggregates and how it groups them: rows with {@code from <=
 * at < to}, of the given customers and criticalities (all if empty), grouped by period (consecutive periods of
 * {@code period} starting at {@code from}; one period {@code [from, to)} if empty), by transition and target, and by
 * customer and criticality if asked.
 *
 * @param from          the first instant included, whole seconds
 * @param to            the first instant excluded, whole seconds, after {@code from}
 * @param period        the length of each period, whole seconds, at least one minute; empty for one period
 * @param customers     only these customers; empty for all
 * @param criticalities only these criticalities; empty for all
 * @param groupBy       what besides period, transition and target to group by
 */
public record MetricSelection(
        Instant from,
        Instant to,
        Optional<Duration> period,
        Set<CustomerId> customers,
        Set<Criticality> criticalities,
        Set<Grouping> groupBy) {

    /** At most this many periods per selection. */
    public static final int MAX_PERIODS = 1_000;

    /** At most this many customers per selection. */
    public static final int MAX_CUSTOMERS = 100;

    /** What totals may be grouped by besides period, transition and target. */
    public enum Grouping {
        /** One total per customer. */
        CUSTOMER,
        /** One total per criticality (at the transition). */
        CRITICALITY
    }

    /**
     * Validates and copies the components.
     *
     * @param from the first instant included, whole seconds
     * @param to the first instant excluded, whole seconds, after {@code from}
     * @param period the length of each period, whole seconds, at least one minute; empty for one period
     * @param customers only these customers; empty for all
     * @param criticalities only these criticalities; empty for all
     * @param groupBy what besides period, transition and target to group by
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if an instant or the period has a fraction of a second, {@code to} is not after
     *     {@code from}, the period is shorter than a minute or makes more than {@value #MAX_PERIODS} periods, or more
     *     than {@value #MAX_CUSTOMERS} customers are given
     */
    public MetricSelection {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(period, "period");
        customers = Copies.set(customers, "customers");
        criticalities = Copies.set(criticalities, "criticalities");
        groupBy = Copies.set(groupBy, "groupBy");
        if (from.getNano() != 0 || to.getNano() != 0) {
            throw new IllegalArgumentException("from and to must be whole seconds");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to must be after from");
        }
        if (period.isPresent()) {
            Duration p = period.get();
            if (p.getNano() != 0 || p.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("a period must be whole seconds and at least one minute: " + p);
            }
            if (periods(from, to, p) > MAX_PERIODS) {
                throw new IllegalArgumentException("more than " + MAX_PERIODS + " periods of " + p);
            }
        }
        if (customers.size() > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("at most " + MAX_CUSTOMERS + " customers");
        }
    }

    private static long periods(Instant from, Instant to, Duration period) {
        long span = ChronoUnit.SECONDS.between(from, to);
        long p = period.getSeconds();
        return span / p + (span % p == 0 ? 0 : 1);
    }

    /**
     * The length of one period in seconds: {@code period}, or the whole span when there is one period.
     *
     * @return seconds, positive
     */
    public long periodSeconds() {
        return period.map(Duration::getSeconds).orElse(ChronoUnit.SECONDS.between(from, to));
    }

    /**
     * The start of the period that holds {@code at} (which must lie in {@code [from, to)}).
     *
     * @param at an instant of the selection
     * @return {@code from} plus a whole number of periods
     */
    public Instant periodOf(Instant at) {
        long offset = ChronoUnit.SECONDS.between(from, at.truncatedTo(ChronoUnit.SECONDS));
        return from.plusSeconds(offset / periodSeconds() * periodSeconds());
    }
}
