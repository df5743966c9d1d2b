package dev.escalation.examples.portal;

import dev.escalation.AuditSettings;
import dev.escalation.EscalationEngine;
import dev.escalation.holidays.GermanCoverage;
import dev.escalation.holidays.JollydayHolidays;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.jdbc.JdbcAuditAnchors;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcPortalMessages;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.jdbc.JdbcSubjectKeys;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.HotlineNumber;
import dev.escalation.sla.SlaPolicy;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine of the demo: the JDBC store on the application's {@link DataSource} (schema applied with Flyway at
 * start), the portal channel kept in the database, German business hours as coverage, the hotline numbers, an SLA
 * policy and the audit trail. The directories are the demo's seeded people ({@link DemoData}).
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

    /** The engine's only source of time; tests register their own clock first. */
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

    @Bean
    AnchorKey anchorKey(PortalProperties properties) {
        return AnchorKey.load(properties.anchorKeyFile());
    }

    @Bean(destroyMethod = "close")
    EscalationEngine escalationEngine(
            DataSource dataSource,
            Clock clock,
            InMemoryCustomerDirectory customers,
            InMemoryStaffDirectory staff,
            AnchorKey anchorKey) {
        JdbcSchema.migrate(dataSource);
        EscalationEngine engine = EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .store(JdbcEscalationStore.builder(dataSource).build())
                .portalMessages(new JdbcPortalMessages(dataSource))
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .coverage(GermanCoverage.calendar())
                .holidayRegions(JollydayHolidays.resolver())
                .slaPolicy(POLICY)
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"))
                .auditTrail(new AuditSettings(
                        new JdbcSubjectKeys(dataSource), new JdbcAuditAnchors(dataSource), anchorKey.pair()))
                .build();
        DemoData.seedEscalations(engine);
        engine.start(Duration.ofSeconds(1));
        return engine;
    }
}
