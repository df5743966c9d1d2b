package dev.escalation.examples.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The demo's scenarios, run in-process. */
class ConsoleDemoTest {

    private static String run(ZonedDateTime start, boolean afterHours) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConsoleDemo demo = new ConsoleDemo(new PrintStream(out, true, StandardCharsets.UTF_8), start);
        if (afterHours) {
            demo.afterHours();
        } else {
            demo.lifecycle();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLifecycleScenarioEndsClosedAndShowsNotificationsAndTicket() {
        String out = run(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ConsoleDemo.BERLIN), false);

        assertThat(out).contains("final state: CLOSED")
                .contains("ESCALATED", "ACKNOWLEDGED", "PLAN_AGREED", "MEETING_HELD", "CLOCK_PAUSED", "CLOCK_RESUMED",
                        "RESOLVED", "LESSONS_LEARNED_SCHEDULED", "LESSONS_LEARNED_HELD", "CLOSED")
                .contains("LESSONS_LEARNED_INVITATION → Ina Incident")
                .contains("participants: ina@acme.example, eve@vendor.example, dan@vendor.example, tom@acme.example")
                .contains("created=false");
    }

    @Test
    void theAfterHoursScenarioShowsTheHotlineAdvice() {
        String out = run(ZonedDateTime.of(2027, 1, 16, 11, 0, 0, 0, ConsoleDemo.BERLIN), true);

        assertThat(out).contains("Portal banner: Critical escalation outside business hours: Saturday. Please call "
                + "the hotline: Germany +49 911 2399 110, USA +1 415-363-5510");
    }
}
