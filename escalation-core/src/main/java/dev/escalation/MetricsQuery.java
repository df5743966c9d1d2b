package dev.escalation;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link EscalationOperations#metrics} reports on: the transitions and settled SLA targets with {@code from <= at
 * < to}, optionally of some customers and criticalities, in periods of {@code period} from {@code from} (one period
 * if empty), grouped by customer and criticality if asked. Build with {@link #between} and the withers. The engine
 * checks it: instants and period in whole seconds, {@code to} after {@code from}, a period of at least a minute and at
 * most {@value dev.escalation.spi.MetricSelection#MAX_PERIODS} periods, at most
 * {@value dev.escalation.spi.MetricSelection#MAX_CUSTOMERS} customers.
 *
 * @param from          the first instant reported on
 * @param to            the first instant not reported on
 * @param period        the length of each period; empty for one period {@code [from, to)}
 * @param customers     only these customers; empty for all
 * @param criticalities only these criticalities (at the transition); empty for all
 * @param byCustomer    one group per customer
 * @param byCriticality one group per criticality
 */
public record MetricsQuery(
        Instant from,
        Instant to,
        Optional<Duration> period,
        Set<CustomerId> customers,
        Set<Criticality> criticalities,
        boolean byCustomer,
        boolean byCriticality) {

    /**
     * Copies the sets. A null set, or a null in a set, is kept as it is, for the engine to report as
     * {@link InvalidCommandException} naming the field ({@code query.customers.NotNull}).
     *
     * @param from the first instant reported on
     * @param to the first instant not reported on
     * @param period the length of each period; empty for one period {@code [from, to)}
     * @param customers only these customers; empty for all
     * @param criticalities only these criticalities (at the transition); empty for all
     * @param byCustomer one group per customer
     * @param byCriticality one group per criticality
     */
    public MetricsQuery {
        customers = copy(customers);
        criticalities = copy(criticalities);
    }

    /** An unmodifiable copy that keeps a null element, which {@code Set.copyOf} would refuse. */
    private static <T> Set<T> copy(Set<T> set) {
        if (set == null) {
            return null;
        }
        for (T t : set) {
            if (t == null) {
                return Collections.unmodifiableSet(new LinkedHashSet<>(set));
            }
        }
        return Set.copyOf(set);
    }

    /**
     * Everything in {@code [from, to)}, one period, all customers and criticalities, not grouped.
     *
     * @param from the first instant reported on
     * @param to the first instant not reported on
     * @return the query
     */
    public static MetricsQuery between(Instant from, Instant to) {
        return new MetricsQuery(from, to, Optional.empty(), Set.of(), Set.of(), false, false);
    }

    /**
     * The same query in periods of {@code length} (for example {@code Duration.ofDays(7)} for weeks from
     * {@code from}).
     *
     * @param length the length of each period
     * @return the query
     */
    public MetricsQuery per(Duration length) {
        return new MetricsQuery(
                from, to, Optional.ofNullable(length), customers, criticalities, byCustomer, byCriticality);
    }

    /**
     * The same query for these customers only.
     *
     * @param only the customers
     * @return the query
     */
    public MetricsQuery customers(Set<CustomerId> only) {
        return new MetricsQuery(from, to, period, only, criticalities, byCustomer, byCriticality);
    }

    /**
     * The same query for these criticalities only.
     *
     * @param only the criticalities
     * @return the query
     */
    public MetricsQuery criticalities(Set<Criticality> only) {
        return new MetricsQuery(from, to, period, customers, only, byCustomer, byCriticality);
    }

    /**
     * The same query with one group per customer.
     *
     * @return the query
     */
    public MetricsQuery groupedByCustomer() {
        return new MetricsQuery(from, to, period, customers, criticalities, true, byCriticality);
    }

    /**
     * The same query with one group per criticality.
     *
     * @return the query
     */
    public MetricsQuery groupedByCriticality() {
        return new MetricsQuery(from, to, period, customers, criticalities, byCustomer, true);
    }
}
