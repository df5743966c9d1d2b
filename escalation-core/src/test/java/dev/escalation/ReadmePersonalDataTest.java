package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README section "Personal data": each snippet stands below between {@code // readme:begin} and
 * {@code // readme:end}, is compiled and run here, and must appear verbatim in the README.
 */
class ReadmePersonalDataTest {

    @Test
    void snippetsRunAndStandInTheReadme() throws IOException {
        World w = new World(b -> b.slaPolicy(SlaFixtures.V1));
        EscalationEngine engine = w.engine;
        EscalationId open = w.active();
        List<String> out = new ArrayList<>();

        // readme:begin
        // a data subject's access request: everything stored about a contact (or DataSubject.staff("eve"))
        PersonalDataExport export = engine.operations().exportPerson(Actor.staff("hal"), DataSubject.contact("ina"));
        export.escalations().forEach(e -> out.add(e.escalation() + " " + e.roles()));

        // erasure: refused while an escalation that concerns her is open; nothing changes then
        try {
            ErasureReport report = engine.operations().erasePerson(Actor.staff("hal"), DataSubject.contact("ina"));
            out.add(report.escalations() + " escalations, " + report.entries() + " entries changed");
        } catch (PersonInOpenEscalationException e) {
            out.add(e.code() + " " + e.open()); // PERSON_IN_OPEN_ESCALATION [E-…]
        }
        // readme:end

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).startsWith(open + " [RAISED");
        assertThat(out.get(1)).isEqualTo("PERSON_IN_OPEN_ESCALATION [" + open + "]");
        w.clock.advance(Duration.ofDays(800));

        // readme:begin
        // retention: closed and withdrawn escalations 24 months after their last change, with everything they own;
        // delivered messages once the de-duplication window is over; in batches of 500, one transaction each
        RetentionReport purged =
                engine.operations().applyRetention(Actor.staff("sam"), RetentionPolicy.closedAfterMonths(24));
        // or let the background worker (engine.start) apply it at most once a day
        engine.operations()
                .scheduleRetention(Actor.staff("sam"), RetentionPolicy.closedAfterMonths(24), Duration.ofDays(1));
        // readme:end

        assertThat(purged.escalations()).isZero(); // the escalation is still open

        String readme = Files.readString(readme());
        for (String snippet : snippets()) {
            assertThat(readme).as("README.md holds the snippet").contains(snippet);
        }
    }

    private static Path readme() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.exists(p.resolve("README.md")) || !Files.exists(p.resolve("escalation-core"))) {
            p = p.getParent();
        }
        return p.resolve("README.md");
    }

    /** The snippets of this file, dedented to the README's indentation. */
    static List<String> snippets() throws IOException {
        Path self = readme().getParent()
                .resolve("escalation-core/src/test/java/dev/escalation/ReadmePersonalDataTest.java");
        List<String> snippets = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(self)) {
            String t = line.strip();
            if (t.equals("// readme:begin")) {
                current = new StringBuilder();
            } else if (t.equals("// readme:end")) {
                snippets.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line.length() >= 8 ? line.substring(8) : line.strip())
                        .append('\n');
            }
        }
        return snippets;
    }
}
