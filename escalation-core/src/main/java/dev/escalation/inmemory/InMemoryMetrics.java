package dev.escalation.inmemory;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricTotal;
import dev.escalation.spi.MetricsQueries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory {@link MetricsQueries}: the metric rows of every write, appended lock-free under the escalation's lock, and
 * totals computed by one pass over them (the reference the JDBC store's SQL aggregates are compared with). Rows are
 * kept when their escalation is purged or erased.
 */
final class InMemoryMetrics implements MetricsQueries {
    /** Lock-free: writes of different escalations append without waiting for each other. */
    private final AppendLog<MetricRow> rows = new AppendLog<>();

    /** Appends the rows of a write (called under the escalation's lock, after every check passed). */
    void append(List<MetricRow> written) {
        for (MetricRow r : written) {
            rows.append(r);
        }
    }

    /** The key of one group. */
    private record Group(
            Instant period,
            Optional<CustomerId> customer,
            Optional<Criticality> criticality,
            MetricRow.Transition transition,
            Optional<DueKind> target) {}

    @Override
    public List<MetricTotal> totals(MetricSelection selection) {
        Objects.requireNonNull(selection, "selection");
        boolean byCustomer = selection.groupBy().contains(MetricSelection.Grouping.CUSTOMER);
        boolean byCriticality = selection.groupBy().contains(MetricSelection.Grouping.CRITICALITY);
        Map<Group, long[]> sums = new HashMap<>();
        rows.forEach(r -> {
            if (r.at().isBefore(selection.from())
                    || !r.at().isBefore(selection.to())
                    || (!selection.customers().isEmpty()
                            && !selection.customers().contains(r.customer()))
                    || (!selection.criticalities().isEmpty()
                            && !selection.criticalities().contains(r.criticality()))) {
                return;
            }
            Group g = new Group(
                    selection.periodOf(r.at()),
                    byCustomer ? Optional.of(r.customer()) : Optional.empty(),
                    byCriticality ? Optional.of(r.criticality()) : Optional.empty(),
                    r.transition(),
                    r.target());
            long[] s = sums.computeIfAbsent(g, k -> new long[3]);
            s[0]++;
            s[1] += r.wallClockSeconds();
            s[2] += r.businessSeconds();
        });
        List<MetricTotal> totals = new ArrayList<>(sums.size());
        sums.forEach((g, s) -> totals.add(new MetricTotal(
                g.period(), g.customer(), g.criticality(), g.transition(), g.target(), s[0], s[1], s[2])));
        totals.sort(MetricTotal.ORDER);
        return totals;
    }
}
