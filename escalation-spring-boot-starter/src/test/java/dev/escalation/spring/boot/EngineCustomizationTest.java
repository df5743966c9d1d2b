package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.model.Criticality;
import dev.escalation.model.PolicyRef;
import dev.escalation.sla.WhatIf;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * What the host adds to the auto-configured engine: {@link EscalationEngineCustomizer} beans, applied after the
 * properties in {@code @Order}; the current SLA policy ({@code escalation.sla.current}); the coverage hours.
 */
class EngineCustomizationTest {
    private static final Instant SPRING_CLOCK = Instant.parse("2027-01-12T09:00:00Z");
    private static final Instant FIRST = Instant.parse("2027-02-01T09:00:00Z");
    private static final Instant LAST = Instant.parse("2027-03-01T09:00:00Z");

    private final ApplicationContextRunner runner = TestAdapters.inMemory();

    /** Two customizers declared in reverse order, each setting the engine's clock. */
    @Configuration(proxyBeanMethods = false)
    static class TwoCustomizers {
        @Bean
        @Order(2)
        EscalationEngineCustomizer last() {
            return builder -> builder.clock(Clock.fixed(LAST, ZoneOffset.UTC));
        }

        @Bean
        @Order(1)
        EscalationEngineCustomizer first() {
            return builder -> builder.clock(Clock.fixed(FIRST, ZoneOffset.UTC));
        }

        @Bean
        Clock springClock() {
            return Clock.fixed(SPRING_CLOCK, ZoneOffset.UTC);
        }
    }

    /**
     * Every customizer runs, in {@code @Order}, after the starter set the engine up from the context (here: Spring's
     * clock bean): the last one's clock is the one the engine records with.
     */
    @Test
    void customizersRunAfterTheStartersSettingsInTheirOrder() {
        runner.withUserConfiguration(TwoCustomizers.class).run(context -> {
            assertThat(context).hasNotFailed();
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            EscalationReceipt receipt = TestAdapters.escalate(engine, "C-1");
            assertThat(engine.find(Actor.contact("ina"), receipt.escalation())
                            .orElseThrow()
                            .raisedAt())
                    .isEqualTo(LAST);
        });
    }

    private static final String[] TWO_POLICIES = {
        "escalation.sla.policies[0].id=standard",
        "escalation.sla.policies[0].version=1",
        "escalation.sla.policies[0].first-contact.CRITICAL=2h",
        "escalation.sla.policies[1].id=strict",
        "escalation.sla.policies[1].version=3",
        "escalation.sla.policies[1].first-contact.CRITICAL=30m"
    };

    private static PolicyRef currentPolicy(EscalationEngine engine) {
        return engine.operations()
                .whatIf(Actor.staff("sam"), WhatIf.at(SPRING_CLOCK, Criticality.CRITICAL))
                .policy();
    }

    @Test
    void withoutEscalationSlaCurrentTheFirstListedPolicyIsCurrent() {
        runner.withPropertyValues(TWO_POLICIES).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(currentPolicy(context.getBean(EscalationEngine.class))).isEqualTo(new PolicyRef("standard", 1));
        });
    }

    @Test
    void escalationSlaCurrentChoosesTheCurrentPolicy() {
        runner.withPropertyValues(TWO_POLICIES)
                .withPropertyValues("escalation.sla.current=strict:3")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(currentPolicy(context.getBean(EscalationEngine.class)))
                            .isEqualTo(new PolicyRef("strict", 3));
                });
    }

    /** A policy that is not registered: another version, another id, or one only a bean could have brought. */
    @ParameterizedTest
    @ValueSource(strings = {"strict:2", "standard:3", "lenient:1"})
    void anUnregisteredCurrentPolicyFailsTheStartNamingTheProperty(String current) {
        assertTheStartFails(current, "names no registered policy: " + current);
    }

    @ParameterizedTest
    @ValueSource(strings = {"strict", "strict:", "strict:three", ":3", "strict:3:", "strict:99999999999"})
    void aCurrentPolicyThatIsNotIdColonVersionFailsTheStartNamingTheProperty(String current) {
        assertTheStartFails(current, "must be id:version, such as standard:2, not " + current);
    }

    /** With the two policies and {@code escalation.sla.current=current}, the start fails naming the property. */
    private void assertTheStartFails(String current, String why) {
        runner.withPropertyValues(TWO_POLICIES)
                .withPropertyValues("escalation.sla.current=" + current)
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("escalation.sla.current " + why));
    }

    @Test
    void aPolicyIdThatIsNoIdFailsTheStartNamingTheProperty() {
        runner.withPropertyValues(TWO_POLICIES)
                .withPropertyValues("escalation.sla.policies[1].id=str\u0000ict")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("escalation.sla.policies[1] policy id must not contain control characters"));
    }

    @Test
    void coverageHoursWithoutADayFailTheStartNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class)
                .withPropertyValues(
                        "escalation.store=memory",
                        "escalation.coverage.days=",
                        "escalation.hotline[0].label=Germany",
                        "escalation.hotline[0].number=+49 911 2399 110")
                .run(context -> assertThat(context)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessage("escalation.coverage.days must name at least one day"));
    }
}
