package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Criticality;
import dev.escalation.model.DueKind;
import dev.escalation.model.OpeningHours;
import dev.escalation.sla.Deadline;
import dev.escalation.sla.SlaCalendar;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.CustomerAccount;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code escalation.holiday-regions} lists the regions customers' contract calendars may name. A region accepted at
 * the start is found when a customer's calendar names it, however the property wrote it: before, a listed code with a
 * space around it ({@code DE-BY } — a properties file keeps trailing spaces) passed the start, as Jollyday reads it
 * trimmed, but was kept with its space, so the first command that needed a contract calendar naming {@code DE-BY}
 * failed ({@code UNAVAILABLE}: "cannot build the customer contract calendar").
 */
class HolidayRegionsPropertyTest {

    @ParameterizedTest
    @ValueSource(strings = {"DE-BY", "de-by", "DE-BY ", " de-by", "\tDE-BY"})
    void aListedRegionIsFoundForTheCustomersCalendarHoweverItIsWritten(String listed) {
        TestAdapters.inMemory()
                // as a properties file has it: withPropertyValues would strip the value
                .withInitializer(c -> c.getEnvironment()
                        .getPropertySources()
                        .addFirst(new MapPropertySource("file", Map.of("escalation.holiday-regions[0]", listed))))
                .withBean(
                        SlaPolicy.class,
                        () -> SlaPolicy.builder("contract", 1)
                                .firstContact(Criticality.HIGH, Duration.ofHours(4))
                                .measure(DueKind.FIRST_CONTACT, SlaCalendar.CUSTOMER_CONTRACT)
                                .build())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    List<OpeningHours> hours = new ArrayList<>();
                    for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY)) {
                        hours.add(new OpeningHours(day, LocalTime.of(8, 0), LocalTime.of(18, 0)));
                    }
                    context.getBean(InMemoryCustomerDirectory.class)
                            .add(new CustomerAccount(
                                    TestAdapters.ACME,
                                    "ACME",
                                    Optional.of(new CalendarSpec("Europe/Berlin", Optional.of("DE-BY"), hours))));
                    EscalationEngine engine = context.getBean(EscalationEngine.class);
                    EscalationReceipt receipt = TestAdapters.escalate(engine, "C-7");
                    List<Deadline> deadlines = engine.deadlines(Actor.staff("sam"), receipt.escalation());
                    assertThat(deadlines)
                            .as("the first-contact deadline, measured in ACME's contract calendar")
                            .filteredOn(d -> d.kind() == DueKind.FIRST_CONTACT)
                            .extracting(Deadline::calendar)
                            .containsExactly(Optional.of(SlaCalendar.CUSTOMER_CONTRACT));
                });
    }
}
