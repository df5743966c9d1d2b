package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static dev.escalation.test.Rules.thrown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.Capability;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.MetricRow.Transition;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricSelection.Grouping;
import dev.escalation.spi.MetricTotal;
import dev.escalation.spi.MetricsQueries;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the optional {@link MetricsQueries} facet of an {@link EscalationStore} (capability
 * {@link Capability#METRICS}): rules K1 to K3 of {@code RULES.md}. The metric rows enter through store writes
 * ({@link EscalationWrite#metrics()}); the totals are compared with the kit's own aggregation of the rows it wrote. A
 * store that does not declare the capability has every rule skipped with the reason. The store must start empty.
 */
public abstract class MetricsQueriesContract {

    private final String run = Kit.run("m");
    private EscalationStore store;
    /** The first second of this test's rows: a day of its own, so rows of other runs of a shared backend stay apart. */
    private Instant day;

    /** Creates the contract. */
    protected MetricsQueriesContract() {}

    /**
     * Creates the store whose metrics are under test: empty. Called once per test.
     *
     * @return a new, empty store
     */
    protected abstract EscalationStore createStore();

    /**
     * Releases what {@link #createStore()} acquired. Called after each test.
     *
     * @param store the store
     */
    protected void disposeStore(EscalationStore store) {
        // nothing to release by default
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        assertThat(store).as("createStore() returned null").isNotNull();
        long days = Long.parseLong(run.substring(1), 36) % 20_000;
        day = Records.T0.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(days));
    }

    @AfterEach
    final void disposeStoreUnderTest() {
        if (store != null) {
            disposeStore(store);
        }
    }

    private MetricsQueries metrics(String rule) {
        assumeTrue(
                store.capabilities().has(Capability.METRICS),
                "capability not declared: capabilities() does not hold METRICS, so rules K1 to K3 (metric rows and "
                        + "their aggregates) are not checked");
        return store.metrics()
                .orElseThrow(() -> new AssertionError(broken(
                        rule,
                        "the store declares METRICS but metrics() is empty",
                        "that metrics() returns the facet")));
    }

    private CustomerId customer(int i) {
        return CustomerId.of(run + "-c" + i);
    }

    private static MetricRow row(StoredEscalation e, Criticality c, Transition t, Instant at, long wall, long biz) {
        Optional<DueKind> target = Optional.empty();
        if (t.isTarget()) {
            target = Optional.of(wall % 2 == 0 ? DueKind.FIRST_CONTACT : DueKind.RESOLUTION);
        }
        return new MetricRow(e.id(), e.customer(), c, t, at, wall, biz, target);
    }

    private static EscalationWrite withMetrics(EscalationWrite w, List<MetricRow> rows) {
        return new EscalationWrite(w.next(), w.entries(), w.messages(), w.due(), rows);
    }

    /**
     * Writes {@code escalations} escalations of three customers, each created with one row and changed twice with one
     * to three rows, at random seconds of this test's day (some at midnight and at the hour); returns every row.
     */
    private List<MetricRow> history(int escalations, long seed) {
        Random random = new Random(seed);
        Transition[] transitions = Transition.values();
        Criticality[] criticalities = Criticality.values();
        List<MetricRow> all = new ArrayList<>();
        for (int i = 0; i < escalations; i++) {
            StoredEscalation first = Records.escalation(
                            EscalationId.of(run + "-e" + i), customer(i % 3), CaseId.of(run + "-case" + i))
                    .raisedAt(day.plusSeconds(random.nextInt(3_600)))
                    .build();
            Criticality c = criticalities[random.nextInt(criticalities.length)];
            List<MetricRow> created = List.of(row(first, c, Transition.ESCALATED, at(random, i), 0, 0));
            Kit.create(store, withMetrics(Records.creationOf(first), created));
            all.addAll(created);
            for (int change = 0; change < 2; change++) {
                List<MetricRow> rows = new ArrayList<>();
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    Transition t = transitions[random.nextInt(transitions.length)];
                    Criticality ck = random.nextInt(4) == 0 ? criticalities[random.nextInt(criticalities.length)] : c;
                    rows.add(row(first, ck, t, at(random, i + k), random.nextInt(500_000), random.nextInt(90_000)));
                }
                Kit.change(
                        store,
                        first.id(),
                        current -> withMetrics(
                                Records.next(
                                        current,
                                        EscalationState.ACKNOWLEDGED,
                                        current.updatedAt().plusSeconds(1),
                                        "u"),
                                rows));
                all.addAll(rows);
            }
        }
        return all;
    }

    /** A second of the day; every fifth at midnight or at an hour, where periods begin. */
    private Instant at(Random random, int i) {
        if (i % 5 == 0) {
            return day.plus(Duration.ofHours(random.nextInt(24)));
        }
        return day.plusSeconds(random.nextInt(86_400)).plusNanos(random.nextInt(1_000_000_000));
    }

    /** The kit's aggregation of {@code rows} for {@code s}: what every store must answer. */
    static List<MetricTotal> expected(List<MetricRow> rows, MetricSelection s) {
        boolean byCustomer = s.groupBy().contains(Grouping.CUSTOMER);
        boolean byCriticality = s.groupBy().contains(Grouping.CRITICALITY);
        Map<List<Object>, long[]> sums = new HashMap<>();
        Map<List<Object>, MetricTotal> keys = new HashMap<>();
        for (MetricRow r : rows) {
            if (r.at().isBefore(s.from())
                    || !r.at().isBefore(s.to())
                    || (!s.customers().isEmpty() && !s.customers().contains(r.customer()))
                    || (!s.criticalities().isEmpty() && !s.criticalities().contains(r.criticality()))) {
                continue;
            }
            MetricTotal key = new MetricTotal(
                    s.periodOf(r.at()),
                    byCustomer ? Optional.of(r.customer()) : Optional.empty(),
                    byCriticality ? Optional.of(r.criticality()) : Optional.empty(),
                    r.transition(),
                    r.target(),
                    1,
                    0,
                    0);
            List<Object> k =
                    List.of(key.periodStart(), key.customer(), key.criticality(), key.transition(), key.target());
            keys.putIfAbsent(k, key);
            long[] sum = sums.computeIfAbsent(k, x -> new long[3]);
            sum[0]++;
            sum[1] += r.wallClockSeconds();
            sum[2] += r.businessSeconds();
        }
        List<MetricTotal> result = new ArrayList<>();
        keys.forEach((k, t) -> {
            long[] sum = sums.get(k);
            result.add(new MetricTotal(
                    t.periodStart(),
                    t.customer(),
                    t.criticality(),
                    t.transition(),
                    t.target(),
                    sum[0],
                    sum[1],
                    sum[2]));
        });
        result.sort(MetricTotal.ORDER);
        return result;
    }

    private MetricSelection selection(
            Instant from,
            Instant to,
            Optional<Duration> period,
            Set<CustomerId> customers,
            Set<Criticality> crit,
            Set<Grouping> groupBy) {
        return new MetricSelection(from, to, period, customers, crit, groupBy);
    }

    /**
     * K1: totals are exactly the counts and sums of the rows written, per group, for every grouping, period, filter
     * and bound, in {@link MetricTotal#ORDER}.
     */
    @Test
    void k1_totalsAggregateTheRowsPerGroupFilterAndPeriod() {
        MetricsQueries metrics = metrics("K1");
        List<MetricRow> rows = history(24, 20261129L);
        Instant end = day.plus(Duration.ofDays(1));
        List<Optional<Duration>> periods =
                List.of(Optional.empty(), Optional.of(Duration.ofHours(1)), Optional.of(Duration.ofMinutes(90)));
        List<Set<Grouping>> groupings = List.of(
                Set.of(), Set.of(Grouping.CUSTOMER), Set.of(Grouping.CRITICALITY), EnumSet.allOf(Grouping.class));
        // the store started empty and this test's rows lie on a day of its own, so "all customers" is ours
        List<Set<CustomerId>> customerFilters =
                List.of(Set.of(), Set.of(customer(1)), Set.of(customer(0), customer(2)));
        List<Set<Criticality>> criticalityFilters =
                List.of(Set.of(), Set.of(Criticality.HIGH), Set.of(Criticality.LOW, Criticality.CRITICAL));
        for (Optional<Duration> period : periods) {
            for (Set<Grouping> groupBy : groupings) {
                for (Set<CustomerId> customers : customerFilters) {
                    for (Set<Criticality> crit : criticalityFilters) {
                        check(metrics, rows, selection(day, end, period, customers, crit, groupBy));
                    }
                }
            }
        }
        // bounds: from is included, to is not; a window that starts and ends at row instants
        Instant first = rows.stream()
                .map(MetricRow::at)
                .filter(a -> a.isAfter(day))
                .min(Instant::compareTo)
                .orElseThrow();
        Instant last = rows.stream().map(MetricRow::at).max(Instant::compareTo).orElseThrow();
        Set<CustomerId> ours = Set.of(customer(0), customer(1), customer(2));
        check(
                metrics,
                rows,
                selection(
                        first,
                        last,
                        Optional.of(Duration.ofMinutes(1))
                                .filter(p ->
                                        Duration.between(first, last).getSeconds() / 60 < MetricSelection.MAX_PERIODS),
                        ours,
                        Set.of(),
                        Set.of()));
        check(metrics, rows, selection(first, last, Optional.empty(), ours, Set.of(), EnumSet.allOf(Grouping.class)));
        // a window without rows
        assertThat(metrics.totals(selection(end, end.plusSeconds(3_600), Optional.empty(), ours, Set.of(), Set.of())))
                .as(broken("K1", "a window without rows has totals", "the WHERE clause on the row instant"))
                .isEmpty();
    }

    private static void check(MetricsQueries metrics, List<MetricRow> rows, MetricSelection s) {
        assertThat(metrics.totals(s))
                .as(broken(
                        "K1",
                        "the totals of " + s + " differ from the counts and sums of the rows written",
                        "the grouping (period = from + k * period), the filters, the bounds [from, to) and the order"))
                .isEqualTo(expected(rows, s));
    }

    /**
     * K2: rows are stored with their write and only with it: those of a create and of changes are counted unchanged
     * (at truncated to seconds, durations, target); a unit of work that throws, a kept change and a write at a wrong
     * version store none.
     */
    @Test
    void k2_rowsAreWrittenWithTheirWriteOnly() {
        MetricsQueries metrics = metrics("K2");
        StoredEscalation first = Records.escalation(EscalationId.of(run + "-x"), customer(0), CaseId.of(run + "-x"))
                .raisedAt(day)
                .build();
        MetricRow escalated = row(first, Criticality.HIGH, Transition.ESCALATED, day.plusSeconds(1), 0, 0);
        Kit.create(store, withMetrics(Records.creationOf(first), List.of(escalated)));
        MetricRow met = new MetricRow(
                first.id(),
                first.customer(),
                Criticality.HIGH,
                Transition.TARGET_MET,
                day.plusSeconds(61).plusNanos(5),
                61,
                59,
                Optional.of(DueKind.FIRST_CONTACT));
        MetricRow acknowledged = new MetricRow(
                first.id(),
                first.customer(),
                Criticality.HIGH,
                Transition.ACKNOWLEDGED,
                day.plusSeconds(61),
                61,
                59,
                Optional.empty());
        Kit.change(
                store,
                first.id(),
                current -> withMetrics(
                        Records.next(current, EscalationState.ACKNOWLEDGED, day.plusSeconds(61), "ack"),
                        List.of(acknowledged, met)));
        MetricRow lost = row(first, Criticality.HIGH, Transition.RESOLVED, day.plusSeconds(120), 120, 100);
        RuntimeException failure = new IllegalStateException("decide failed on purpose");
        Throwable thrown = thrown(() -> store.changeForVendor(first.id(), current -> {
            withMetrics(Records.next(current, EscalationState.ACTIVE, day.plusSeconds(120), "lost"), List.of(lost));
            throw failure;
        }));
        assertThat(thrown).isSameAs(failure);
        store.changeForVendor(first.id(), current -> UnitOfWork.Decision.keep("kept"));
        StoredEscalation current = store.findForVendor(first.id()).orElseThrow();
        EscalationWrite stale = withMetrics(
                Records.next(
                        Records.from(current).version(current.version() + 5).build(),
                        EscalationState.ACTIVE,
                        day.plusSeconds(130),
                        "stale"),
                List.of(lost));
        Throwable refused = thrown(() -> store.changeForVendor(first.id(), c -> UnitOfWork.Decision.write(stale, 1)));
        assertThat(refused)
                .as(broken("K2", "a write at a wrong version was not refused", "the version check"))
                .isInstanceOf(IllegalArgumentException.class);
        MetricSelection all = selection(
                day,
                day.plus(Duration.ofHours(12)),
                Optional.of(Duration.ofMinutes(1)),
                Set.of(first.customer()),
                Set.of(),
                EnumSet.allOf(Grouping.class));
        assertThat(metrics.totals(all))
                .as(broken(
                        "K2",
                        "the rows of a create and a change are not exactly those written (or a failed, kept or refused "
                                + "change wrote some)",
                        "that esc_metric rows are inserted in the write's transaction, after its checks"))
                .isEqualTo(expected(List.of(escalated, acknowledged, met), all));
    }

    /**
     * K3: rows outlive their escalation: purging it ({@link DataRetention#purgeFinalBefore}, capability
     * {@code RETENTION}) leaves its rows counted.
     */
    @Test
    void k3_rowsOutlivePurging() {
        MetricsQueries metrics = metrics("K3");
        assumeTrue(
                store.capabilities().has(Capability.RETENTION),
                "capability not declared: capabilities() does not hold RETENTION, so K3 (rows outlive purging) is not "
                        + "checked");
        DataRetention retention = store.retention().orElseThrow();
        StoredEscalation first = Records.escalation(EscalationId.of(run + "-p"), customer(2), CaseId.of(run + "-p"))
                .raisedAt(day)
                .build();
        MetricRow escalated = row(first, Criticality.LOW, Transition.ESCALATED, day, 0, 0);
        Kit.create(store, withMetrics(Records.creationOf(first), List.of(escalated)));
        MetricRow closed = row(first, Criticality.LOW, Transition.CLOSED, day.plusSeconds(7_200), 7_200, 3_600);
        Kit.change(
                store,
                first.id(),
                current -> withMetrics(
                        Records.next(current, EscalationState.CLOSED, day.plusSeconds(7_200), "closed"),
                        List.of(closed)));
        assertThat(retention.purgeFinalBefore(day.plus(Duration.ofDays(400)), 10))
                .as("the closed escalation is purged")
                .isEqualTo(1);
        MetricSelection all = selection(
                day,
                day.plus(Duration.ofDays(1)),
                Optional.empty(),
                Set.of(first.customer()),
                Set.of(),
                Set.of(Grouping.CUSTOMER));
        assertThat(metrics.totals(all))
                .as(broken(
                        "K3",
                        "purging an escalation removed its metric rows",
                        "that purging does not delete from the metric rows (esc_metric has no foreign key)"))
                .isEqualTo(expected(List.of(escalated, closed), all));
    }
}
