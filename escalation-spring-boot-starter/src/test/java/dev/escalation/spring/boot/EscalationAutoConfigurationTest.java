package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.micrometer.EscalationMeters;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PortalMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The auto-configured engine: store from the DataSource or in memory, properties, adapters from the context. */
class EscalationAutoConfigurationTest {
    private static final String[] HOTLINE = {
        "escalation.hotline[0].label=Germany", "escalation.hotline[0].number=+49 911 2399 110"
    };

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, EscalationAutoConfiguration.class))
            .withUserConfiguration(TestAdapters.class)
            .withPropertyValues(HOTLINE);

    private static String h2(String name) {
        return "spring.datasource.url=jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void withADataSourceTheEngineRunsOnTheJdbcStoreAfterTheMigrationsRan() {
        runner.withPropertyValues(h2("autoconfig-jdbc"), "escalation.jdbc.migrate=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EscalationStore.class)).isInstanceOf(JdbcEscalationStore.class);
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM \"escalation_schema_history\" WHERE \"success\"",
                                    Integer.class))
                            .as("migrations applied by escalation.jdbc.migrate=true")
                            .isGreaterThanOrEqualTo(9);
                    EscalationReceipt receipt = TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-1");
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM esc_escalation WHERE escalation_id = ?",
                                    Integer.class,
                                    receipt.escalation().value()))
                            .isPositive();
                });
    }

    @Test
    void theLibrarysMigrationsRunBesideTheApplicationsOwnFlyway() {
        runner.withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
                .withPropertyValues(h2("autoconfig-two-flyways"), "escalation.jdbc.migrate=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"script\" = "
                                            + "'V1__host_note.sql'",
                                    Integer.class))
                            .as("the application's migration (db/migration/V1__host_note.sql)")
                            .isEqualTo(1);
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM \"escalation_schema_history\" WHERE \"success\"",
                                    Integer.class))
                            .as("the library's migrations (V1 to V9 at least) after a baseline, in their own history")
                            .isGreaterThanOrEqualTo(10);
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM host_note", Integer.class))
                            .isZero();
                });
    }

    @Test
    void withoutMigrateTheSchemaIsLeftAlone() {
        runner.withPropertyValues(h2("autoconfig-nomigrate"), "escalation.delivery.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) LIKE 'esc_%'",
                                    Integer.class))
                            .isZero();
                });
    }

    @Test
    void withoutADataSourceTheStartFailsNamingTheInMemoryStore() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class)
                .withPropertyValues(HOTLINE)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("escalation.store=memory")
                        .hasMessageContaining("no DataSource"));
    }

    private static DataSource h2DataSource(String name) {
        return DataSourceBuilder.create()
                .url("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")
                .build();
    }

    /**
     * Two DataSources and none of them primary: the start fails saying so, not that there is no DataSource (before,
     * the message sent the host to configure a DataSource it had, or to the in-memory store).
     */
    @Test
    void twoDataSourcesWithoutAPrimaryFailTheStartSayingSo() {
        runner.withBean("ordersDataSource", DataSource.class, () -> h2DataSource("autoconfig-two-a"))
                .withBean("reportsDataSource", DataSource.class, () -> h2DataSource("autoconfig-two-b"))
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("2 DataSource beans")
                        .hasMessageContaining("@Primary")
                        .hasMessageContaining("EscalationStore")
                        .hasMessageNotContaining("no DataSource"));
    }

    /** Of two DataSources, the primary one holds the escalations. */
    @Test
    void ofTwoDataSourcesThePrimaryOneHoldsTheEscalations() {
        DataSource reports = h2DataSource("autoconfig-two-reports");
        runner.withBean("ordersDataSource", DataSource.class, () -> h2DataSource("autoconfig-two-primary"), bean -> {
                    bean.setPrimary(true);
                })
                .withBean("reportsDataSource", DataSource.class, () -> reports)
                .withPropertyValues("escalation.jdbc.migrate=true", "escalation.delivery.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-5");
                    assertThat(new JdbcTemplate(context.getBean("ordersDataSource", DataSource.class))
                                    .queryForObject("SELECT COUNT(*) FROM esc_escalation", Integer.class))
                            .isEqualTo(1);
                    assertThat(new JdbcTemplate(reports)
                                    .queryForObject(
                                            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                                                    + "WHERE LOWER(TABLE_NAME) LIKE 'esc_%'",
                                            Integer.class))
                            .isZero();
                });
    }

    @Test
    void escalationStoreMemoryKeepsEscalationsInMemoryWithoutADataSource() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class)
                .withPropertyValues(HOTLINE)
                .withPropertyValues("escalation.store=memory")
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class);
                    assertThat(context.getBean(EscalationStore.class)).isInstanceOf(InMemoryEscalationStore.class);
                    assertThat(TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-2")
                                    .created())
                            .isTrue();
                });
    }

    /** A host's own engine, its worker started by the host. */
    @Configuration(proxyBeanMethods = false)
    static class HostsOwnEngine {
        @Bean(destroyMethod = "close")
        EscalationEngine hostsEngine(
                InMemoryCustomerDirectory customers,
                InMemoryStaffDirectory staff,
                InMemoryTicketing ticketing,
                InMemoryNotifier notifier) {
            EscalationEngine engine = EscalationEngine.builder()
                    .clock(Clock.systemUTC())
                    .coverage(BusinessCalendar.alwaysOpen())
                    .store(new InMemoryEscalationStore())
                    .customers(customers)
                    .staff(staff)
                    .ticketing(ticketing)
                    .notifier(notifier)
                    .build();
            engine.start(Duration.ofSeconds(1));
            return engine;
        }
    }

    /**
     * A host's own {@link EscalationEngine} bean replaces the starter's, and the starter starts no background worker on
     * it: the host runs its own engine. Before, the starter started one on the host's engine, and the context failed to
     * start when the host had started the worker itself ("the background worker is already running").
     */
    @Test
    void aHostsOwnEngineReplacesTheStartersAndIsNotStartedAgain() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class, HostsOwnEngine.class)
                .withPropertyValues(HOTLINE)
                .withPropertyValues("escalation.store=memory")
                .run(context -> {
                    assertThat(context)
                            .hasNotFailed()
                            .hasSingleBean(EscalationEngine.class)
                            .hasBean("hostsEngine")
                            .doesNotHaveBean(BackgroundDelivery.class);
                    assertThat(TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-3")
                                    .created())
                            .isTrue();
                });
    }

    /**
     * A host's own engine brings its own store: the starter then creates no store of its own, so a host without a
     * DataSource is not told to configure one, and no JDBC store the engine does not use is built (and migrated, and
     * checked by the health indicator) beside it. Before, the context failed to start: "no DataSource bean".
     */
    @Test
    void aHostsOwnEngineNeedsNoDataSourceAndGetsNoSecondStore() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        EscalationAutoConfiguration.class, EscalationActuatorAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class, HostsOwnEngine.class)
                .withPropertyValues(HOTLINE)
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(EscalationEngine.class)
                        .doesNotHaveBean(EscalationStore.class)
                        .doesNotHaveBean(EscalationHealthIndicator.class));
    }

    /** With a DataSource, a host's own engine can still use the starter's JDBC store bean (and its migrations). */
    @Test
    void withADataSourceAHostsOwnEngineStillGetsTheJdbcStoreBean() {
        runner.withUserConfiguration(HostsOwnEngine.class)
                .withPropertyValues(h2("autoconfig-own-engine"))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasBean("hostsEngine")
                        .hasSingleBean(JdbcEscalationStore.class));
    }

    /**
     * Background delivery runs exactly when the bound escalation.delivery.enabled is true, for every spelling Spring
     * Boot binds to a boolean. Before, "on", "yes" and "1" bound to true but switched delivery off silently: the
     * condition compared the text with "true".
     */
    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "on", "yes", "1", "false", "off", "no", "0"})
    void backgroundDeliveryRunsExactlyWhenTheBoundPropertySaysSo(String enabled) {
        runner.withPropertyValues("escalation.store=memory", "escalation.delivery.enabled=" + enabled)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    boolean bound = context.getBean(EscalationProperties.class)
                            .delivery()
                            .enabled();
                    assertThat(context.getBeansOfType(BackgroundDelivery.class))
                            .as("background delivery for escalation.delivery.enabled=%s (bound: %s)", enabled, bound)
                            .hasSize(bound ? 1 : 0);
                });
    }

    /**
     * The store is the one escalation.store binds to, for every spelling the binder accepts (case, surrounding blanks
     * as an environment variable or a YAML string may carry). Before, "memory " bound to MEMORY, but no store
     * configuration matched the text, and the start failed with "No qualifying bean of type EscalationStore".
     */
    @ParameterizedTest
    @ValueSource(strings = {"memory", "MEMORY", "memory ", " memory", "jdbc", "Jdbc", "jdbc ", " jdbc"})
    void theStoreIsTheOneThePropertyBindsTo(String store) {
        runner.withPropertyValues(h2("autoconfig-store-spelling"), "escalation.delivery.enabled=false")
                .withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("raw", Map.of("escalation.store", store))))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EscalationStore.class))
                            .isInstanceOf(
                                    context.getBean(EscalationProperties.class).store()
                                                    == EscalationProperties.Store.MEMORY
                                            ? InMemoryEscalationStore.class
                                            : JdbcEscalationStore.class);
                });
    }

    @Test
    void coverageHoursWithoutAHotlineFailTheStartNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class)
                .withPropertyValues("escalation.store=memory")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith("escalation.hotline ")
                        .hasMessageContaining("escalation.coverage.always-open=true"));
    }

    @Test
    void anUnknownHolidayRegionFailsTheStartNamingTheProperty() {
        runner.withPropertyValues("escalation.store=memory", "escalation.holiday-regions=DE-BY,XX-NOWHERE")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith("escalation.holiday-regions[1] "));
    }

    /** The same policy version listed twice is refused naming the property, as every other wrong policy is. */
    @Test
    void aPolicyVersionListedTwiceFailsTheStartNamingTheProperty() {
        runner.withPropertyValues(
                        "escalation.store=memory",
                        "escalation.sla.policies[0].id=standard",
                        "escalation.sla.policies[0].version=1",
                        "escalation.sla.policies[1].id=standard",
                        "escalation.sla.policies[1].version=1")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageStartingWith("escalation.sla.policies ")
                        .hasMessageContaining("standard"));
    }

    @Test
    void springsClockBeanIsTheEnginesClock() {
        Instant fixed = Instant.parse("2027-01-12T09:00:00Z");
        runner.withPropertyValues("escalation.store=memory", "escalation.delivery.enabled=false")
                .withBean(Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC))
                .run(context -> {
                    EscalationEngine engine = context.getBean(EscalationEngine.class);
                    EscalationReceipt receipt = TestAdapters.escalate(engine, "C-3");
                    assertThat(engine.find(Actor.contact("ina"), receipt.escalation())
                                    .orElseThrow()
                                    .raisedAt())
                            .isEqualTo(fixed);
                });
    }

    @Test
    void withAMeterRegistryTheEnginesMetersAreRegistered() {
        runner.withPropertyValues("escalation.store=memory", "escalation.delivery.enabled=false")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> {
                    TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-4");
                    assertThat(context.getBean(MeterRegistry.class)
                                    .get(EscalationMeters.COMMANDS)
                                    .tags("action", "escalate", "outcome", "succeeded")
                                    .counter()
                                    .count())
                            .isEqualTo(1);
                });
    }

    /**
     * A host that registers its own {@link EscalationMeters} as a bean (with its tags, as README's Metrics shows for
     * the builder) gets those meters only: before, the starter added its own beside them, and every command, delivery
     * and retry was counted twice on the same counters.
     */
    @Test
    void aHostsOwnEscalationMetersBeanReplacesTheStartersMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        runner.withPropertyValues("escalation.store=memory", "escalation.delivery.enabled=false")
                .withBean(MeterRegistry.class, () -> registry)
                .withBean(EscalationMeters.class, () -> new EscalationMeters(registry))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-5");
                    assertThat(registry.get(EscalationMeters.COMMANDS)
                                    .tags("action", "escalate", "outcome", "succeeded")
                                    .counter()
                                    .count())
                            .as("one escalation, counted once")
                            .isEqualTo(1);
                });
    }

    /**
     * Two {@link PortalMessages} or two {@link Clock} beans, none {@code @Primary}: the start fails naming the type and
     * the beans, as for two DataSources. Before, the engine silently took neither: no portal channel, or the system
     * clock instead of the host's.
     */
    @Test
    void twoPortalMessagesOrClocksWithoutAPrimaryFailTheStartNamingThem() {
        ApplicationContextRunner memory =
                runner.withPropertyValues("escalation.store=memory", "escalation.delivery.enabled=false");
        memory.withBean("customerMessages", PortalMessages.class, InMemoryPortalMessages::new)
                .withBean("archiveMessages", PortalMessages.class, InMemoryPortalMessages::new)
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("2 PortalMessages beans")
                        .hasMessageContaining("customerMessages")
                        .hasMessageContaining("archiveMessages")
                        .hasMessageContaining("@Primary"));
        memory.withBean("wallClock", Clock.class, Clock::systemUTC)
                .withBean("testClock", Clock.class, () -> Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
                .run(context -> assertThat(context)
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("2 Clock beans")
                        .hasMessageContaining("wallClock")
                        .hasMessageContaining("testClock"));
    }

    /** Of two clocks, the {@code @Primary} one is the engine's. */
    @Test
    void ofTwoClocksThePrimaryOneIsTheEnginesClock() {
        Instant fixed = Instant.parse("2027-01-12T09:00:00Z");
        runner.withPropertyValues("escalation.store=memory", "escalation.delivery.enabled=false")
                .withBean("wallClock", Clock.class, Clock::systemUTC)
                .withBean("testClock", Clock.class, () -> Clock.fixed(fixed, ZoneOffset.UTC), d -> d.setPrimary(true))
                .run(context -> {
                    EscalationEngine engine = context.getBean(EscalationEngine.class);
                    EscalationReceipt receipt = TestAdapters.escalate(engine, "C-6");
                    assertThat(engine.find(Actor.contact("ina"), receipt.escalation())
                                    .orElseThrow()
                                    .raisedAt())
                            .isEqualTo(fixed);
                });
    }

    /**
     * A host's own {@link EscalationHealthIndicator} bean (its own thresholds), whatever its name, is the only one:
     * before, the starter backed off only for the bean name {@code escalationHealthIndicator}, and a host's
     * {@code escalationHealth} stood beside the starter's, two health components counting the same outbox.
     */
    @Test
    void aHostsOwnHealthIndicatorReplacesTheStartersWhateverItsName() {
        TestAdapters.inMemory()
                .withConfiguration(AutoConfigurations.of(EscalationActuatorAutoConfiguration.class))
                .withBean(
                        "escalationHealth",
                        EscalationHealthIndicator.class,
                        () -> new EscalationHealthIndicator(
                                new InMemoryEscalationStore(), new EscalationProperties.Health(5, -1)))
                .run(context -> assertThat(context)
                        .hasNotFailed()
                        .hasSingleBean(EscalationHealthIndicator.class)
                        .hasBean("escalationHealth"));
        TestAdapters.inMemory()
                .withConfiguration(AutoConfigurations.of(EscalationActuatorAutoConfiguration.class))
                .run(context -> assertThat(context).hasSingleBean(EscalationHealthIndicator.class));
    }
}
