package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationState;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.ExcludedSpan;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Documents written by 0.1.0 (format 1), read as 0.2.0: rows as the upgrade fixtures hold them. */
class Legacy010Test {
    private final Json json = new Json();

    private static String entry(
            long seq, String at, String kind, String actorKind, String actor, String text, String details) {
        return "{\"sequence\":" + seq + ",\"at\":\"" + at + "\",\"kind\":\"" + kind + "\",\"actor\":{\"kind\":\""
                + actorKind + "\",\"id\":\"" + actor + "\"},\"visibility\":\"CUSTOMER\",\"text\":\"" + text
                + "\",\"details\":" + details + "}";
    }

    @Test
    void aProgressEntryBecomesALegacyTextEntryWithItsKindAndDetails() {
        StoredEntry e = Legacy010.entry(json.tree(
                entry(
                        3,
                        "2027-03-01T09:00:00Z",
                        "PLAN_AGREED",
                        "STAFF",
                        "eve",
                        "Meetings every 1 day(s)",
                        "{\"channel\":\"VIDEO_CALL\",\"frequency\":\"PT24H\"}"),
                "entry"));

        assertThat(e.sequence()).isEqualTo(3);
        assertThat(e.at()).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(e.kind()).isEqualTo(ProgressKind.LEGACY_TEXT);
        assertThat(e.actor()).isEqualTo(ActorRef.staff(StaffId.of("eve")));
        assertThat(e.visibility()).isEqualTo(Visibility.CUSTOMER);
        assertThat(e.text()).contains("Meetings every 1 day(s)");
        assertThat(e.params())
                .containsExactly(
                        Map.entry("kind", new EntryParam.Code("PLAN_AGREED")),
                        Map.entry("detail.channel", new EntryParam.Text("VIDEO_CALL")),
                        Map.entry("detail.frequency", new EntryParam.Text("PT24H")));
        assertThat(e.chain()).isEmpty();
        assertThat(Legacy010.entry(json.tree(
                                entry(1, "2027-03-01T09:00:00Z", "ACKNOWLEDGED", "STAFF", "sam", "", "{}"), "e"))
                        .text())
                .isEmpty();
    }

    @Test
    void aQueuedNotificationKeepsItsRenderedSubjectAndBodyAndItsFixedChannel() {
        String stored = "{\"idempotencyKey\":\"E-001/1/1\",\"escalation\":{\"value\":\"E-001\"},\"caseId\":{\"value\":"
                + "\"N-4\"},\"kind\":\"ESCALATION_RECEIVED\",\"channel\":\"EMAIL\",\"recipient\":{\"kind\":\"STAFF\","
                + "\"id\":\"sam\",\"displayName\":\"Sam St\u00fctzpunkt\",\"email\":\"sam@vendor.example\"},"
                + "\"subject\":\"[Escalation E-001] case N-4: escalated (HIGH, SOFTWARE_ERROR)\",\"body\":\"Customer "
                + "nordlicht escalated case N-4.\\n\\nText \ud83d\udc18\",\"data\":{\"cause\":\"SOFTWARE_ERROR\"},"
                + "\"invite\":{\"uid\":\"E-006/lessons-learned\",\"title\":\"Lessons learned\",\"start\":"
                + "\"2027-03-15T09:00:00Z\",\"duration\":\"PT1H\",\"organizer\":{\"kind\":\"STAFF\",\"id\":\"olaf\","
                + "\"displayName\":\"Olaf\",\"email\":\"olaf@vendor.example\"},\"attendees\":[{\"kind\":\"CONTACT\","
                + "\"id\":\"ulla\",\"displayName\":\"Ulla\",\"email\":\"ulla@n.example\"}],\"sequence\":1}}";

        SideEffect effect = json.readEffect("notification", stored, Json.FORMAT_010);

        NotificationRequest n = (NotificationRequest) effect;
        assertThat(n.idempotencyKey()).isEqualTo("E-001/1/1");
        assertThat(n.escalation().value()).isEqualTo("E-001");
        assertThat(n.caseId().value()).isEqualTo("N-4");
        assertThat(n.kind()).isEqualTo(NotificationKind.ESCALATION_RECEIVED);
        assertThat(n.channel()).contains(DeliveryChannel.EMAIL);
        assertThat(n.recipient())
                .isEqualTo(new Party(Party.Kind.STAFF, "sam", "Sam St\u00fctzpunkt", "sam@vendor.example"));
        assertThat(n.params())
                .containsExactly(
                        Map.entry(Legacy010.LEGACY, new EntryParam.Code("0.1.0")),
                        Map.entry(
                                Legacy010.SUBJECT,
                                new EntryParam.Text("[Escalation E-001] case N-4: escalated (HIGH, SOFTWARE_ERROR)")),
                        Map.entry("data.cause", new EntryParam.Text("SOFTWARE_ERROR")));
        assertThat(n.text()).contains("Customer nordlicht escalated case N-4.\n\nText \ud83d\udc18");
        assertThat(n.invite().orElseThrow().sequence()).isEqualTo(1);
        assertThat(n.invite().orElseThrow().duration()).isEqualTo(Duration.ofHours(1));
        // converted to format 2 and back: the same request
        assertThat(json.readEffect("notification", json.upgradeEffect("notification", stored, 1), Json.FORMAT))
                .isEqualTo(n);
    }

