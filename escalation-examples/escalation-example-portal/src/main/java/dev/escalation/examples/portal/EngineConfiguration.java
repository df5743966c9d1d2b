package dev.escalation.examples.portal;

import dev.escalation.AuditSettings;
import dev.escalation.EscalationEngine;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.jdbc.JdbcAuditAnchors;
import dev.escalation.jdbc.JdbcPortalMessages;
import dev.escalation.jdbc.JdbcSubjectKeys;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spring.boot.ActorResolver;
import dev.escalation.spring.boot.EscalationEngineCustomizer;
import dev.escalation.spring.boot.EscalationProperties;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the demo gives the starter ({@code escalation-spring-boot-starter} builds the engine from these beans and the
 * {@code escalation.*} properties in {@code application.properties}): the directories of the seeded people
 * ({@link DemoData}), the ticketing and e-mail adapters (in memory here), the portal channel kept in the database, the
 * SLA policy, the clock, the audit trail, and the {@link ActorResolver} that turns the signed-in person into the
 * engine's actor.
 */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {
    /** First contact and resolution targets per criticality, in business hours of the vendor's coverage. */
    static final SlaPolicy POLICY = SlaPolicy.builder("standard", 1)
            .firstContact(Criticality.CRITICAL, Duration.ofHours(1))
            .firstContact(Criticality.HIGH, Duration.ofHours(4))
            .firstContact(Criticality.MEDIUM, Duration.ofHours(8))
            .firstContact(Criticality.LOW, Duration.ofHours(16))
            .resolution(Criticality.CRITICAL, Duration.ofHours(8))
            .resolution(Criticality.HIGH, Duration.ofHours(16))
            .resolution(Criticality.MEDIUM, Duration.ofHours(40))
            .resolution(Criticality.LOW, Duration.ofHours(80))
            // the customer sees the first-contact and resolution targets and the next meeting
            .customerVisible(DueKind.FIRST_CONTACT, DueKind.RESOLUTION, DueKind.NEXT_MEETING)
            .warnAt(75)
            .repeatAfterBreach(Duration.ofHours(2), 3)
            .build();

    /** The engine's only source of time (the starter uses it); tests register their own clock first. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    InMemoryCustomerDirectory customerDirectory() {
        return DemoData.customers();
    }

    @Bean
    InMemoryStaffDirectory staffDirectory() {
        return DemoData.staff();
    }

    /** A real host passes its ticket system's adapter (see the Redmine example). */
    @Bean
    InMemoryTicketing ticketing() {
        return new InMemoryTicketing();
    }

    /** E-mail for whoever prefers it (a real host: the SMTP example); the demo's people read the portal inbox. */
    @Bean
    InMemoryNotifier mailNotifier() {
        return new InMemoryNotifier();
    }

    /** The portal channel: notifications kept in the database for the portal's message list. */
    @Bean
    JdbcPortalMessages portalMessages(DataSource dataSource, EscalationProperties properties) {
        return new JdbcPortalMessages(dataSource, properties.jdbc().queryTimeout());
    }

    @Bean
    SlaPolicy standardPolicy() {
        return POLICY;
    }

    @Bean
    AnchorKey anchorKey(PortalProperties properties) {
        return AnchorKey.load(properties.anchorKeyFile());
    }

    /**
     * The tamper-evident audit trail (no property for it): subject keys and signed anchors in the same database, their
     * statements bounded by the store's {@code escalation.jdbc.query-timeout}.
     */
    @Bean
    EscalationEngineCustomizer auditTrail(DataSource dataSource, AnchorKey anchorKey, EscalationProperties properties) {
        Duration timeout = properties.jdbc().queryTimeout();
        return builder -> builder.auditTrail(new AuditSettings(
                new JdbcSubjectKeys(dataSource, timeout), new JdbcAuditAnchors(dataSource, timeout), anchorKey.pair()));
    }

    /** The signed-in person as the engine's actor (Spring Security's authentication is the principal). */
    @Bean
    ActorResolver actorResolver() {
        return PortalActors::resolve;
    }

    /** GLOBEX's seeded escalation, once the engine runs (idempotent: a kept database returns the stored one). */
    @Bean
    ApplicationRunner seedEscalations(EscalationEngine engine) {
        return args -> DemoData.seedEscalations(engine);
    }
}
