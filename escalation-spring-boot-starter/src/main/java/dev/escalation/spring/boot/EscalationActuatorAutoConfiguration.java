package dev.escalation.spring.boot;

import dev.escalation.EscalationEngine;
import dev.escalation.spi.EscalationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Actuator support, when Actuator is on the class path ({@code spring-boot-starter-actuator}): the health indicator
 * {@code escalation} ({@link EscalationHealthIndicator}; off with {@code management.health.escalation.enabled=false})
 * and the web endpoint {@code escalation} ({@link EscalationEndpoint}; exposed only when the host includes it in
 * {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = EscalationAutoConfiguration.class)
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(EscalationEngine.class)
public class EscalationActuatorAutoConfiguration {

    EscalationActuatorAutoConfiguration() {}

    /**
     * The health indicator, on the store bean (a host's own engine without a store bean has none), unless the host
     * defines its own {@link EscalationHealthIndicator} (any name) or a bean named {@code escalationHealthIndicator}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    @ConditionalOnBean(EscalationStore.class)
    @ConditionalOnEnabledHealthIndicator("escalation")
    static class HealthConfiguration {

        @Bean
        @ConditionalOnMissingBean(value = EscalationHealthIndicator.class, name = "escalationHealthIndicator")
        EscalationHealthIndicator escalationHealthIndicator(EscalationStore store, EscalationProperties properties) {
            return new EscalationHealthIndicator(store, properties.health());
        }
    }

    /** The dead-letter endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnAvailableEndpoint(EscalationEndpoint.class)
    static class EndpointConfiguration {

        @Bean
        @ConditionalOnMissingBean
        EscalationEndpoint escalationEndpoint(EscalationEngine engine, ObjectProvider<ActorResolver> actors) {
            return new EscalationEndpoint(engine, actors);
        }
    }
}