    @Test
    void ticketCommandsOfFormatOneHaveTheShapeOfFormatTwo() {
        String stored = "{\"idempotencyKey\":\"E-001/2/5\",\"escalation\":{\"value\":\"E-001\"},\"text\":\"Escalation "
                + "Manager appointed: Eve\",\"visibility\":\"CUSTOMER\"}";
        assertThat(json.readEffect("ticket.post-update", stored, Json.FORMAT_010))
                .isEqualTo(new TicketCommand.PostUpdate(
                        "E-001/2/5",
                        dev.escalation.model.EscalationId.of("E-001"),
                        "Escalation Manager appointed: Eve",
                        Visibility.CUSTOMER));
    }

    @Test
    void aBodyGetsTheDefaultsOfWhatZeroTwoAdded() {
        String stored = "{\"message\":\"m\",\"plan\":{\"frequency\":\"PT24H\",\"channel\":\"VIDEO_CALL\","
                + "\"firstMeetingAt\":\"2027-03-01T13:00:00Z\",\"agreedAt\":\"2027-03-01T09:00:00Z\"},\"participants\":[],"
                + "\"resolution\":{\"summary\":\"s\",\"resolvedAt\":\"2027-03-03T09:00:00Z\",\"resolvedBy\":{\"value\":"
                + "\"eve\"}},\"lessonsLearned\":{\"status\":\"HELD\",\"scheduledAt\":\"2027-03-05T09:00:00Z\","
                + "\"attendees\":[],\"findings\":\"f\",\"actions\":[{\"description\":\"d\",\"owner\":\"o\"}],\"note\":\"\"},"
                + "\"policy\":{\"id\":\"standard\",\"version\":1}}";

        Json.EscalationBody body = json.readBody(stored, Json.FORMAT_010);

        assertThat(body.plan().orElseThrow().agreement()).isEqualTo(CommunicationPlan.Agreement.RECORDED);
        assertThat(body.plan().orElseThrow().customerSide()).isEmpty();
        assertThat(body.lessonsLearned().orElseThrow().actions())
                .containsExactly(new ImprovementAction("d", "o", Optional.empty(), ImprovementAction.Status.OPEN));
        assertThat(body.resolution().orElseThrow().resolvedBy()).isEqualTo(StaffId.of("eve"));
    }

