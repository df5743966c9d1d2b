package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Golden texts of every timeline entry kind in English and German, written out by hand. */
class EntryGoldenTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant TUE_NOON_UTC = Instant.parse("2027-01-12T12:00:00Z");
    /** Sunday 28 March 2027, 01:30 UTC: 03:30 CEST in Berlin, half an hour after the switch to summer time. */
    static final Instant DST_SWITCH = Instant.parse("2027-03-28T01:30:00Z");

    private static final Set<ProgressKind> SEEN = EnumSet.noneOf(ProgressKind.class);
    private final Texts texts = Texts.shipped();

    private void golden(ProgressKind kind, String text, Map<String, EntryParam> p, String en, String de) {
        SEEN.add(kind);
        Optional<String> t = Optional.ofNullable(text);
        assertThat(texts.entry(kind, t, p, Locale.ENGLISH, BERLIN)).isEqualTo(en);
        assertThat(texts.entry(kind, t, p, Locale.GERMAN, BERLIN)).isEqualTo(de);
    }

    private static Map<String, EntryParam> p(Object... kv) {
        Map<String, EntryParam> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (EntryParam) kv[i + 1]);
        }
        return m;
    }

    private static EntryParam.Code code(String c) {
        return new EntryParam.Code(c);
    }

    @AfterAll
    static void everyKindHasAGoldenText() {
        assertThat(SEEN).containsExactlyInAnyOrder(ProgressKind.values());
    }

    @Test
    void escalated() {
        golden(
                ProgressKind.ESCALATED,
                "Load fails",
                p("cause", code("SOFTWARE_ERROR"), "criticality", code("HIGH"), "intake", code("PORTAL")),
                "Escalated (high, software error): Load fails",
                "Eskaliert (hoch, Softwarefehler): Load fails");
        golden(
                ProgressKind.ESCALATED,
                null,
                p(
                        "cause", code("DATABASE_OUTAGE"),
                        "criticality", code("CRITICAL"),
                        "intake", code("HOTLINE_CALL"),
                        "recordedBy", new EntryParam.Ref("sam")),
                "Escalated by hotline call, recorded by sam (critical, database outage)",
                "Per Hotline-Anruf eskaliert, erfasst von sam (kritisch, Datenbankausfall)");
    }

    @Test
    void managers() {
        golden(
                ProgressKind.ACKNOWLEDGED,
                "Called Ina",
                p("manager", new EntryParam.Ref("eve")),
                "Escalation Manager eve appointed: Called Ina",
                "Escalation Manager eve ernannt: Called Ina");
        golden(
                ProgressKind.MANAGER_REASSIGNED,
                null,
                p("from", new EntryParam.Ref("eve"), "to", new EntryParam.Ref("max")),
                "Escalation Manager changed from eve to max",
                "Escalation Manager gewechselt von eve zu max");
    }

    @Test
    void plans() {
        Map<String, EntryParam> agreed = p(
                "frequency",
                new EntryParam.Span(Duration.ofDays(1)),
                "channel",
                code("VIDEO_CALL"),
                "firstMeetingAt",
                new EntryParam.At(TUE_NOON_UTC),
                "agreement",
                code("RECORDED"));
        golden(
                ProgressKind.PLAN_AGREED,
                null,
                agreed,
                "Meetings every 1 day by video call, first at Tue 12 Jan 2027 13:00 CET",
                "Besprechungen per Videokonferenz, Intervall 1 Tag, erste am Di., 12. Jan. 2027, 13:00 MEZ");
        golden(
                ProgressKind.PLAN_AMENDED,
                "Fewer calls",
                p(
                        "frequency", new EntryParam.Span(Duration.ofDays(2)),
                        "channel", code("PHONE"),
                        "firstMeetingAt", new EntryParam.At(TUE_NOON_UTC)),
                "Meetings now every 2 days by phone, next at Tue 12 Jan 2027 13:00 CET: Fewer calls",
                "Besprechungen jetzt per Telefon, Intervall 2 Tage, nächste am Di., 12. Jan. 2027, 13:00 MEZ: "
                        + "Fewer calls");
        // a reader in New York: the same instant in their zone
        assertThat(texts.entry(ProgressKind.PLAN_AGREED, Optional.empty(), agreed, Locale.ENGLISH, NEW_YORK))
                .isEqualTo("Meetings every 1 day by video call, first at Tue 12 Jan 2027 07:00 EST");
        assertThat(texts.entry(ProgressKind.PLAN_AGREED, Optional.empty(), agreed, Locale.GERMAN, NEW_YORK))
                .isEqualTo("Besprechungen per Videokonferenz, Intervall 1 Tag, erste am Di., 12. Jan. 2027, 07:00 EST");
    }

    @Test
    void entriesWithTheirTextOnly() {
        golden(ProgressKind.STATUS_UPDATE, "x", p(), "Status update: x", "Statusbericht: x");
        golden(ProgressKind.MEETING_HELD, "x", p(), "Meeting held: x", "Besprechung abgehalten: x");
        golden(ProgressKind.DECISION, "x", p(), "Decision: x", "Entscheidung: x");
        golden(ProgressKind.COMMUNICATION, "x", p(), "Communication: x", "Kommunikation: x");
        golden(ProgressKind.NOTE, "x", p(), "Note: x", "Notiz: x");
        golden(ProgressKind.CLOCK_PAUSED, "x", p(), "SLA clock paused: x", "SLA-Uhr angehalten: x");
        golden(ProgressKind.CLOCK_RESUMED, null, p(), "SLA clock resumed", "SLA-Uhr läuft wieder");
        golden(ProgressKind.CALENDAR_CHANGED, "x", p(), "Calendar data changed: x", "Kalenderdaten geändert: x");
        golden(ProgressKind.RESOLVED, "x", p(), "Resolved: x", "Gelöst: x");
        golden(ProgressKind.REOPENED, "x", p(), "Reopened: x", "Wieder geöffnet: x");
        golden(ProgressKind.CLOSED, "thanks", p(), "Closed: thanks", "Abgeschlossen: thanks");
        golden(
                ProgressKind.WITHDRAWN,
                "fixed",
                p(),
                "Withdrawn by the customer: fixed",
                "Vom Kunden zurückgezogen: fixed");
        golden(
                ProgressKind.LESSONS_LEARNED_DECLINED,
                "busy",
                p(),
                "The customer declined the lessons-learned session: busy",
                "Der Kunde hat den Lessons-Learned-Termin abgelehnt: busy");
    }

    @Test
    void participantsAndCriticality() {
        Map<String, EntryParam> dan = p(
                "participant", new EntryParam.Ref("dan"),
                "participantKind", code("STAFF"),
                "participantName", new EntryParam.Text("Dan Developer"));
        golden(
                ProgressKind.PARTICIPANT_ADDED,
                null,
                dan,
                "Participant added: Dan Developer",
                "Teilnehmer hinzugefügt: Dan Developer");
        golden(
                ProgressKind.PARTICIPANT_REMOVED,
                "left",
                dan,
                "Participant removed: Dan Developer: left",
                "Teilnehmer entfernt: Dan Developer: left");
        golden(
                ProgressKind.CRITICALITY_CHANGED,
                "down",
                p("from", code("HIGH"), "to", code("CRITICAL")),
                "Criticality high → critical: down",
                "Kritikalität hoch → kritisch: down");
    }

    @Test
    void lessonsLearnedOnTheDstSwitchDay() {
        golden(
                ProgressKind.LESSONS_LEARNED_SCHEDULED,
                null,
                p(
                        "at", new EntryParam.At(Instant.parse("2027-01-18T09:00:00Z")),
                        "duration", new EntryParam.Span(Duration.ofMinutes(90)),
                        "sequence", new EntryParam.Count(0)),
                "Lessons-learned session at Mon 18 Jan 2027 10:00 CET (90 minutes)",
                "Lessons-Learned-Termin am Mo., 18. Jan. 2027, 10:00 MEZ (90 Minuten)");
        golden(
                ProgressKind.LESSONS_LEARNED_SCHEDULED,
                null,
                p(
                        "at", new EntryParam.At(DST_SWITCH),
                        "duration", new EntryParam.Span(Duration.ofHours(1)),
                        "sequence", new EntryParam.Count(1)),
                "Lessons-learned session at Sun 28 Mar 2027 03:30 CEST (1 hour), revised invitation",
                "Lessons-Learned-Termin am So., 28. März 2027, 03:30 MESZ (1 Stunde), geänderte Einladung");
        // in New York (summer time since 14 March) it is still Saturday evening
        assertThat(texts.entry(
                        ProgressKind.LESSONS_LEARNED_SCHEDULED,
                        Optional.empty(),
                        p("at", new EntryParam.At(DST_SWITCH), "duration", new EntryParam.Span(Duration.ofHours(2))),
                        Locale.ENGLISH,
                        NEW_YORK))
                .isEqualTo("Lessons-learned session at Sat 27 Mar 2027 21:30 EDT (2 hours)");
        golden(
                ProgressKind.LESSONS_LEARNED_HELD,
                "f",
                p("actions", new EntryParam.Count(2)),
                "Lessons learned, 2 improvement actions: f",
                "Lessons Learned, 2 Verbesserungsmaßnahmen: f");
        golden(
                ProgressKind.LESSONS_LEARNED_HELD,
                null,
                p("actions", new EntryParam.Count(1)),
                "Lessons learned, 1 improvement action",
                "Lessons Learned, 1 Verbesserungsmaßnahme");
        golden(
                ProgressKind.LESSONS_LEARNED_HELD,
                null,
                p("actions", new EntryParam.Count(0)),
                "Lessons learned, no improvement actions",
                "Lessons Learned, keine Verbesserungsmaßnahmen");
    }

    @Test
    void planProposalsAndAgreement() {
        golden(
                ProgressKind.PLAN_PROPOSED,
                "Mornings suit us",
                p(
                        "frequency", new EntryParam.Span(Duration.ofDays(1)),
                        "channel", code("PHONE"),
                        "firstMeetingAt", new EntryParam.At(TUE_NOON_UTC),
                        "side", code("STAFF"),
                        "counter", new EntryParam.Count(0)),
                "Proposed: meetings every 1 day by phone, first at Tue 12 Jan 2027 13:00 CET: Mornings suit us",
                "Vorgeschlagen: Besprechungen per Telefon, Intervall 1 Tag, erste am Di., 12. Jan. 2027, 13:00 MEZ: "
                        + "Mornings suit us");
        golden(
                ProgressKind.PLAN_PROPOSED,
                null,
                p(
                        "frequency", new EntryParam.Span(Duration.ofHours(4)),
                        "channel", code("VIDEO_CALL"),
                        "firstMeetingAt", new EntryParam.At(TUE_NOON_UTC),
                        "side", code("CONTACT"),
                        "counter", new EntryParam.Count(1)),
                "Counter-proposed: meetings every 4 hours by video call, first at Tue 12 Jan 2027 13:00 CET",
                "Gegenvorschlag: Besprechungen per Videokonferenz, Intervall 4 Stunden, erste am Di., 12. Jan. 2027, "
                        + "13:00 MEZ");
        golden(
                ProgressKind.PLAN_AGREED,
                null,
                p(
                        "frequency",
                        new EntryParam.Span(Duration.ofDays(1)),
                        "channel",
                        code("PHONE"),
                        "firstMeetingAt",
                        new EntryParam.At(TUE_NOON_UTC),
                        "agreement",
                        code("CONFIRMED")),
                "Meetings every 1 day by phone, first at Tue 12 Jan 2027 13:00 CET (confirmed by both sides)",
                "Besprechungen per Telefon, Intervall 1 Tag, erste am Di., 12. Jan. 2027, 13:00 MEZ (von beiden Seiten "
                        + "bestätigt)");
        golden(
                ProgressKind.PLAN_AMENDED,
                null,
                p(
                        "frequency",
                        new EntryParam.Span(Duration.ofHours(4)),
                        "channel",
                        code("VIDEO_CALL"),
                        "firstMeetingAt",
                        new EntryParam.At(TUE_NOON_UTC),
                        "agreement",
                        code("MANAGER_ALONE")),
                "Meetings now every 4 hours by video call, next at Tue 12 Jan 2027 13:00 CET (recorded by the Escalation"
                        + " Manager alone: no answer in time)",
                "Besprechungen jetzt per Videokonferenz, Intervall 4 Stunden, nächste am Di., 12. Jan. 2027, 13:00 MEZ "
                        + "(vom Escalation Manager allein festgelegt: keine rechtzeitige Antwort)");
    }

    @Test
    void followThrough() {
        golden(
                ProgressKind.IMPROVEMENT_ACTION_UPDATED,
                "Runbook updated",
                p("index", new EntryParam.Count(0), "status", code("DONE"), "open", new EntryParam.Count(1)),
                "Improvement action 1 set to done: Runbook updated",
                "Verbesserungsmaßnahme 1 auf „erledigt“ gesetzt: Runbook updated");
        golden(
                ProgressKind.IMPROVEMENT_ACTION_UPDATED,
                null,
                p("index", new EntryParam.Count(2), "status", code("DROPPED"), "open", new EntryParam.Count(0)),
                "Improvement action 3 set to dropped",
                "Verbesserungsmaßnahme 3 auf „verworfen“ gesetzt");
        golden(
                ProgressKind.LESSONS_LEARNED_CANCELLED,
                "Manager ill",
                p("at", new EntryParam.At(Instant.parse("2027-01-18T09:00:00Z")), "sequence", new EntryParam.Count(2)),
                "The lessons-learned session at Mon 18 Jan 2027 10:00 CET was cancelled: Manager ill",
                "Der Lessons-Learned-Termin am Mo., 18. Jan. 2027, 10:00 MEZ wurde abgesagt: Manager ill");
    }

    @Test
    void policyAndLegacy() {
        golden(
                ProgressKind.POLICY_MIGRATED,
                null,
                p("from", new EntryParam.Ref("standard@1"), "to", new EntryParam.Ref("standard@2")),
                "SLA policy migrated from standard@1 to standard@2",
                "SLA-Richtlinie gewechselt von standard@1 zu standard@2");
        golden(
                ProgressKind.POLICY_MIGRATED,
                null,
                p("to", new EntryParam.Ref("standard@2")),
                "SLA policy migrated from none to standard@2",
                "SLA-Richtlinie standard@2 zugewiesen");
        // 0.1.0 entries: as stored, in every language
        golden(
                ProgressKind.LEGACY_TEXT,
                "Escalated (HIGH, SOFTWARE_ERROR)",
                p("kind", code("ESCALATED")),
                "Escalated (HIGH, SOFTWARE_ERROR)",
                "Escalated (HIGH, SOFTWARE_ERROR)");
    }
}
