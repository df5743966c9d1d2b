package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.GIL;
import static dev.escalation.World.HAL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.Withdraw;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.spi.MetricRow;
import dev.escalation.spi.MetricRow.Transition;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricTotal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metric rows each transition writes and the report built from them: three escalations on one Tuesday (vendor
 * coverage 09:00–17:00 Berlin, policy V1: HIGH first contact 4 h, CRITICAL 1 h).
 */
class MetricsTest {
    private static final Instant DAY = Instant.parse("2027-01-12T00:00:00Z");
    private static final Instant NOON = Instant.parse("2027-01-12T12:00:00Z");
    private World w;
    private EscalationId e1;
    private EscalationId e2;
    private EscalationId e3;

    @BeforeEach
    void lifecycle() {
        w = new World(b -> b.slaPolicy(SlaFixtures.V1));
        // 10:00 three escalations
        e1 = w.engine.escalate(INA, World.escalateC1()).escalation();
        e2 = w.engine
                .escalate(
                        INA,
                        new EscalateCase(World.C2, "Slow", Cause.PERFORMANCE_DEGRADATION, Criticality.CRITICAL, null))
                .escalation();
        e3 = w.engine
                .escalate(GIL, new EscalateCase(World.G1, "Login", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.clock.advance(Duration.ofHours(1)); // 11:00: e1 acknowledged within its 4 h
        w.engine.acknowledge(SAM, new Acknowledge(e1, StaffId.of("eve"), "Called Ina"));
        w.engine.agreePlan(
                EVE,
                new AgreePlan(
                        e1,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        w.clock.instant().plusSeconds(3600)));
        w.clock.advance(Duration.ofHours(2)); // 13:00
        w.engine.resolve(EVE, new Resolve(e1, "Fixed the loader"));
        w.clock.advance(Duration.ofHours(1)); // 14:00
        w.engine.reopen(INA, new Reopen(e1, "Failed again"));
        w.clock.advance(Duration.ofHours(1)); // 15:00
        w.engine.resolve(EVE, new Resolve(e1, "Fixed for good"));
        w.engine.declineLessonsLearned(INA, new DeclineLessonsLearned(e1, null));
        w.engine.close(EVE, new Close(e1, null));
        w.engine.withdraw(INA, new Withdraw(e2, "Solved ourselves")); // first contact (1 h) never made
        w.engine.acknowledge(SAM, new Acknowledge(e3, StaffId.of("max"), "Called Gil")); // 5 h after: late
    }

    /** The rows of one escalation: here each has its own customer and criticality, and no two rows share a minute. */
    private List<MetricRow> rows(EscalationId id, String customer, Criticality criticality) {
        MetricSelection perMinute = new MetricSelection(
                DAY,
                DAY.plus(Duration.ofHours(16)),
                Optional.of(Duration.ofMinutes(1)),
                Set.of(CustomerId.of(customer)),
                Set.of(criticality),
                Set.of(MetricSelection.Grouping.CUSTOMER, MetricSelection.Grouping.CRITICALITY));
        return w.memoryStore.metrics().orElseThrow().totals(perMinute).stream()
                .peek(t -> assertThat(t.count()).isOne())
                .map(t -> new MetricRow(
                        id,
                        t.customer().orElseThrow(),
                        t.criticality().orElseThrow(),
                        t.transition(),
                        t.periodStart(),
                        t.wallClockSeconds(),
                        t.businessSeconds(),
                        t.target()))
                .toList();
    }

    private static MetricRow row(
            EscalationId id, String customer, Criticality c, Transition t, String at, long wall, long business) {
        return new MetricRow(id, CustomerId.of(customer), c, t, Instant.parse(at), wall, business, Optional.empty());
    }

    private static MetricRow target(
            EscalationId id, String customer, Criticality c, Transition t, DueKind k, String at, long wall) {
        return new MetricRow(id, CustomerId.of(customer), c, t, Instant.parse(at), wall, wall, Optional.of(k));
    }

    @Test
    void eachTransitionWritesItsRowWithDurationsFromTheRaise() {
        Criticality high = Criticality.HIGH;
        assertThat(rows(e1, "acme", high))
                .containsExactly(
                        row(e1, "acme", high, Transition.ESCALATED, "2027-01-12T09:00:00Z", 0, 0),
                        row(e1, "acme", high, Transition.ACKNOWLEDGED, "2027-01-12T10:00:00Z", 3600, 3600),
                        target(
                                e1,
                                "acme",
                                high,
                                Transition.TARGET_MET,
                                DueKind.FIRST_CONTACT,
                                "2027-01-12T10:00:00Z",
                                3600),
                        row(e1, "acme", high, Transition.RESOLVED, "2027-01-12T12:00:00Z", 10800, 10800),
                        target(
                                e1,
                                "acme",
                                high,
                                Transition.TARGET_MET,
                                DueKind.RESOLUTION,
                                "2027-01-12T12:00:00Z",
                                10800),
                        // resolved until reopened (13:00–14:00) is not business time
                        row(e1, "acme", high, Transition.REOPENED, "2027-01-12T13:00:00Z", 14400, 10800),
                        row(e1, "acme", high, Transition.RESOLVED, "2027-01-12T14:00:00Z", 18000, 14400),
                        row(e1, "acme", high, Transition.CLOSED, "2027-01-12T14:00:00Z", 18000, 14400));
        Criticality critical = Criticality.CRITICAL;
        assertThat(rows(e2, "acme", critical))
                .containsExactly(
                        row(e2, "acme", critical, Transition.ESCALATED, "2027-01-12T09:00:00Z", 0, 0),
                        row(e2, "acme", critical, Transition.WITHDRAWN, "2027-01-12T14:00:00Z", 18000, 18000),
                        target(
                                e2,
                                "acme",
                                critical,
                                Transition.TARGET_BREACHED,
                                DueKind.FIRST_CONTACT,
                                "2027-01-12T14:00:00Z",
                                18000));
        assertThat(rows(e3, "globex", high))
                .containsExactly(
                        row(e3, "globex", high, Transition.ESCALATED, "2027-01-12T09:00:00Z", 0, 0),
                        row(e3, "globex", high, Transition.ACKNOWLEDGED, "2027-01-12T14:00:00Z", 18000, 18000),
                        target(
                                e3,
                                "globex",
                                high,
                                Transition.TARGET_BREACHED,
                                DueKind.FIRST_CONTACT,
                                "2027-01-12T14:00:00Z",
                                18000));
    }

    /**
     * Without an SLA policy there are no targets to judge, but the transitions are still written: an acknowledgement,
     * a resolution and a withdrawal each write their row.
     */
    @Test
    void withoutAPolicyTheTransitionsAreStillWritten() {
        World plain = new World();
        EscalationId resolved = plain.engine.escalate(INA, World.escalateC1()).escalation();
        EscalationId withdrawn = plain.engine
                .escalate(
                        INA, new EscalateCase(World.C2, "Slow", Cause.PERFORMANCE_DEGRADATION, Criticality.HIGH, null))
                .escalation();
        plain.clock.advance(Duration.ofHours(1));
        plain.active(resolved);
        plain.engine.resolve(EVE, new Resolve(resolved, "Fixed the loader"));
        plain.engine.withdraw(INA, new Withdraw(withdrawn, "Solved ourselves"));

        assertThat(dayTotals(plain))
                .allSatisfy(t -> assertThat(t.target()).isEmpty())
                .extracting(t -> t.transition() + "x" + t.count())
                .containsExactlyInAnyOrder(
                        Transition.ESCALATED + "x2",
                        Transition.ACKNOWLEDGED + "x1",
                        Transition.RESOLVED + "x1",
                        Transition.WITHDRAWN + "x1");
    }

    /**
     * A target the policy measures in the customer's contract calendar is judged in it in the metric row too: the
     * resolution of an escalation raised at 10:00 in Berlin and resolved at 15:00 counts the customer's hours open in
     * that span (New York from 07:00, that is 13:00 in Berlin: 2 hours), not the vendor's (09:00–17:00 in Berlin: 5
     * hours), while first contact, measured in the vendor's calendar, counts the vendor's hour.
     */
    @Test
    void aTargetMeasuredInTheCustomersCalendarIsJudgedInIt() {
        World ny = new World(b -> b.slaPolicy(SlaFixtures.everyStep("contract")));
        ny.customers.add(new dev.escalation.spi.CustomerAccount(
                CustomerId.of("acme"),
                "ACME",
                SlaFixtures.CUSTOMER_CALENDARS.get(2))); // New York, Monday–Saturday 07:00–19:00
        EscalationId id = ny.engine.escalate(INA, World.escalateC1()).escalation(); // 10:00 Berlin, HIGH
        ny.clock.advance(Duration.ofHours(1));
        ny.active(id);
        ny.clock.advance(Duration.ofHours(4));
        ny.engine.resolve(EVE, new Resolve(id, "Fixed the loader"));

        assertThat(dayTotals(ny))
                .filteredOn(t -> t.target().isPresent())
                .extracting(t -> t.target().orElseThrow() + ":" + t.wallClockSeconds() + "/" + t.businessSeconds())
                .containsExactlyInAnyOrder("FIRST_CONTACT:3600/3600", "RESOLUTION:18000/7200");
    }

    /** The day's totals of {@code world}'s store, ungrouped. */
    private static List<MetricTotal> dayTotals(World world) {
        return world.memoryStore
                .metrics()
                .orElseThrow()
                .totals(new MetricSelection(
                        DAY, DAY.plus(Duration.ofDays(1)), Optional.empty(), Set.of(), Set.of(), Set.of()));
    }

    @Test
    void reportComputesMttaMttrAttainmentAndReopenRate() {
        MetricsReport report =
                w.engine.operations().metrics(SAM, MetricsQuery.between(DAY, DAY.plus(Duration.ofDays(1))));
        assertThat(report.groups()).hasSize(1);
        MetricsReport.Group g = report.groups().get(0);
        assertThat(g.periodStart()).isEqualTo(DAY);
        assertThat(g.periodEnd()).isEqualTo(DAY.plus(Duration.ofDays(1)));
        assertThat(g.escalated()).isEqualTo(3);
        assertThat(g.acknowledged()).isEqualTo(2);
        assertThat(g.mtta()).contains(new MetricsReport.Mean(Duration.ofHours(3), Duration.ofHours(3)));
        assertThat(g.resolved()).isEqualTo(2);
        assertThat(g.mttr()).contains(new MetricsReport.Mean(Duration.ofHours(4), Duration.ofMinutes(210)));
        assertThat(g.reopened()).isEqualTo(1);
        assertThat(g.reopenRate()).contains(0.5);
        assertThat(g.closed()).isEqualTo(1);
        assertThat(g.withdrawn()).isEqualTo(1);
        assertThat(g.targets())
                .isEqualTo(Map.of(
                        DueKind.FIRST_CONTACT, new MetricsReport.Attainment(1, 2, 1.0 / 3),
                        DueKind.RESOLUTION, new MetricsReport.Attainment(1, 0, 1.0)));
        assertThat(g.breaches()).isEqualTo(2);
    }

    @Test
    void reportGroupsByCustomerCriticalityAndPeriod() {
        MetricsQuery q = MetricsQuery.between(DAY, DAY.plus(Duration.ofDays(1)))
                .per(Duration.ofHours(12))
                .groupedByCustomer()
                .groupedByCriticality();
        MetricsReport report = w.engine.operations().metrics(HAL, q);
        assertThat(report.groups())
                .extracting(
                        g -> g.periodStart() + " " + g.customer().orElseThrow().value() + " "
                                + g.criticality().orElseThrow() + " " + g.escalated() + "/" + g.acknowledged() + "/"
                                + g.breaches())
                .containsExactly(
                        DAY + " acme HIGH 1/1/0",
                        DAY + " acme CRITICAL 1/0/0",
                        DAY + " globex HIGH 1/0/0",
                        // from 12:00 UTC: e1 resolved, reopened, closed; e2 withdrawn late; e3 acknowledged late
                        NOON + " acme HIGH 0/0/0",
                        NOON + " acme CRITICAL 0/0/1",
                        NOON + " globex HIGH 0/1/1");
        MetricsReport acmeCritical = w.engine
                .operations()
                .metrics(
                        SAM,
                        q.per(null)
                                .customers(Set.of(CustomerId.of("acme")))
                                .criticalities(Set.of(Criticality.CRITICAL)));
        assertThat(acmeCritical.groups()).singleElement().satisfies(g -> {
            assertThat(g.escalated()).isEqualTo(1);
            assertThat(g.withdrawn()).isEqualTo(1);
            assertThat(g.mtta()).isEmpty();
            assertThat(g.reopenRate()).isEmpty();
        });
        MetricsReport later = w.engine
                .operations()
                .metrics(SAM, MetricsQuery.between(DAY.plus(Duration.ofDays(1)), DAY.plus(Duration.ofDays(2))));
        assertThat(later.groups()).isEmpty();
    }

    @Test
    void onlySupportManagementAndHeadOfSupportReadMetrics() {
        MetricsQuery q = MetricsQuery.between(DAY, DAY.plus(Duration.ofDays(1)));
        assertThatThrownBy(() -> w.engine.operations().metrics(EVE, q)).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine.operations().metrics(INA, q)).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void invalidQueriesAreRefusedWithFieldAndRule() {
        assertThatThrownBy(() -> w.engine.operations().metrics(SAM, null))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("query");
        assertThatThrownBy(() -> w.engine.operations().metrics(SAM, MetricsQuery.between(DAY, DAY)))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("query.to");
        assertThatThrownBy(() -> w.engine
                        .operations()
                        .metrics(
                                SAM,
                                MetricsQuery.between(DAY, DAY.plus(Duration.ofDays(2000)))
                                        .per(Duration.ofDays(1))))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("query.period");
        assertThatThrownBy(() -> w.engine
                        .operations()
                        .metrics(SAM, MetricsQuery.between(DAY.plusMillis(1), DAY.plus(Duration.ofDays(1)))))
                .isInstanceOf(InvalidCommandException.class)
                .hasMessageContaining("query.from");
    }

    @Test
    void aNullInASetIsRefusedByTheEngineNamingTheField() {
        Set<CustomerId> customers = new java.util.HashSet<>(java.util.Arrays.asList(CustomerId.of("acme"), null));
        Set<Criticality> criticalities = new java.util.HashSet<>(java.util.Arrays.asList(null, Criticality.HIGH));
        MetricsQuery q = MetricsQuery.between(DAY, DAY.plus(Duration.ofDays(1)));
        MetricsQuery withNull = q.customers(customers);
        customers.add(CustomerId.of("globex"));
        assertThat(withNull.customers()).containsExactlyInAnyOrder(CustomerId.of("acme"), null);
        assertThatThrownBy(() -> withNull.customers().add(CustomerId.of("initech")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> w.engine.operations().metrics(SAM, withNull))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("query.customers.NotNull"));
        assertThatThrownBy(() -> w.engine.operations().metrics(SAM, q.criticalities(criticalities)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(InvalidCommandException.Violation::code)
                                .containsExactly("query.criticalities.NotNull"));
    }

    @Test
    void aStoreWithoutTheCapabilityIsRefused() {
        dev.escalation.inmemory.InMemoryEscalationStore delegate =
                new dev.escalation.inmemory.InMemoryEscalationStore();
        dev.escalation.spi.EscalationStore plainStore =
                (dev.escalation.spi.EscalationStore) java.lang.reflect.Proxy.newProxyInstance(
                        getClass().getClassLoader(),
                        new Class<?>[] {dev.escalation.spi.EscalationStore.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("capabilities")) {
                                return new dev.escalation.spi.StoreCapabilities(
                                        Set.of(), java.time.temporal.ChronoUnit.NANOS, Duration.ofDays(7));
                            }
                            if (method.getName().equals("metrics")) {
                                return Optional.empty();
                            }
                            try {
                                return method.invoke(delegate, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        World plain = new World(b -> {}, plainStore);
        assertThatThrownBy(() -> plain.engine.operations().metrics(SAM, MetricsQuery.between(DAY, DAY.plusSeconds(60))))
                .isInstanceOf(UnsupportedQueryException.class);
    }
}
