package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.MetricRow.Transition;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricSelection.Grouping;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Issue #16 point 6: the in-memory store's metric totals and the JDBC store's SQL aggregates (on H2) agree. Generated
 * histories — escalations of few customers, each a sequence of transitions as the engine writes them (escalated,
 * acknowledged with its first-contact target met or breached, resolved with its resolution target, reopened,
 * closed or withdrawn; criticality changing on the way; durations growing from the raise) — are written through
 * {@code create} and {@code changeForVendor} to both stores; generated selections (window, period, filters, grouping)
 * must give equal totals.
 */
class H2InMemoryMetricsPropertyTest {
    private static final Instant T0 = Records.T0;
    private static final List<CustomerId> CUSTOMERS =
            List.of(CustomerId.of("acme"), CustomerId.of("globex"), CustomerId.of("initech"));

    private static TestDatabase database;
    private static DataSource pool;
    private static EscalationStore jdbc;

    private static synchronized EscalationStore jdbcStore() throws SQLException {
        if (database == null) {
            database = TestDatabase.h2();
            database.migrate();
            pool = database.newPool("metrics-property", 2);
            jdbc = JdbcEscalationStore.builder(pool).build();
        }
        database.clear(pool);
        return jdbc;
    }

    @AfterContainer
    static void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    /** One step of a history: how long after the previous one (seconds), and what happens. */
    record Step(int afterSeconds, int what, boolean onTime, Criticality criticality) {}

    /** One generated escalation. */
    record History(int customer, int raisedMinutes, Criticality criticality, List<Step> steps) {}

    /** One generated selection. */
    record Select(
            int fromHours,
            int hours,
            Optional<Integer> periodMinutes,
            Set<Integer> customers,
            Set<Criticality> crit,
            Set<Grouping> groupBy) {

        MetricSelection selection() {
            Instant from = T0.plus(Duration.ofHours(fromHours));
            return new MetricSelection(
                    from,
                    from.plus(Duration.ofHours(hours)),
                    periodMinutes.map(Duration::ofMinutes),
                    customers.stream().map(CUSTOMERS::get).collect(java.util.stream.Collectors.toSet()),
                    crit,
                    groupBy);
        }
    }

    @Provide
    Arbitrary<List<History>> histories() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, 40_000),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of(true, false),
                        Arbitraries.of(Criticality.class))
                .as(Step::new);
        return Combinators.combine(
                        Arbitraries.integers().between(0, CUSTOMERS.size() - 1),
                        Arbitraries.integers().between(0, 48 * 60),
                        Arbitraries.of(Criticality.class),
                        step.list().ofMaxSize(8))
                .as(History::new)
                .list()
                .ofMaxSize(25);
    }

    @Provide
    Arbitrary<List<Select>> selections() {
        return Combinators.combine(
                        Arbitraries.integers().between(-2, 60),
                        Arbitraries.integers().between(1, 96),
                        Arbitraries.of(1, 7, 60, 90, 360, 1440).optional(0.7),
                        Arbitraries.integers()
                                .between(0, CUSTOMERS.size() - 1)
                                .set()
                                .ofMaxSize(2),
                        Arbitraries.of(Criticality.class).set().ofMaxSize(2),
                        Arbitraries.of(Grouping.class).set())
                .as(Select::new)
                .filter(s -> s.periodMinutes().isEmpty()
                        || s.hours() * 60L / s.periodMinutes().get() < MetricSelection.MAX_PERIODS)
                .list()
                .ofMinSize(1)
                .ofMaxSize(5);
    }

    @Property(tries = 100)
    void theInMemoryAndTheJdbcStoreGiveTheSameTotals(
            @ForAll("histories") List<History> histories, @ForAll("selections") List<Select> selections)
            throws SQLException {
        EscalationStore database = jdbcStore();
        EscalationStore memory = new InMemoryEscalationStore();
        for (int i = 0; i < histories.size(); i++) {
            write(i, histories.get(i), database, memory);
        }
        for (Select s : selections) {
            MetricSelection selection = s.selection();
            assertThat(database.metrics().orElseThrow().totals(selection))
                    .as("totals of %s", selection)
                    .isEqualTo(memory.metrics().orElseThrow().totals(selection));
        }
    }

    /** Writes one history to both stores: a create with ESCALATED, then one change per step with its rows. */
    private static void write(int n, History h, EscalationStore... stores) {
        CustomerId customer = CUSTOMERS.get(h.customer());
        Instant raised = T0.plus(Duration.ofMinutes(h.raisedMinutes())).plusNanos(n * 1_000L);
        StoredEscalation first = Records.escalation(EscalationId.of("E-" + n), customer, CaseId.of("K-" + n))
                .raisedAt(raised)
                .criticality(h.criticality())
                .build();
        List<MetricRow> created = List.of(new MetricRow(
                first.id(), customer, h.criticality(), Transition.ESCALATED, raised, 0, 0, Optional.empty()));
        for (EscalationStore store : stores) {
            store.create(withRows(Records.creationOf(first), created));
        }
        Instant at = raised;
        boolean acknowledged = false;
        boolean resolvedOnce = false;
        for (Step step : h.steps()) {
            at = at.plusSeconds(step.afterSeconds());
            long wall = Duration.between(raised, at).getSeconds();
            long business = wall * 2 / 5; // business time never exceeds wall-clock time
            List<MetricRow> rows = new ArrayList<>();
            Transition t = Transition.values()[step.what()];
            rows.add(new MetricRow(first.id(), customer, step.criticality(), t, at, wall, business, Optional.empty()));
            Transition settled = step.onTime() ? Transition.TARGET_MET : Transition.TARGET_BREACHED;
            if (t == Transition.ACKNOWLEDGED && !acknowledged) {
                acknowledged = true;
                rows.add(new MetricRow(
                        first.id(),
                        customer,
                        step.criticality(),
                        settled,
                        at,
                        wall,
                        business,
                        Optional.of(DueKind.FIRST_CONTACT)));
            } else if (t == Transition.RESOLVED && !resolvedOnce) {
                resolvedOnce = true;
                rows.add(new MetricRow(
                        first.id(),
                        customer,
                        step.criticality(),
                        settled,
                        at,
                        wall,
                        business,
                        Optional.of(DueKind.RESOLUTION)));
            }
            Instant when = at;
            for (EscalationStore store : stores) {
                store.changeForVendor(first.id(), current -> {
                    EscalationWrite w = withRows(
                            Records.next(
                                    current,
                                    EscalationState.ACKNOWLEDGED,
                                    current.updatedAt().plusNanos(1),
                                    "s"),
                            rows);
                    return UnitOfWork.Decision.write(w, when);
                });
            }
        }
    }

    private static EscalationWrite withRows(EscalationWrite w, List<MetricRow> rows) {
        return new EscalationWrite(w.next(), w.entries(), w.messages(), w.due(), rows);
    }
}
