package dev.escalation.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo in English (default) and German ({@code -Dexec.args=de}), both scenarios: no ISO instant in the output,
 * German texts in the German run, and the demo's own texts (DemoTexts: an English override, French added by the
 * host) on the class path.
 */
class ConsoleDemoLanguageTest {
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ConsoleDemo.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "", "fr"})
    void noRunPrintsAnIsoInstant(String language) {
        String[] lifecycle = language.isEmpty() ? new String[0] : new String[] {language};
        String[] afterHours =
                language.isEmpty() ? new String[] {"after-hours"} : new String[] {"after-hours", language};
        for (String out : new String[] {run(lifecycle), run(afterHours)}) {
            assertThat(ISO.matcher(out).find())
                    .as("an ISO instant in the %s output:%n%s", language, out)
                    .isFalse();
        }
    }

    @Test
    void theGermanRunPrintsTheTimelineInGerman() {
        String out = run("de");

        assertThat(out)
                .contains("final state: CLOSED")
                .contains("Eskaliert (hoch, Softwarefehler): Our nightly load has failed three nights in a row;")
                .contains("Besprechungen per Videokonferenz, Intervall 1 Tag, erste am Di., 12. Jan. 2027, 13:00 MEZ")
                .contains("Lessons-Learned-Termin am Mo., 18. Jan. 2027, 10:00 MEZ (1 Stunde)")
                .contains("Lessons Learned, 2 Verbesserungsmaßnahmen: Memory limits")
                .contains("Statusbericht: Heap dump analysed")
                .contains("SLA-Uhr angehalten: Waiting for ACME to run the patch on staging")
                .contains("next SLA deadline explained: fällig Do. 14:00 Europe/Berlin: eskaliert Di. 10:00; "
                        + "4 Std. gezählt Dienstag; 3 Std. angehalten am Dienstag (Waiting for ACME to run the patch "
                        + "on staging)")
                .doesNotContain("VIDEO_CALL", "SOFTWARE_ERROR");
    }

    @Test
    void theGermanHotlineBannerNamesTheReasonAndWhenCoverageResumes() {
        String out = run("after-hours", "de");

        assertThat(out)
                .contains("Portal banner: Kritische Eskalation am Wochenende gemeldet (Sa., 16. Jan. 2027, 11:00 MEZ); "
                        + "der Support ist wieder erreichbar ab Mo., 18. Jan. 2027, 09:00 MEZ. Bitte rufen Sie die "
                        + "Hotline an: Germany +49 911 2399 110, USA +1 415-363-5510");
    }

    @Test
    void theHostsTextsComeFirstAndAHostLanguageFallsBackToEnglish() {
        assertThat(run()).contains("Meeting of the communication plan held: Daily call");
        assertThat(run("fr"))
                .contains("Réunion tenue: Daily call")
                .contains("Escalade (haute, erreur logicielle)")
                // not in the demo's French texts: the shipped English one, never a key name
                .contains("SLA clock paused: Waiting for ACME")
                .doesNotContain("entry.", "label.");
    }
}
