package dev.escalation.spring.boot;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;

/**
 * The host's adapters as a test application defines them: ACME with its Incident Manager Ina and cases C-1 to C-99,
 * Sam of Support Management, Eve an Escalation Manager; in-memory notifier and ticketing; an {@link ActorResolver}
 * that knows staff by name and takes everyone else for a contact.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestAdapters {
    static final CustomerId ACME = CustomerId.of("acme");

    @Bean
    InMemoryCustomerDirectory customers() {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(ACME, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        ACME,
                        "Ina",
                        "ina@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true));
        for (int i = 1; i <= 99; i++) {
            customers.add(new SupportCase(CaseId.of("C-" + i), ACME, "Case " + i));
        }
        return customers;
    }

    @Bean
    InMemoryStaffDirectory staff() {
        return new InMemoryStaffDirectory()
                .add(new StaffMember(
                        StaffId.of("sam"),
                        "Sam",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true))
                .add(new StaffMember(
                        StaffId.of("eve"),
                        "Eve",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true));
    }

    /** Off where a test brings its own e-mail notifier (one notifier per channel). */
    @Bean
    @ConditionalOnProperty(name = "test.own-notifier", havingValue = "false", matchIfMissing = true)
    InMemoryNotifier notifier() {
        return new InMemoryNotifier();
    }

    @Bean
    InMemoryTicketing ticketing() {
        return new InMemoryTicketing();
    }

    @Bean
    ActorResolver actorResolver() {
        return principal -> Set.of("sam", "eve").contains(principal.getName())
                ? Optional.of(Actor.staff(principal.getName()))
                : Optional.of(Actor.contact(principal.getName()));
    }

    /**
     * A runner of the starter's auto-configuration on these adapters: the in-memory store, always open, no background
     * delivery (a test delivers when it wants to).
     */
    static ApplicationContextRunner inMemory() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class)
                .withPropertyValues(
                        "escalation.store=memory",
                        "escalation.coverage.always-open=true",
                        "escalation.delivery.enabled=false");
    }

    /** How many side effects are dead-lettered, as Sam (Support Management) reads it. */
    static long deadLetters(EscalationEngine engine) {
        return engine.operations().outboxCounts(Actor.staff("sam")).dead();
    }

    /**
     * Ina escalates {@code caseId} while {@code notifier} is down and delivery runs once: with max-attempts=1 its
     * notifications are dead-lettered.
     */
    static void deadLetter(EscalationEngine engine, InMemoryNotifier notifier, String caseId) {
        notifier.setAvailable(false);
        escalate(engine, caseId);
        engine.deliverPending();
        notifier.setAvailable(true);
    }

    /** Ina escalates a case (a new submission each time). */
    static EscalationReceipt escalate(EscalationEngine engine, String caseId) {
        return engine.escalate(
                Actor.contact("ina"),
                new EscalateCase(
                        CaseId.of(caseId),
                        "Nightly load fails",
                        Cause.DATABASE_OUTAGE,
                        Criticality.HIGH,
                        "submission-" + caseId + "-" + System.nanoTime()));
    }
}
