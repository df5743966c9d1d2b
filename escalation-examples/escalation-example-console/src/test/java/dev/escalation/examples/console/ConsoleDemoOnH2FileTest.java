package dev.escalation.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo with {@code --h2 <path>} twice on one H2 file database: the second run finds the first run's escalation. */
class ConsoleDemoOnH2FileTest {

    @TempDir
    Path dir;

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean known = ConsoleDemo.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(known).isTrue();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSecondRunFindsTheFirstRunsEscalationAndWalksANewOne() {
        String db = dir.resolve("demo-db").toString();

        String first = run("--h2", db);
        assertThat(first)
                .contains("found 0 escalation(s) from earlier runs")
                .contains("pressed Escalate Case → E-42 REQUESTED")
                .contains("== Timeline of E-42 (as staff see it) — final state: CLOSED ==");
        assertThat(Files.exists(dir.resolve("demo-db.mv.db"))).as("the H2 file").isTrue();

        String second = run("--h2", db);
        assertThat(second)
                .contains("found 1 escalation(s) from earlier runs:")
                .containsPattern("E-42 +case C-1 +CLOSED +raised Tue 12 Jan 10:00")
                .contains("pressed Escalate Case → E-43 REQUESTED")
                .contains("A second click returns the same escalation: E-43 (created=false)")
                .contains("== Timeline of E-43 (as staff see it) — final state: CLOSED ==");

        String third = run("--h2", db, "after-hours");
        assertThat(third)
                .contains("found 2 escalation(s) from earlier runs:")
                .containsPattern("E-43 +case C-1 +CLOSED")
                .contains("→ E-44 REQUESTED");
    }

    @Test
    void withoutTheFlagNothingIsStoredAndNothingExtraIsPrinted() {
        String output = run();
        assertThat(output)
                .startsWith("== Escalation demo: one escalation from the button press to closure ==")
                .doesNotContain("earlier runs")
                .contains("final state: CLOSED");
    }
}
