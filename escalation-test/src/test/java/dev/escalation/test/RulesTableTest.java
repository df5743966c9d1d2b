package dev.escalation.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.spi.Capability;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.Ticketing;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RULES.md is checked against the code: every public method of every SPI port and every {@link Capability} has a row
 * naming existing rules; every rule has a contract test and every contract test a rule; every wrapper named in
 * RULES.md is a {@code Fault} of the kit's own tests, and every fault is named there.
 */
class RulesTableTest {

    private static final List<Class<?>> PORTS = List.of(
            EscalationStore.class,
            Outbox.class,
            DueWork.class,
            EscalationQueries.class,
            DataRetention.class,
            dev.escalation.spi.MetricsQueries.class,
            Notifier.class,
            PortalMessages.class,
            Ticketing.class,
            CustomerDirectory.class,
            StaffDirectory.class,
            dev.escalation.spi.AuditAnchors.class,
            dev.escalation.spi.SubjectKeys.class);

    private static final List<Class<?>> CONTRACTS = List.of(
            EscalationStoreContract.class,
            OutboxContract.class,
            DueWorkContract.class,
            EscalationQueriesContract.class,
            DataRetentionContract.class,
            MetricsQueriesContract.class,
            NotifierContract.class,
            PortalMessagesContract.class,
            TicketingContract.class,
            CustomerDirectoryContract.class,
            StaffDirectoryContract.class,
            AuditTrailContract.class);

    private static final Pattern RULE_ROW = Pattern.compile("^\\| ([A-Z]\\d+b?) \\| (.*) \\| (.*) \\|$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([A-Za-z]+\\.[A-Za-z_]+)` \\| (.*) \\|$");
    private static final Pattern WRAPPER = Pattern.compile("`([A-Z][a-z]+(?:[A-Z][a-z]+)+)`");

    /** Rule → its "failed by" cell. */
    private static final Map<String, String> rules = new LinkedHashMap<>();
    /** Rule → its text cell. */
    private static final Map<String, String> texts = new LinkedHashMap<>();
    /** "Port.method" or "Capability.NAME" → the rules of its row. */
    private static final Map<String, List<String>> table = new LinkedHashMap<>();

    @BeforeAll
    static void readRulesMd() throws IOException {
        for (String line : Files.readAllLines(Path.of("RULES.md"), StandardCharsets.UTF_8)) {
            Matcher rule = RULE_ROW.matcher(line);
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                table.put(
                        row.group(1),
                        Arrays.stream(row.group(2).split(","))
                                .map(String::strip)
                                .toList());
            } else if (rule.matches()) {
                assertThat(rules.put(rule.group(1), rule.group(3)))
                        .as("rule %s is listed twice", rule.group(1))
                        .isNull();
                texts.put(rule.group(1), rule.group(2));
            }
        }
        assertThat(rules).as("rules read from RULES.md").hasSizeGreaterThan(50);
    }

    @Test
    void everyPublicPortMethodAndEveryCapabilityHasARow() {
        List<String> expected = new ArrayList<>();
        for (Class<?> port : PORTS) {
            for (Method m : port.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()) {
                    expected.add(port.getSimpleName() + "." + m.getName());
                }
            }
        }
        for (Capability c : Capability.values()) {
            expected.add("Capability." + c.name());
        }
        assertThat(table.keySet())
                .as("rows of the table 'Ports and capabilities to rules' in RULES.md")
                .containsAll(expected);
        assertThat(expected)
                .as("rows naming a method or capability that does not exist")
                .containsAll(table.keySet());
        table.forEach((name, named) -> {
            assertThat(named).as("rules of %s", name).isNotEmpty();
            assertThat(rules.keySet()).as("the rules %s names", name).containsAll(named);
        });
    }

    @Test
    void everyRuleHasAContractTestAndEveryContractTestARule() {
        Set<String> tested = new TreeSet<>();
        for (Class<?> contract : CONTRACTS) {
            for (Method m : contract.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    String name = m.getName();
                    tested.add(Character.toUpperCase(name.charAt(0)) + name.substring(1, name.indexOf('_')));
                }
            }
        }
        Set<String> documented = new TreeSet<>(rules.keySet());
        documented.removeIf(r -> texts.get(r).startsWith("*Folded into"));
        assertThat(tested).as("contract tests without a rule in RULES.md").isSubsetOf(documented);
        assertThat(documented).as("rules in RULES.md without a contract test").isSubsetOf(tested);
    }

    @Test
    void everyWrapperNamedExistsAndEveryWrapperIsNamed() throws ClassNotFoundException {
        Set<String> faults = new TreeSet<>();
        for (Object f : Class.forName("dev.escalation.test.broken.Fault").getEnumConstants()) {
            StringBuilder camel = new StringBuilder();
            for (String part : ((Enum<?>) f).name().split("_")) {
                camel.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
            }
            faults.add(camel.toString());
        }
        Set<String> named = new TreeSet<>();
        rules.values().forEach(cell -> {
            Matcher m = WRAPPER.matcher(cell);
            while (m.find()) {
                named.add(m.group(1));
            }
        });
        assertThat(named).as("wrappers named in RULES.md that are no Fault").isSubsetOf(faults);
        assertThat(faults).as("faults RULES.md does not name").isSubsetOf(named);
    }
}
