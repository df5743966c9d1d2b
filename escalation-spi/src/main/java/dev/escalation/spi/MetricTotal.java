package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The aggregate of the {@link MetricRow}s of one group of a {@link MetricSelection}: how many rows, and the sums of
 * their durations. Groups without rows are not returned.
 *
 * @param periodStart      the start of the group's period
 * @param customer         the customer, when grouped by customer
 * @param criticality      the criticality, when grouped by criticality
 * @param transition       the rows' transition
 * @param target           the rows' target (target transitions only)
 * @param count            how many rows, positive
 * @param wallClockSeconds the sum of their wall-clock seconds
 * @param businessSeconds  the sum of their business seconds
 */
public record MetricTotal(
        Instant periodStart,
        Optional<CustomerId> customer,
        Optional<Criticality> criticality,
        MetricRow.Transition transition,
        Optional<DueKind> target,
        long count,
        long wallClockSeconds,
        long businessSeconds) {

    /**
     * The order {@link MetricsQueries#totals} returns totals in: by period, customer id, criticality, transition and
     * target (absent values first, enum constants in declaration order).
     */
    public static final Comparator<MetricTotal> ORDER = Comparator.comparing(MetricTotal::periodStart)
            .thenComparing(t -> t.customer().map(CustomerId::value).orElse(""))
            .thenComparing(t -> t.criticality().map(c -> c.ordinal() + 1).orElse(0))
            .thenComparing(MetricTotal::transition)
            .thenComparing(t -> t.target().map(k -> k.ordinal() + 1).orElse(0));

    /**
     * Validates the components.
     *
     * @param periodStart the start of the group's period
     * @param customer the customer, when grouped by customer
     * @param criticality the criticality, when grouped by criticality
     * @param transition the rows' transition
     * @param target the rows' target (target transitions only)
     * @param count how many rows, positive
     * @param wallClockSeconds the sum of their wall-clock seconds
     * @param businessSeconds the sum of their business seconds
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the count is not positive or a sum is negative
     */
    public MetricTotal {
        requireNonNull(periodStart, "periodStart");
        requireNonNull(customer, "customer");
        requireNonNull(criticality, "criticality");
        requireNonNull(transition, "transition");
        requireNonNull(target, "target");
        if (count < 1 || wallClockSeconds < 0 || businessSeconds < 0) {
            throw new IllegalArgumentException("count must be positive and sums not negative");
        }
    }
}
