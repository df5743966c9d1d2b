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
 * The in-memory {@link MetricsQueries}: the metric rows of every write, appended lock-free under the escalation's lock,
 * and totals computed by one pass over them (the reference the JDBC store's SQL aggregates are compared with). Rows are
 * kept when their escalation is purged or erased.
 */
final class InMemoryMetrics implements MetricsQueries {
    private static final Criticality[] CRITICALITIES = Criticality.values();
    private static final MetricRow.Transition[] TRANSITIONS = MetricRow.Transition.values();
    private static final DueKind[] TARGETS = DueKind.values();

    /**
     * Lock-free: writes of different escalations append without waiting for each other. Column-wise: escalation,
     * customer and instant references; criticality, transition and target as one code; the two durations.
     */
    private final AppendColumns rows = new AppendColumns(3, 3);

    /** Appends the rows of a write (called under the escalation's lock, after every check passed). */
    void append(List<MetricRow> written) {
        for (MetricRow r : written) {
            long code = r.criticality().ordinal()
                    | (long) r.transition().ordinal() << 8
                    | (long) (r.target().isPresent() ? r.target().get().ordinal() + 1 : 0) << 16;
            rows.append(r.escalation(), r.customer(), r.at(), null, code, r.wallClockSeconds(), r.businessSeconds());
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
        Object[] refs = new Object[AppendColumns.REFS];
        long[] longs = new long[AppendColumns.LONGS];
        long end = rows.size();
        for (long p = 1; p <= end; p++) {
            if (!rows.read(p, refs, longs)) {
                continue; // reserved, not yet written
            }
            CustomerId customer = (CustomerId) refs[1];
            Instant at = (Instant) refs[2];
            Criticality criticality = CRITICALITIES[(int) (longs[0] & 0xff)];
            if (at.isBefore(selection.from())
                    || !at.isBefore(selection.to())
                    || (!selection.customers().isEmpty()
                            && !selection.customers().contains(customer))
                    || (!selection.criticalities().isEmpty()
                            && !selection.criticalities().contains(criticality))) {
                continue;
            }
            int target = (int) (longs[0] >>> 16 & 0xff);
            Group g = new Group(
                    selection.periodOf(at),
                    byCustomer ? Optional.of(customer) : Optional.empty(),
                    byCriticality ? Optional.of(criticality) : Optional.empty(),
                    TRANSITIONS[(int) (longs[0] >>> 8 & 0xff)],
                    target == 0 ? Optional.empty() : Optional.of(TARGETS[target - 1]));
            long[] s = sums.computeIfAbsent(g, k -> new long[3]);
            s[0]++;
            s[1] += longs[1];
            s[2] += longs[2];
        }
        List<MetricTotal> totals = new ArrayList<>(sums.size());
        sums.forEach((g, s) -> totals.add(new MetricTotal(
                g.period(), g.customer(), g.criticality(), g.transition(), g.target(), s[0], s[1], s[2])));
        totals.sort(MetricTotal.ORDER);
        return totals;
    }
}
