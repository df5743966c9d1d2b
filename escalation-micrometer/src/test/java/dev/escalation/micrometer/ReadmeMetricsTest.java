package dev.escalation.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.MetricsQuery;
import dev.escalation.MetricsReport;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's section "Metrics": each {@code java} snippet stands, line for line (indentation aside), between the
 * markers of one method below, which runs it.
 */
class ReadmeMetricsTest {
    private static final Instant MONDAY = Instant.parse("2027-01-11T00:00:00Z");

    @Test
    void theSnippetsAreTheOnesThisTestRuns() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int start = readme.indexOf("## Metrics");
        assertThat(start).as("README has a section \"Metrics\"").isNotNegative();
        List<List<String>> snippets = new ArrayList<>();
        List<String> current = null;
        for (String line : readme.subList(start + 1, readme.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.equals("```java")) {
                current = new ArrayList<>();
            } else if (line.equals("```") && current != null) {
                snippets.add(current);
                current = null;
            } else if (current != null) {
                current.add(line.strip());
            }
        }
        List<String> source = Files.readAllLines(
                Path.of("src/test/java/dev/escalation/micrometer/ReadmeMetricsTest.java"), StandardCharsets.UTF_8);
        assertThat(snippets).hasSize(2);
        for (int i = 0; i < snippets.size(); i++) {
            assertThat(snippets.get(i)).as("README snippet %d", i + 1).isEqualTo(marked(source, "snippet " + (i + 1)));
        }
    }

    private static List<String> marked(List<String> source, String name) {
        List<String> stripped = source.stream().map(String::strip).toList();
        int from = stripped.indexOf("// README " + name + " begin");
        int to = stripped.indexOf("// README " + name + " end");
        assertThat(from).as("marker of %s", name).isNotNegative().isLessThan(to);
        return stripped.subList(from + 1, to);
    }

    @Test
    void snippet1ReportsTheWeek() {
        EscalationEngine engine = engine(EscalationEngine.builder());
        EscalationId id = engine.escalate(
                        Actor.contact("ina"),
                        new EscalateCase(
                                CaseId.of("C-1"),
                                "The nightly load fails",
                                Cause.SOFTWARE_ERROR,
                                Criticality.HIGH,
                                null))
                .escalation();
        engine.acknowledge(Actor.staff("sam"), new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        Instant monday = MONDAY;
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // README snippet 1 begin
            MetricsReport week = engine.operations()
                    .metrics(
                            Actor.staff("sam"),
                            MetricsQuery.between(monday, monday.plus(Duration.ofDays(7)))
                                    .per(Duration.ofDays(1))
                                    .groupedByCriticality());
            for (MetricsReport.Group day : week.groups()) {
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: %d escalated, MTTA %s, MTTR %s, reopen rate %s, breaches %d%n",
                        day.periodStart(),
                        day.criticality().orElseThrow(),
                        day.escalated(),
                        day.mtta().map(MetricsReport.Mean::wallClock).orElse(null),
                        day.mttr().map(MetricsReport.Mean::business).orElse(null),
                        day.reopenRate().orElse(null),
                        day.breaches());
            }
            // README snippet 1 end
        } finally {
            System.setOut(out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .isEqualTo("2027-01-12T00:00:00Z HIGH: 1 escalated, MTTA PT0S, MTTR null, reopen rate null, breaches 0"
                        + System.lineSeparator());
    }

    @Test
    void snippet2RegistersTheMeters() {
        EscalationEngineBuilder builder = EscalationEngine.builder();
        // README snippet 2 begin
        MeterRegistry registry = new SimpleMeterRegistry(); // your Prometheus, OTLP … registry
        builder.listener(new EscalationMeters(registry, Tags.of("instance", "desk-1")));
        // README snippet 2 end
        EscalationEngine engine = engine(builder);
        engine.escalate(
                Actor.contact("ina"),
                new EscalateCase(
                        CaseId.of("C-1"), "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));
        assertThat(registry.get("escalation.commands")
                        .tags("instance", "desk-1", "action", "escalate", "outcome", "succeeded")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static EscalationEngine engine(EscalationEngineBuilder builder) {
        CustomerId acme = CustomerId.of("acme");
        return builder.clock(Clock.fixed(Instant.parse("2027-01-12T09:00:00Z"), ZoneOffset.UTC))
                .customers(new InMemoryCustomerDirectory()
                        .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                        .add(new Touchpoint(
                                ContactId.of("ina"),
                                acme,
                                "Ina",
                                "ina@customer.example",
                                Optional.empty(),
                                Set.of(CustomerRole.INCIDENT_MANAGER),
                                true))
                        .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load fails")))
                .staff(new InMemoryStaffDirectory()
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
                                true)))
                .store(new InMemoryEscalationStore())
                .notifier(new InMemoryNotifier())
                .ticketing(new InMemoryTicketing())
                .coverage(BusinessCalendar.alwaysOpen())
                .escalationIds(() -> EscalationId.of("E-1"))
                .build();
    }
}
