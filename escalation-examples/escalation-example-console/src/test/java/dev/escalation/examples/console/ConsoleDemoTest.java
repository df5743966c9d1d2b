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

        assertThat(out)
                .contains("final state: CLOSED")
                .contains(
                        "ESCALATED",
                        "ACKNOWLEDGED",
                        "PLAN_AGREED",
                        "MEETING_HELD",
                        "CLOCK_PAUSED",
                        "CLOCK_RESUMED",
                        "RESOLVED",
                        "LESSONS_LEARNED_SCHEDULED",
                        "LESSONS_LEARNED_HELD",
                        "CLOSED")
                .contains("LESSONS_LEARNED_INVITATION → Ina Incident")
                .contains("participants: ina@acme.example, eve@vendor.example, dan@vendor.example, tom@acme.example")
                .contains("created=false");
    }

    @Test
    void theLifecycleScenarioPrintsTheTicketReferenceAndTheOutboxCountsAfterDelivery() {
        String out = run(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ConsoleDemo.BERLIN), false);

        assertThat(out)
                .contains("== Ticket reference T-1 (stored with E-42) ==")
                .contains("  CLOSED, ")
                .contains("outbox after delivery: 0 pending, 0 dead-lettered")
                .containsPattern("outbox: [1-9][0-9]* delivered, 0 pending, 0 dead-lettered");
    }

    @Test
    void theTimelineShowsTheEnginesRenderingInBerlinTime() {
        String out = run(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ConsoleDemo.BERLIN), false);

        assertThat(out)
                .contains("PLAN_AGREED")
                .contains("Meetings every 1 day by video call, first at Tue 12 Jan 2027 13:00 CET")
                .contains("Lessons-learned session at Mon 18 Jan 2027 10:00 CET (1 hour)")
                .containsPattern("NOTE +internal +Eve +Note: Internal: patch candidate in review.")
                .contains("Customer view: Ina sees 14 of 15 entries (internal notes are hidden).");
    }

    @Test
    void theLifecycleScenarioShowsTheSlaClockPausedAndResumedAndExplainsTheNextDeadline() {
        String out = run(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ConsoleDemo.BERLIN), false);

        assertThat(out)
                .contains("Eve paused the SLA clock while waiting for ACME")
                .contains("Eve resumed the SLA clock; the deadlines are recomputed without the paused time:")
                .contains("FIRST_CONTACT due Tue 12 Jan 14:00  MET")
                .contains("RESOLUTION    due Thu 14 Jan 14:00  PENDING")
                .contains("next SLA deadline explained: due Thu 14:00 Europe/Berlin: escalated Tue 10:00; 4 h "
                        + "counted Tuesday; paused 3 h on Tuesday (Waiting for ACME to run the patch on staging); "
                        + "night skipped; paused 1 h on Wednesday (Waiting for ACME to run the patch on staging); 7 h "
                        + "counted Wednesday; night skipped; 5 h counted Thursday" + System.lineSeparator());
    }

    @Test
    void theLifecyclePrintsADeskViewWithCountsAndNextDeadlines() {
        String out = run(ZonedDateTime.of(2027, 1, 12, 10, 0, 0, 0, ConsoleDemo.BERLIN), false);

        assertThat(out)
                .contains("== Desk view while the plan runs: ACME's open escalations, earliest next deadline first ==")
                .contains("  all of ACME by state {ACTIVE=1}, by criticality {HIGH=1}")
                .contains("  E-42  case C-1  ACTIVE  HIGH  manager eve  next NEXT_MEETING due Wed 13 Jan 14:00"
                        + System.lineSeparator()
                        + "  Eve's own (mine): 1" + System.lineSeparator()
                        + "  overdue, most overdue first: none")
                .contains("== Desk view after the lifecycle: ACME's open escalations, earliest next deadline first ==")
                .contains("  all of ACME by state {CLOSED=1}, by criticality {HIGH=1}" + System.lineSeparator()
                        + "  (none open)" + System.lineSeparator()
                        + "  Eve's own (mine): 0" + System.lineSeparator()
                        + "  overdue, most overdue first: none");
    }

    @Test
    void theAfterHoursScenarioShowsTheHotlineAdvice() {
        String out = run(ZonedDateTime.of(2027, 1, 16, 11, 0, 0, 0, ConsoleDemo.BERLIN), true);

        assertThat(out)
                .contains("Portal banner: Critical escalation raised at the weekend (Sat 16 Jan 2027 11:00 CET); "
                        + "coverage resumes Mon 18 Jan 2027 09:00 CET. Please call the hotline: "
                        + "Germany +49 911 2399 110, USA +1 415-363-5510");
    }
}
