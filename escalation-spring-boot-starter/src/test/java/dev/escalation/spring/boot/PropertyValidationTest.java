package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

/**
 * A wrong {@code escalation.*} property stops the application's start, and what Spring Boot prints names the
 * property as it is written in {@code application.properties}.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropertyValidationTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestAdapters.class)
    static class App {}

    private static void start(String... properties) {
        new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .properties("escalation.store=memory", "escalation.coverage.always-open=true")
                .properties(properties)
                .run()
                .close();
    }

    /**
     * A configuration the engine's build finds inconsistent, with every adapter defined (here: a customizer's coverage
     * calendar without opening hours), stops the start with the engine's reason and without telling to define the
     * adapters as beans, which are all there; before, every such report ended with that advice.
     */
    @Test
    void anInconsistentConfigurationIsReportedWithoutTheAdapterAdvice(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class, NeverOpen.class)
                        .web(WebApplicationType.NONE)
                        .properties("escalation.store=memory", "escalation.coverage.always-open=true")
                        .run()
                        .close())
                .isNotNull();
        assertThat(output).contains("never opens").doesNotContain("Define the adapters as beans");
    }

    /** A customizer that sets a coverage calendar without opening hours. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class NeverOpen {
        @org.springframework.context.annotation.Bean
        EscalationEngineCustomizer neverOpen() {
            return b -> b.coverage(dev.escalation.calendar.BusinessCalendar.builder(java.time.ZoneOffset.UTC)
                    .build());
        }
    }

    @Test
    void aNegativeDeliveryIntervalStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("escalation.delivery.interval=-5s")).isNotNull();
        assertThat(output)
                .contains("escalation.delivery.interval must be between")
                .contains("not PT-5S");
    }

    @Test
    void aBatchSizeOutOfRangeStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("escalation.delivery.batch-size=0")).isNotNull();
        assertThat(output).contains("escalation.delivery.batch-size must be between 1 and 500, not 0");
    }

    @Test
    void aValueOfTheWrongTypeStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("escalation.delivery.shutdown-timeout=soon"))
                .isNotNull();
        assertThat(output).contains("escalation.delivery.shutdown-timeout");
    }

    @Test
    void withoutADataSourceTheReportNamesTheInMemoryStore(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class)
                        .web(WebApplicationType.NONE)
                        .properties(
                                "escalation.coverage.always-open=true",
                                "spring.autoconfigure.exclude="
                                        + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                        .run())
                .isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("has no DataSource bean")
                .contains("or set escalation.store=memory");
    }

    @Test
    void anInstanceNameNoStoreCanKeepStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("escalation.instance-name=node\u0000one"))
                .isNotNull();
        assertThat(output).contains("escalation.instance-name must not contain control characters");
    }

    @Test
    void aHotlineNumberWithALineBreakStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "escalation.hotline[0].label=Germany",
                        "escalation.hotline[0].number=+49 911 2399 110",
                        "escalation.hotline[1].label=Austria",
                        "escalation.hotline[1].number=+43 1 234\n567"))
                .isNotNull();
        assertThat(output).contains("escalation.hotline[1].number must be one line");
    }

    @Test
    void anUnknownStoreStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("escalation.store=in-memory")).isNotNull();
        assertThat(output).contains("escalation.store").contains("in-memory");
    }

    /**
     * A list of days or deadline kinds with an empty entry (a doubled comma) stops the start naming the property. Before,
     * Spring Boot's report named only the group and the reason was the JDK's {@code NullPointerException} ("Cannot
     * invoke Object.hashCode() because pe is null").
     */
    @Test
    void anEmptyEntryInAListOfDaysStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(
                        () -> start("escalation.coverage.always-open=false", "escalation.coverage.days=MONDAY,,FRIDAY"))
                .isNotNull();
        assertThat(output)
                .contains("escalation.coverage.days has an empty entry")
                .doesNotContain("NullPointerException");
    }

    @Test
    void anEmptyEntryInAPolicysCustomerVisibleDeadlinesStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "escalation.sla.policies[0].id=standard",
                        "escalation.sla.policies[0].version=1",
                        "escalation.sla.policies[0].customer-visible=FIRST_CONTACT,,RESOLUTION"))
                .isNotNull();
        assertThat(output)
                .contains("escalation.sla.policies[].customer-visible has an empty entry")
                .doesNotContain("NullPointerException");
    }

    /**
     * An empty value of a duration, number or switch stops the start naming it. Before, {@code
     * escalation.delivery.lease=} alone stopped the start naming {@code escalation.delivery.batch-size} (Spring Boot
     * binds the empty value as "no value", and then could not bind the group's defaults), and next to another delivery
     * property the default lease applied silently.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "escalation.delivery.lease=",
                "escalation.delivery.lease= ",
                "escalation.delivery.batch-size=",
                "escalation.delivery.enabled=",
                "escalation.health.max-pending=",
                "escalation.instance-name=",
            })
    void anEmptyValueStopsTheStartNamingTheProperty(String property, CapturedOutput output) {
        assertThatThrownBy(() -> start(property, "escalation.delivery.interval=1s"))
                .isNotNull();
        String name = property.substring(0, property.indexOf('='));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains(name + " is set but empty")
                .contains("Remove " + name + " to use its default, or give it a value.");
    }

    @Test
    void anEmptyEnvironmentVariableStopsTheStartNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class)
                        .web(WebApplicationType.NONE)
                        .environment(new org.springframework.core.env.StandardEnvironment() {
                            @Override
                            protected void customizePropertySources(
                                    org.springframework.core.env.MutablePropertySources sources) {
                                sources.addLast(new org.springframework.core.env.SystemEnvironmentPropertySource(
                                        "systemEnvironment", java.util.Map.of("ESCALATION_DELIVERY_LEASE", "")));
                            }
                        })
                        .properties("escalation.store=memory", "escalation.coverage.always-open=true")
                        .run())
                .isNotNull();
        assertThat(output).contains("escalation.delivery.lease is set but empty");
    }

    @Test
    void anEmptyHolidayRegionStillMeansNoHolidays() {
        start("escalation.coverage.holiday-region=");
    }

    /**
     * A target no calendar can reach within {@code SlaPolicy.MAX_TARGET_WEEKS} (104) weeks, not even one open around
     * the clock (728 days), stops the start while binding, naming the property. Before, binding accepted it (up to
     * 3,660 days) and the engine's build refused it later with a message that named no property.
     */
    @ParameterizedTest
    @ValueSource(strings = {"3660d", "P728DT0.000000001S", "0s", "-1h"})
    void aTargetNoCalendarCanReachStopsTheStartNamingTheProperty(String target, CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "escalation.sla.policies[0].id=standard",
                        "escalation.sla.policies[0].version=1",
                        "escalation.sla.policies[0].first-contact.CRITICAL=1h",
                        "escalation.sla.policies[0].resolution.CRITICAL=" + target))
                .isNotNull();
        assertThat(output)
                .contains("escalation.sla.policies[0].resolution.CRITICAL must be positive and at most 104 weeks")
                .contains("PT17472H");
    }

    /** 104 weeks of a calendar open around the clock is the longest target the engine accepts: it starts. */
    @Test
    void aTargetOfOneHundredAndFourWeeksOfACoverageOpenAroundTheClockStarts() {
        start(
                "escalation.sla.policies[0].id=standard",
                "escalation.sla.policies[0].version=1",
                "escalation.sla.policies[0].resolution.CRITICAL=728d");
    }

    /**
     * A target longer than 104 weeks of the configured coverage (40 hours a week reach 4,160 hours) depends on the
     * coverage calendar, which an {@code EscalationEngineCustomizer} may replace: the engine's build refuses it, and
     * the report carries the engine's code and names the property.
     */
    @Test
    void aTargetTheCoverageCannotReachStopsTheStartWithTheEnginesCodeAndTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                        "escalation.coverage.always-open=false",
                        "escalation.coverage.holiday-region=",
                        "escalation.hotline[0].label=Germany",
                        "escalation.hotline[0].number=+49 911 2399 110",
                        "escalation.sla.policies[0].id=standard",
                        "escalation.sla.policies[0].version=1",
                        "escalation.sla.policies[0].first-contact.HIGH=4161h"))
                .isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("INVALID_COMMAND slaPolicy.firstContact.Reachable")
                .contains("escalation.sla.policies[0].first-contact.HIGH")
                .contains("escalation.coverage");
    }

    @Test
    void aTargetTheCoverageReachesStarts() {
        start(
                "escalation.coverage.always-open=false",
                "escalation.coverage.holiday-region=",
                "escalation.hotline[0].label=Germany",
                "escalation.hotline[0].number=+49 911 2399 110",
                "escalation.sla.policies[0].id=standard",
                "escalation.sla.policies[0].version=1",
                "escalation.sla.policies[0].first-contact.HIGH=4160h");
    }

    /** A clock in 2175, after the Hijrah calendar's data (Jollyday's Islamic holidays end in 2174). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class In2175 {
        @org.springframework.context.annotation.Bean
        java.time.Clock clock() {
            return java.time.Clock.fixed(java.time.Instant.parse("2175-03-04T07:00:00Z"), java.time.ZoneOffset.UTC);
        }
    }

    /** A coverage whose holiday data end before the clock stops the start with the engine's calendar.HolidayData. */
    @Test
    void aCoverageWhoseHolidayDataEndBeforeTheClockStopsTheStartWithTheEnginesCode(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class, In2175.class)
                        .web(WebApplicationType.NONE)
                        .properties(
                                "escalation.store=memory",
                                "escalation.coverage.zone=Asia/Riyadh",
                                "escalation.coverage.days=SUNDAY,MONDAY",
                                "escalation.coverage.holiday-region=SA",
                                "escalation.hotline[0].label=Riyadh",
                                "escalation.hotline[0].number=+966 11 000 0000",
                                "escalation.sla.policies[0].id=standard",
                                "escalation.sla.policies[0].version=1",
                                "escalation.sla.policies[0].first-contact.HIGH=4h")
                        .run())
                .isNotNull();
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("INVALID_COMMAND calendar.HolidayData")
                .contains("escalation.coverage.holiday-region");
    }

    @Test
    void validPropertiesStartTheApplication() {
        start("escalation.delivery.interval=250ms", "escalation.delivery.shutdown-timeout=2s");
    }
}