    @Test
    void factsAreDerivedFromTheLogWithTheEngineRules() {
        CommunicationPlan plan = new CommunicationPlan(
                Duration.ofHours(4),
                dev.escalation.model.Channel.PHONE,
                Instant.parse("2027-03-01T12:00:00Z"),
                Instant.parse("2027-03-01T10:00:00Z"));
        List<StoredEntry> log = new ArrayList<>();
        String[][] entries = {
            {"ESCALATED", "2027-03-01T08:00:00Z", "down"},
            {"ACKNOWLEDGED", "2027-03-01T09:00:00Z", ""},
            {"ACKNOWLEDGED", "2027-03-01T09:30:00Z", "again"},
            {"MEETING_HELD", "2027-03-01T09:59:00Z", "before the plan"},
            {"MEETING_HELD", "2027-03-01T12:00:00Z", "first"},
            {"CLOCK_PAUSED", "2027-03-01T13:00:00Z", "waiting for logs"},
            {"CLOCK_RESUMED", "2027-03-01T14:00:00Z", ""},
            {"RESOLVED", "2027-03-01T15:00:00Z", "fixed"},
            {"REOPENED", "2027-03-01T16:00:00Z", "not fixed"},
            {"LESSONS_LEARNED_SCHEDULED", "2027-03-01T16:30:00Z", ""},
            {"MEETING_HELD", "2027-03-01T17:00:00Z", "second"},
            {"CLOCK_PAUSED", "2027-03-01T18:00:00Z", ""},
        };
        for (int i = 0; i < entries.length; i++) {
            log.add(Legacy010.entry(json.tree(
                    entry(i + 1, entries[i][1], entries[i][0], "STAFF", "eve", entries[i][2], "{}"), "entry")));
        }
        List<Legacy010.PendingDue> pending = List.of(
                new Legacy010.PendingDue(
                        DueKind.RESOLUTION,
                        Instant.parse("2027-03-02T08:00:00Z"),
                        Map.of("dueAt", "2027-03-02T10:00:00Z")),
                new Legacy010.PendingDue(DueKind.NEXT_MEETING, Instant.parse("2027-03-01T21:00:00Z"), Map.of()));

        EscalationFacts facts =
                Legacy010.facts(log, EscalationState.ACTIVE, Optional.of(plan), Optional.empty(), pending);

        assertThat(facts.entryCount()).isEqualTo(12);
        assertThat(facts.acknowledgedAt()).contains(Instant.parse("2027-03-01T09:00:00Z"));
        assertThat(facts.resolvedAt()).isEmpty(); // reopened since
        assertThat(facts.pausedSince()).contains(Instant.parse("2027-03-01T18:00:00Z"));
        assertThat(facts.pauseReason()).isEmpty();
        assertThat(facts.excluded())
                .containsExactly(
                        new ExcludedSpan(
                                Instant.parse("2027-03-01T13:00:00Z"),
                                Instant.parse("2027-03-01T14:00:00Z"),
                                ExcludedSpan.Kind.PAUSED,
                                Optional.of("waiting for logs")),
                        new ExcludedSpan(
                                Instant.parse("2027-03-01T15:00:00Z"),
                                Instant.parse("2027-03-01T16:00:00Z"),
                                ExcludedSpan.Kind.RESOLVED_UNTIL_REOPENED,
                                Optional.empty()));
        assertThat(facts.lastMeetingHeldAt()).contains(Instant.parse("2027-03-01T17:00:00Z"));
        assertThat(facts.nextMeetingAt()).contains(Instant.parse("2027-03-01T21:00:00Z"));
        assertThat(facts.nextDeadline())
                .contains(new DeadlineMark(DueKind.NEXT_MEETING, Instant.parse("2027-03-01T21:00:00Z")));
        assertThat(facts.invitations()).isEqualTo(1);
        assertThat(facts.legacy()).isTrue();

        EscalationFacts closed =
                Legacy010.facts(log, EscalationState.CLOSED, Optional.of(plan), Optional.empty(), pending);
        assertThat(closed.nextMeetingAt()).isEmpty();
        assertThat(closed.nextDeadline()).isEmpty();
    }
}
