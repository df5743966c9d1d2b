package dev.escalation.spring.boot;

import dev.escalation.EscalationEngine;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.EscalationException;
import dev.escalation.EscalationListener;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.micrometer.EscalationMeters;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import dev.escalation.text.TextSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Auto-configures an {@link EscalationEngine} from the {@code escalation.*} properties ({@link EscalationProperties})
 * and the application's beans:
 *
 * <ul>
 *   <li><b>Store</b>: by default a {@link JdbcEscalationStore} on the application's {@link DataSource}; with
 *       {@code escalation.jdbc.migrate=true} the library's Flyway migrations are applied first ({@link JdbcSchema}'s
 *       location, own history table, after the application's own Spring Boot Flyway if it has one; a schema that
 *       holds the application's tables is baselined at version 0). Without a {@code DataSource} the context fails to
 *       start, naming {@code escalation.store=memory}, the in-memory store, which is used only when that property is
 *       set. A host's own {@link EscalationStore} bean replaces both. With a host's own {@link EscalationEngine} and no
 *       {@code DataSource}, there is no store bean (that engine has its own) and no health indicator.
 *   <li><b>Adapters</b> are beans the host defines: {@link CustomerDirectory}, {@link StaffDirectory},
 *       {@link Ticketing} and at least one {@link Notifier}; optional {@link TextSource}s, {@link EscalationListener}s,
 *       {@link SlaPolicy} versions, {@link PortalMessages}, and {@link EscalationEngineCustomizer}s. Spring's
 *       {@link Clock} bean if there is one, else the system clock (UTC). Of several {@code PortalMessages} or
 *       {@code Clock} beans the {@code @Primary} one; without one the start fails naming them.
 *   <li><b>Metrics</b>: {@link EscalationMeters} are registered when the context has a {@link MeterRegistry}, unless
 *       the host defines its own {@code EscalationMeters} bean (an {@link EscalationListener}), which replaces them.
 *   <li><b>Background delivery</b> (unless {@code escalation.delivery.enabled=false}): a
 *       {@link org.springframework.context.SmartLifecycle} starts the engine's worker when the context has started
 *       and stops it when the context closes, waiting {@code escalation.delivery.shutdown-timeout} for a running
 *       delivery.
 * </ul>
 *
 * <p><b>Transactions:</b> the engine keeps its own. Each command is one transaction of the store on a connection of
 * its own, committed before the method returns; it never joins a surrounding Spring {@code @Transactional}, and a
 * rollback there does not undo the escalation (a {@link TransactionAwareDataSourceProxy} is unwrapped for that
 * reason). Record what must be atomic with an escalation through the engine, or follow the engine's change feed.
 */
