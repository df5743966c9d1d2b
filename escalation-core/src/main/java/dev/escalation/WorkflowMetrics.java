package dev.escalation;

import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Capability;
import dev.escalation.spi.MetricRow.Transition;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricTotal;
import dev.escalation.spi.MetricsQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link EscalationOperations#metrics}: checks the query, asks the store's {@link MetricsQueries} (capability
 * {@link Capability#METRICS}) for counts and sums per group, and turns them into means and ratios.
 */
final class WorkflowMetrics {
    private final Workflow w;
    private final WorkflowReads reads;

    WorkflowMetrics(Workflow w, WorkflowReads reads) {
        this.w = w;
        this.reads = reads;
    }

    MetricsReport metrics(Actor actor, MetricsQuery query) {
        MetricSelection selection = selection(query);
        reads.requireStaff(actor, StaffRole.SUPPORT_MANAGEMENT);
        MetricsQueries facet = (w.store.capabilities().has(Capability.METRICS)
                        ? w.store.metrics()
                        : Optional.<MetricsQueries>empty())
                .orElseThrow(() -> new UnsupportedQueryException("the store does not declare the METRICS capability"));
        return report(query, selection, Workflow.call(() -> facet.totals(selection)));
    }

    /** The port's selection of a checked query. */
    static MetricSelection selection(MetricsQuery query) {
        Inputs.notNull(query, "query");
        Instant from = Inputs.notNull(query.from(), "query.from");
        Instant to = Inputs.notNull(query.to(), "query.to");
        Optional<Duration> period = Inputs.notNull(query.period(), "query.period");
        Set<CustomerId> customers = Inputs.set(query.customers(), "query.customers");
        Set<Criticality> criticalities = Inputs.set(query.criticalities(), "query.criticalities");
        if (from.getNano() != 0) {
            throw Inputs.invalid("query.from", "Seconds", "must be whole seconds");
        }
        if (to.getNano() != 0 || !to.isAfter(from)) {
            throw Inputs.invalid("query.to", "Range", "must be whole seconds after from");
        }
        if (period.isPresent()) {
            Duration p = period.get();
            if (p.getNano() != 0 || p.compareTo(Duration.ofMinutes(1)) < 0) {
                throw Inputs.invalid("query.period", "Range", "must be whole seconds and at least one minute");
            }
            long span = Duration.between(from, to).getSeconds();
            long n = span / p.getSeconds() + (span % p.getSeconds() == 0 ? 0 : 1);
            if (n > MetricSelection.MAX_PERIODS) {
                throw Inputs.invalid(
                        "query.period", "Range", "makes more than " + MetricSelection.MAX_PERIODS + " periods");
            }
        }
        if (customers.size() > MetricSelection.MAX_CUSTOMERS) {
            throw Inputs.invalid("query.customers", "Size", "must be at most " + MetricSelection.MAX_CUSTOMERS);
        }
        customers.forEach(c -> Inputs.id(c, "query.customers"));
        Set<MetricSelection.Grouping> groupBy = EnumSet.noneOf(MetricSelection.Grouping.class);
        if (query.byCustomer()) {
            groupBy.add(MetricSelection.Grouping.CUSTOMER);
        }
        if (query.byCriticality()) {
            groupBy.add(MetricSelection.Grouping.CRITICALITY);
        }
        return new MetricSelection(from, to, period, customers, criticalities, groupBy);
    }

    /** The key of one report group. */
    private record Key(Instant period, Optional<CustomerId> customer, Optional<Criticality> criticality) {}

    /** Means and ratios from the totals (which come in {@link MetricTotal#ORDER}, so groups keep that order). */
    static MetricsReport report(MetricsQuery query, MetricSelection selection, List<MetricTotal> totals) {
        Map<Key, List<MetricTotal>> byGroup = new LinkedHashMap<>();
        List<MetricTotal> sorted = new ArrayList<>(totals);
        sorted.sort(MetricTotal.ORDER);
        for (MetricTotal t : sorted) {
            byGroup.computeIfAbsent(new Key(t.periodStart(), t.customer(), t.criticality()), k -> new ArrayList<>())
                    .add(t);
        }
        List<MetricsReport.Group> groups = new ArrayList<>(byGroup.size());
        byGroup.forEach((k, list) -> groups.add(group(selection, k, list)));
        return new MetricsReport(query, groups);
    }

    private static MetricsReport.Group group(MetricSelection selection, Key key, List<MetricTotal> totals) {
        Map<Transition, long[]> sums = new EnumMap<>(Transition.class);
        Map<DueKind, long[]> targets = new EnumMap<>(DueKind.class);
        for (MetricTotal t : totals) {
            long[] s = sums.computeIfAbsent(t.transition(), x -> new long[3]);
            s[0] += t.count();
            s[1] += t.wallClockSeconds();
            s[2] += t.businessSeconds();
            if (t.target().isPresent()) {
                long[] mb = targets.computeIfAbsent(t.target().get(), x -> new long[2]);
                mb[t.transition() == Transition.TARGET_MET ? 0 : 1] += t.count();
            }
        }
        Map<DueKind, MetricsReport.Attainment> attainment = new EnumMap<>(DueKind.class);
        targets.forEach((kind, mb) ->
                attainment.put(kind, new MetricsReport.Attainment(mb[0], mb[1], (double) mb[0] / (mb[0] + mb[1]))));
        long resolved = count(sums, Transition.RESOLVED);
        long reopened = count(sums, Transition.REOPENED);
        long left = Duration.between(key.period(), selection.to()).getSeconds();
        Instant end = left <= selection.periodSeconds()
                ? selection.to()
                : key.period().plusSeconds(selection.periodSeconds());
        return new MetricsReport.Group(
                key.period(),
                end,
                key.customer(),
                key.criticality(),
                count(sums, Transition.ESCALATED),
                count(sums, Transition.ACKNOWLEDGED),
                mean(sums.get(Transition.ACKNOWLEDGED)),
                resolved,
                mean(sums.get(Transition.RESOLVED)),
                reopened,
                resolved == 0 ? Optional.empty() : Optional.of((double) reopened / resolved),
                count(sums, Transition.CLOSED),
                count(sums, Transition.WITHDRAWN),
                attainment);
    }

    private static long count(Map<Transition, long[]> sums, Transition t) {
        long[] s = sums.get(t);
        return s == null ? 0 : s[0];
    }

    private static Optional<MetricsReport.Mean> mean(long[] s) {
        if (s == null || s[0] == 0) {
            return Optional.empty();
        }
        return Optional.of(new MetricsReport.Mean(
                Duration.ofSeconds(s[1]).dividedBy(s[0]),
                Duration.ofSeconds(s[2]).dividedBy(s[0])));
    }
}