@AutoConfiguration(
        after = DataSourceAutoConfiguration.class,
        afterName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@EnableConfigurationProperties(EscalationProperties.class)
public class EscalationAutoConfiguration {

    EscalationAutoConfiguration() {}

    /**
     * The engine and its background delivery, both only when the host defines no {@link EscalationEngine} bean of its
     * own: a host's own engine is the host's to run, and the starter starts no worker on it (before, it started one,
     * and the context failed to start when the host had started its engine's worker itself).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(EscalationEngine.class)
    static class EngineConfiguration {

        @Bean(destroyMethod = "close")
        EscalationEngine escalationEngine(
                EscalationProperties properties,
                EscalationStore store,
                CustomerDirectory customers,
                StaffDirectory staff,
                Ticketing ticketing,
                ObjectProvider<Notifier> notifiers,
                ObjectProvider<TextSource> texts,
                ObjectProvider<EscalationListener> listeners,
                ObjectProvider<SlaPolicy> policies,
                ObjectProvider<PortalMessages> portalMessages,
                ObjectProvider<Clock> clock,
                ObjectProvider<MeterRegistry> meterRegistry,
                ObjectProvider<EscalationEngineCustomizer> customizers) {
            Clock engineClock = single(clock, Clock.class);
            EscalationEngineBuilder builder = EscalationEngine.builder()
                    .clock(engineClock != null ? engineClock : Clock.systemUTC())
                    .store(store)
                    .customers(customers)
                    .staff(staff)
                    .ticketing(ticketing);
            notifiers.orderedStream().forEach(builder::notifier);
            builder.texts(texts.orderedStream().toArray(TextSource[]::new));
            List<EscalationListener> listenerBeans = listeners.orderedStream().toList();
            listenerBeans.forEach(builder::listener);
            PortalMessages messages = single(portalMessages, PortalMessages.class);
            if (messages != null) {
                builder.portalMessages(messages);
            }
            if (listenerBeans.stream().noneMatch(EscalationMeters.class::isInstance)) { // the host's own replace ours
                meterRegistry.ifUnique(registry -> builder.listener(new EscalationMeters(registry)));
            }
            EngineProperties.apply(properties, builder, policies.orderedStream().toList());
            customizers.orderedStream().forEach(c -> c.customize(builder));
            try {
                return builder.build();
            } catch (EscalationException e) { // a target the coverage does not reach, holiday data: the engine's code
                throw EngineRefusal.of(e, properties);
            } catch (IllegalStateException e) {
                // the builder names a required call it misses as "missing .notifier(Notifier)"; other reasons are the
                // configuration's, where advice on adapters would mislead
                String advice = String.valueOf(e.getMessage()).contains("missing .")
                        ? ". Define the adapters as beans: CustomerDirectory, StaffDirectory, Ticketing and at"
                                + " least one Notifier (dev.escalation.spi)."
                        : "";
                throw new IllegalStateException(
                        "The EscalationEngine cannot be built from the application context: " + e.getMessage() + advice,
                        e);
            }
        }

        /**
         * The one bean of a type the engine takes at most one of, the {@code @Primary} one of several, or null if there
         * is none. Of several without a primary the start fails naming them: taking none would silently drop the
         * host's (its clock, its portal channel), taking any would guess.
         */
        private static <T> @Nullable T single(ObjectProvider<T> beans, Class<T> type) {
            try {
                return beans.getIfAvailable();
            } catch (NoUniqueBeanDefinitionException e) {
                Collection<String> found = e.getBeanNamesFound();
                String beanNames = found == null ? "" : " (" + String.join(", ", found) + ")";
                throw new IllegalStateException("The escalation engine takes one " + type.getSimpleName()
                        + ", but the context has " + e.getNumberOfBeansFound() + " " + type.getSimpleName() + " beans"
                        + beanNames + " and none is @Primary. Mark the one for the engine @Primary.");
            }
        }

        @Bean
        @Conditional(DeliveryEnabled.class)
        BackgroundDelivery escalationBackgroundDelivery(EscalationEngine engine, EscalationProperties properties) {
            return new BackgroundDelivery(engine, properties.delivery().interval());
        }
    }

    /**
     * {@code escalation.store} as Spring Boot binds it (any case, surrounding blanks; default jdbc), so that the store
     * configuration that runs is the one {@link EscalationProperties#store()} names; a text comparison would match
     * neither for {@code "memory "}. A value that is no store fails the start, naming the property.
     */
    abstract static class StoreIs extends SpringBootCondition {
        static final String PROPERTY = "escalation.store";
        private final EscalationProperties.Store store;

        StoreIs(EscalationProperties.Store store) {
            this.store = store;
        }

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            EscalationProperties.Store bound = Binder.get(context.getEnvironment())
                    .bind(PROPERTY, EscalationProperties.Store.class)
                    .orElse(EscalationProperties.Store.JDBC);
            return new ConditionOutcome(bound == store, PROPERTY + " is " + bound);
        }
    }

    /** {@code escalation.store=jdbc}, the default. */
    static final class StoreIsJdbc extends StoreIs {
        StoreIsJdbc() {
            super(EscalationProperties.Store.JDBC);
        }
    }

    /** {@code escalation.store=memory}. */
    static final class StoreIsMemory extends StoreIs {
        StoreIsMemory() {
            super(EscalationProperties.Store.MEMORY);
        }
    }

    /**
     * {@code escalation.delivery.enabled} as Spring Boot binds it ({@code true}, {@code on}, {@code yes}, {@code 1} …;
     * default true): a text comparison with {@code "true"} would turn delivery off for the other spellings of true. A
     * value that is no boolean fails the start, naming the property.
     */
    static final class DeliveryEnabled extends SpringBootCondition {
        static final String PROPERTY = "escalation.delivery.enabled";

        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            boolean enabled = Binder.get(context.getEnvironment())
                    .bind(PROPERTY, Boolean.class)
                    .orElse(true);
            return new ConditionOutcome(enabled, PROPERTY + " is " + enabled);
        }
    }

    /**
     * The JDBC store on the application's DataSource: the default. When the host defines its own engine, the store is
     * offered only if there is a DataSource: that engine brings its own store, and a host without a DataSource is not
     * told to configure one.
     */
    @Configuration(proxyBeanMethods = false)
    @Conditional({StoreIsJdbc.class, JdbcStoreConfiguration.StarterEngineOrDataSource.class})
    static class JdbcStoreConfiguration {

        /** The starter builds the engine (and needs the store), or the application has a DataSource. */
        static final class StarterEngineOrDataSource extends AnyNestedCondition {
            StarterEngineOrDataSource() {
                super(ConfigurationPhase.REGISTER_BEAN);
            }

            @ConditionalOnMissingBean(EscalationEngine.class)
            static final class StarterEngine {}

            @ConditionalOnBean(DataSource.class)
            static final class ApplicationDataSource {}
        }

        @Bean
        @ConditionalOnMissingBean(EscalationStore.class)
        JdbcEscalationStore escalationStore(
                ObjectProvider<DataSource> dataSources, EscalationProperties properties, ListableBeanFactory beans) {
            DataSource dataSource = dataSources.getIfUnique();
            if (dataSource == null) {
                String[] names = beans.getBeanNamesForType(DataSource.class);
                if (names.length > 1) {
                    throw new AmbiguousDataSourceException(names);
                }
                throw new NoDataSourceException();
            }
            // a proxy that hands out the connection of a running Spring transaction would make the store join it
            if (dataSource instanceof TransactionAwareDataSourceProxy proxy && proxy.getTargetDataSource() != null) {
                dataSource = proxy.getTargetDataSource();
            }
            if (properties.jdbc().migrate()) {
                LibraryMigrations.afterApplicationMigrations(beans);
                LibraryMigrations.apply(dataSource);
            }
            return JdbcEscalationStore.builder(dataSource)
                    .queryTimeout(properties.jdbc().queryTimeout())
                    .deduplicationWindow(properties.jdbc().deduplicationWindow())
                    .build();
        }
    }

    /** The in-memory store, only when {@code escalation.store=memory} says so. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(StoreIsMemory.class)
    static class MemoryStoreConfiguration {

        @Bean
        @ConditionalOnMissingBean(EscalationStore.class)
        InMemoryEscalationStore escalationStore() {
            return new InMemoryEscalationStore();
        }
    }

    /** The default store needs one DataSource; of several, which one is not guessed. */
    static final class AmbiguousDataSourceException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AmbiguousDataSourceException(String[] names) {
            super("The escalation engine stores escalations on the application's DataSource (escalation.store=jdbc, "
                    + "the default), but the context has " + names.length + " DataSource beans ("
                    + String.join(", ", names) + ") and none is @Primary. Mark the one for the escalations @Primary, "
                    + "or define an EscalationStore bean on it (JdbcEscalationStore.builder(dataSource)).");
        }
    }

    /** The default store needs a DataSource; the message names the in-memory alternative. */
    static final class NoDataSourceException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NoDataSourceException() {
            super("The escalation engine stores escalations on the application's DataSource (escalation.store=jdbc, "
                    + "the default), but the context has no DataSource bean. Configure one (spring.datasource.url, "
                    + "with spring-boot-starter-jdbc and a JDBC driver), or set escalation.store=memory to keep "
                    + "escalations in memory only (lost on restart; for tests and demos).");
        }
    }
}
