package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Golden subjects and bodies of every notification kind in English and German, written out by hand. */
class NotificationGoldenTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Instant AT = Instant.parse("2027-01-18T09:00:00Z");

    private static final Set<NotificationKind> SEEN = EnumSet.noneOf(NotificationKind.class);
    private final Texts texts = Texts.of(BERLIN, List.of());

    private static NotificationRequest request(NotificationKind kind, String text, Object... kv) {
        Map<String, EntryParam> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (EntryParam) kv[i + 1]);
        }
        return TextFixtures.request(kind, m, text);
    }

    private void golden(NotificationRequest r, String enSubject, String enBody, String deSubject, String deBody) {
        SEEN.add(r.kind());
        Message en = texts.notification(r, Locale.ENGLISH, BERLIN);
        Message de = texts.notification(r, Locale.GERMAN, BERLIN);
        assertThat(en.subject()).isEqualTo(enSubject);
        assertThat(en.body()).isEqualTo(enBody);
        assertThat(de.subject()).isEqualTo(deSubject);
        assertThat(de.body()).isEqualTo(deBody);
    }

    private static EntryParam.Code code(String c) {
        return new EntryParam.Code(c);
    }

    @AfterAll
    static void everyKindHasAGoldenText() {
        assertThat(SEEN).containsExactlyInAnyOrder(NotificationKind.values());
    }

    @Test
    void received() {
        golden(
                request(
                        NotificationKind.ESCALATION_RECEIVED,
                        "Load fails",
                        "customer",
                        new EntryParam.Ref("acme"),
                        "caseTitle",
                        new EntryParam.Text("Nightly load"),
                        "cause",
                        code("SOFTWARE_ERROR"),
                        "criticality",
                        code("HIGH")),
                "[Escalation E-1] case C-1: escalated (high, software error)",
                "Customer acme escalated case C-1 (Nightly load).\n\nLoad fails",
                "[Eskalation E-1] Fall C-1: eskaliert (hoch, Softwarefehler)",
                "Kunde acme hat Fall C-1 (Nightly load) eskaliert.\n\nLoad fails");
    }

    @Test
    void confirmedWithTheHolidayAdviceForAReaderInNewYork() {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("criticality", code("CRITICAL"));
        HotlineAdvice advice = new HotlineAdvice(
                HotlineAdvice.Reason.PUBLIC_HOLIDAY,
                Map.of(
                        "holiday", code("CHRISTMAS_DAY"),
                        "holidayName", new EntryParam.Text("Christmas Day"),
                        "holidayName.de", new EntryParam.Text("1. Weihnachtstag"),
                        "raisedAt", new EntryParam.At(Instant.parse("2026-12-25T10:00:00Z"))),
                Instant.parse("2026-12-28T08:00:00Z"),
                List.of(new HotlineNumber("Germany", "+49 911 2399 110")));
        NotificationRequest r = request(NotificationKind.ESCALATION_CONFIRMED, null, "criticality", code("CRITICAL"));
        Map<String, EntryParam> all = new LinkedHashMap<>(r.params());
        all.putAll(dev.escalation.text.HotlineRendererAccess.toParams(advice));
        r = request(
                NotificationKind.ESCALATION_CONFIRMED,
                null,
                all.entrySet().stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .toArray());
        SEEN.add(r.kind());
        Message en = texts.notification(r, Locale.ENGLISH, NEW_YORK);
        Message de = texts.notification(r, Locale.GERMAN, NEW_YORK);
        assertThat(en.subject()).isEqualTo("[Escalation E-1] case C-1: escalated (critical)");
        assertThat(en.body())
                .isEqualTo("Your escalation of case C-1 was received; Support Management will contact you.\n\n"
                        + "Critical escalation raised on a public holiday, Christmas Day (Fri 25 Dec 2026 05:00 EST); "
                        + "coverage resumes Mon 28 Dec 2026 09:00 CET (Mon 28 Dec 2026 03:00 EST your time). "
                        + "Please call the hotline: Germany +49 911 2399 110");
        assertThat(de.subject()).isEqualTo("[Eskalation E-1] Fall C-1: eskaliert (kritisch)");
        assertThat(de.body())
                .isEqualTo("Ihre Eskalation von Fall C-1 ist eingegangen; das Support Management wird sich bei Ihnen "
                        + "melden.\n\nKritische Eskalation an einem Feiertag gemeldet, 1. Weihnachtstag (Fr., 25. Dez. "
                        + "2026, 05:00 EST); der Support ist wieder erreichbar ab Mo., 28. Dez. 2026, 09:00 MEZ "
                        + "(Mo., 28. Dez. 2026, 03:00 EST bei Ihnen). Bitte rufen Sie die Hotline an: Germany "
                        + "+49 911 2399 110");
    }

    @Test
    void managerAndPlan() {
        golden(
                request(
                        NotificationKind.MANAGER_APPOINTED,
                        null,
                        "managerName",
                        new EntryParam.Text("Eve Escalation"),
                        "change",
                        code("ACKNOWLEDGED")),
                "[Escalation E-1] case C-1: Escalation Manager appointed: Eve Escalation",
                "Eve Escalation is your Escalation Manager.",
                "[Eskalation E-1] Fall C-1: Escalation Manager ernannt: Eve Escalation",
                "Eve Escalation ist Ihr Escalation Manager.");
        golden(
                request(
                        NotificationKind.MANAGER_APPOINTED,
                        "Eve is on leave",
                        "managerName",
                        new EntryParam.Text("Max"),
                        "change",
                        code("MANAGER_REASSIGNED")),
                "[Escalation E-1] case C-1: new Escalation Manager: Max",
                "Max is now your Escalation Manager.\n\nEve is on leave",
                "[Eskalation E-1] Fall C-1: neuer Escalation Manager: Max",
                "Max ist jetzt Ihr Escalation Manager.\n\nEve is on leave");
        golden(
                request(
                        NotificationKind.PLAN_AGREED,
                        null,
                        "frequency",
                        new EntryParam.Span(Duration.ofHours(4)),
                        "channel",
                        code("ON_SITE"),
                        "firstMeetingAt",
                        new EntryParam.At(AT),
                        "change",
                        code("PLAN_AGREED")),
                "[Escalation E-1] case C-1: communication plan",
                "Meetings every 4 hours by on-site meeting, first at Mon 18 Jan 2027 10:00 CET",
                "[Eskalation E-1] Fall C-1: Kommunikationsplan",
                "Besprechungen per Termin vor Ort, Intervall 4 Stunden, erste am Mo., 18. Jan. 2027, 10:00 MEZ");
        golden(
                request(
                        NotificationKind.PLAN_AGREED,
                        "slower",
                        "frequency",
                        new EntryParam.Span(Duration.ofDays(7)),
                        "channel",
                        code("EMAIL"),
                        "firstMeetingAt",
                        new EntryParam.At(AT),
                        "change",
                        code("PLAN_AMENDED")),
                "[Escalation E-1] case C-1: communication plan changed",
                "Meetings now every 7 days by e-mail, next at Mon 18 Jan 2027 10:00 CET: slower",
                "[Eskalation E-1] Fall C-1: Kommunikationsplan geändert",
                "Besprechungen jetzt per E-Mail, Intervall 7 Tage, nächste am Mo., 18. Jan. 2027, 10:00 MEZ: slower");
    }

    @Test
    void progressParticipantsAndCriticality() {
        golden(
                request(NotificationKind.PROGRESS_UPDATE, "Patch ready", "entry", code("STATUS_UPDATE")),
                "[Escalation E-1] case C-1: status update",
                "Patch ready",
                "[Eskalation E-1] Fall C-1: Statusbericht",
                "Patch ready");
        golden(
                request(NotificationKind.PROGRESS_UPDATE, "busy", "entry", code("LESSONS_LEARNED_DECLINED")),
                "[Escalation E-1] case C-1: lessons learned declined",
                "The customer declined the lessons-learned session. busy",
                "[Eskalation E-1] Fall C-1: Lessons Learned abgelehnt",
                "Der Kunde hat den Lessons-Learned-Termin abgelehnt. busy");
        golden(
                request(NotificationKind.PARTICIPANT_ADDED, null),
                "[Escalation E-1] case C-1: you were added as a participant",
                "You were added as a participant of the escalation of case C-1.",
                "[Eskalation E-1] Fall C-1: Sie wurden als Teilnehmer hinzugefügt",
                "Sie wurden als Teilnehmer der Eskalation von Fall C-1 hinzugefügt.");
        golden(
                request(NotificationKind.CRITICALITY_CHANGED, "calmer", "from", code("CRITICAL"), "to", code("LOW")),
                "[Escalation E-1] case C-1: criticality critical → low",
                "Criticality critical → low: calmer",
                "[Eskalation E-1] Fall C-1: Kritikalität kritisch → niedrig",
                "Kritikalität kritisch → niedrig: calmer");
    }

    @Test
    void resolutionAndClosure() {
        golden(
                request(NotificationKind.RESOLVED, "Patched"),
                "[Escalation E-1] case C-1: resolved",
                "Patched",
                "[Eskalation E-1] Fall C-1: gelöst",
                "Patched");
        golden(
                request(NotificationKind.REOPENED, "Again"),
                "[Escalation E-1] case C-1: reopened",
                "Again",
                "[Eskalation E-1] Fall C-1: wieder geöffnet",
                "Again");
        golden(
                request(NotificationKind.WITHDRAWN, "Fixed ourselves"),
                "[Escalation E-1] case C-1: withdrawn by the customer",
                "Fixed ourselves",
                "[Eskalation E-1] Fall C-1: vom Kunden zurückgezogen",
                "Fixed ourselves");
        golden(
                request(NotificationKind.CLOSED, "Thanks"),
                "[Escalation E-1] case C-1: closed",
                "The escalation is closed. Thanks",
                "[Eskalation E-1] Fall C-1: abgeschlossen",
                "Die Eskalation ist abgeschlossen. Thanks");
        golden(
                request(
                        NotificationKind.LESSONS_LEARNED_INVITATION,
                        null,
                        "at",
                        new EntryParam.At(AT),
                        "duration",
                        new EntryParam.Span(Duration.ofMinutes(45))),
                "[Escalation E-1] case C-1: invitation: lessons learned",
                "You are invited to the lessons-learned session of the escalation of case C-1 at Mon 18 Jan 2027 "
                        + "10:00 CET (45 minutes).",
                "[Eskalation E-1] Fall C-1: Einladung: Lessons Learned",
                "Sie sind zum Lessons-Learned-Termin der Eskalation von Fall C-1 am Mo., 18. Jan. 2027, 10:00 MEZ "
                        + "(45 Minuten) eingeladen.");
        golden(
                request(NotificationKind.LESSONS_LEARNED_CANCELLED, "No time", "at", new EntryParam.At(AT)),
                "[Escalation E-1] case C-1: cancelled: lessons learned",
                "The lessons-learned session of the escalation of case C-1 at Mon 18 Jan 2027 10:00 CET is "
                        + "cancelled: the customer declined it. No time",
                "[Eskalation E-1] Fall C-1: Abgesagt: Lessons Learned",
                "Der Lessons-Learned-Termin der Eskalation von Fall C-1 am Mo., 18. Jan. 2027, 10:00 MEZ ist "
                        + "abgesagt: Der Kunde hat ihn abgelehnt. No time");
    }

    @Test
    void remindersAndBreaches() {
        EntryParam due = new EntryParam.At(AT);
        golden(
                request(
                        NotificationKind.REMINDER,
                        null,
                        "deadline",
                        code("NEXT_MEETING"),
                        "step",
                        code("reminder"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: meeting due",
                "The next meeting of the communication plan is due at Mon 18 Jan 2027 10:00 CET.",
                "[Eskalation E-1] Fall C-1: Besprechung fällig",
                "Die nächste Besprechung des Kommunikationsplans ist am Mo., 18. Jan. 2027, 10:00 MEZ fällig.");
        golden(
                request(
                        NotificationKind.REMINDER,
                        null,
                        "deadline",
                        code("FIRST_CONTACT"),
                        "step",
                        code("warning"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: first contact due soon",
                "The first contact deadline of this escalation is due at Mon 18 Jan 2027 10:00 CET.",
                "[Eskalation E-1] Fall C-1: Erstkontakt bald fällig",
                "Die Frist „Erstkontakt“ dieser Eskalation ist am Mo., 18. Jan. 2027, 10:00 MEZ fällig.");
        golden(
                request(
                        NotificationKind.DEADLINE_BREACHED,
                        null,
                        "deadline",
                        code("RESOLUTION"),
                        "step",
                        code("breach"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: resolution deadline missed",
                "The resolution deadline of this escalation was due at Mon 18 Jan 2027 10:00 CET and is not met.",
                "[Eskalation E-1] Fall C-1: Frist „Lösung“ verpasst",
                "Die Frist „Lösung“ dieser Eskalation war am Mo., 18. Jan. 2027, 10:00 MEZ fällig und ist nicht "
                        + "eingehalten.");
        golden(
                request(
                        NotificationKind.DEADLINE_BREACHED,
                        null,
                        "deadline",
                        code("RESOLUTION"),
                        "step",
                        code("breach-repeat-2"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: resolution deadline missed",
                "The resolution deadline of this escalation was due at Mon 18 Jan 2027 10:00 CET and is still not "
                        + "met (reminder 2).",
                "[Eskalation E-1] Fall C-1: Frist „Lösung“ verpasst",
                "Die Frist „Lösung“ dieser Eskalation war am Mo., 18. Jan. 2027, 10:00 MEZ fällig und ist immer "
                        + "noch nicht eingehalten (2. Erinnerung).");
        golden(
                request(
                        NotificationKind.DEADLINE_BREACHED,
                        null,
                        "deadline",
                        code("NEXT_MEETING"),
                        "step",
                        code("breach"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: meeting missed",
                "The meeting of the communication plan due at Mon 18 Jan 2027 10:00 CET was not held.",
                "[Eskalation E-1] Fall C-1: Besprechung verpasst",
                "Die Besprechung des Kommunikationsplans, fällig am Mo., 18. Jan. 2027, 10:00 MEZ, wurde nicht "
                        + "abgehalten.");
        golden(
                request(
                        NotificationKind.DEADLINE_BREACHED,
                        null,
                        "deadline",
                        code("NEXT_MEETING"),
                        "step",
                        code("missed-repeat-1"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: meeting missed",
                "The meeting of the communication plan due at Mon 18 Jan 2027 10:00 CET was not held and is still "
                        + "missing (reminder 1).",
                "[Eskalation E-1] Fall C-1: Besprechung verpasst",
                "Die Besprechung des Kommunikationsplans, fällig am Mo., 18. Jan. 2027, 10:00 MEZ, wurde nicht "
                        + "abgehalten und fehlt immer noch (1. Erinnerung).");
        golden(
                request(
                        NotificationKind.REMINDER,
                        null,
                        "deadline",
                        code("CUSTOMER_CONTACT"),
                        "step",
                        code("warning"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: customer contact due soon",
                "The customer contact deadline of this escalation is due at Mon 18 Jan 2027 10:00 CET.",
                "[Eskalation E-1] Fall C-1: Kundenkontakt bald fällig",
                "Die Frist „Kundenkontakt“ dieser Eskalation ist am Mo., 18. Jan. 2027, 10:00 MEZ fällig.");
        golden(
                request(
                        NotificationKind.DEADLINE_BREACHED,
                        null,
                        "deadline",
                        code("CUSTOMER_CONTACT"),
                        "step",
                        code("breach"),
                        "dueAt",
                        due),
                "[Escalation E-1] case C-1: customer contact deadline missed",
                "The customer contact deadline of this escalation was due at Mon 18 Jan 2027 10:00 CET and is not met.",
                "[Eskalation E-1] Fall C-1: Frist „Kundenkontakt“ verpasst",
                "Die Frist „Kundenkontakt“ dieser Eskalation war am Mo., 18. Jan. 2027, 10:00 MEZ fällig und ist "
                        + "nicht eingehalten.");
    }

    @Test
    void planProposal() {
        golden(
                request(
                        NotificationKind.PLAN_PROPOSED,
                        "Mornings suit us",
                        "frequency",
                        new EntryParam.Span(Duration.ofDays(1)),
                        "channel",
                        code("PHONE"),
                        "firstMeetingAt",
                        new EntryParam.At(AT),
                        "side",
                        code("STAFF"),
                        "counter",
                        new EntryParam.Count(0)),
                "[Escalation E-1] case C-1: communication plan proposed",
                "Proposed: meetings every 1 day by phone, first at Mon 18 Jan 2027 10:00 CET. Please confirm it or "
                        + "propose another.\n\nMornings suit us",
                "[Eskalation E-1] Fall C-1: Kommunikationsplan vorgeschlagen",
                "Vorgeschlagen: Besprechungen per Telefon, Intervall 1 Tag, erste am Mo., 18. Jan. 2027, 10:00 MEZ. "
                        + "Bitte bestätigen Sie ihn oder schlagen Sie einen anderen vor.\n\nMornings suit us");
    }

    @Test
    void seriesInvitationAndFollowThrough() {
        golden(
                request(
                        NotificationKind.MEETING_SERIES_INVITATION,
                        null,
                        "firstMeetingAt",
                        new EntryParam.At(AT),
                        "frequency",
                        new EntryParam.Span(Duration.ofHours(4)),
                        "channel",
                        code("VIDEO_CALL"),
                        "sequence",
                        new EntryParam.Count(0)),
                "[Escalation E-1] case C-1: invitation: escalation meetings",
                "You are invited to the meetings of the escalation of case C-1: every 4 hours by video call, first at "
                        + "Mon 18 Jan 2027 10:00 CET.",
                "[Eskalation E-1] Fall C-1: Einladung: Eskalationsbesprechungen",
                "Sie sind zu den Besprechungen der Eskalation von Fall C-1 eingeladen: per Videokonferenz, Intervall "
                        + "4 Stunden, erste am Mo., 18. Jan. 2027, 10:00 MEZ.");
        golden(
                request(
                        NotificationKind.IMPROVEMENT_ACTION_DUE,
                        null,
                        "action",
                        new EntryParam.Text("Add a disk alert"),
                        "step",
                        code("action-0"),
                        "dueAt",
                        new EntryParam.At(AT)),
                "[Escalation E-1] case C-1: improvement action due",
                "The improvement action \"Add a disk alert\" you own was due at Mon 18 Jan 2027 10:00 CET. Please "
                        + "update its status.",
                "[Eskalation E-1] Fall C-1: Verbesserungsmaßnahme fällig",
                "Die Verbesserungsmaßnahme „Add a disk alert“, für die Sie verantwortlich sind, war am Mo., "
                        + "18. Jan. 2027, 10:00 MEZ fällig. Bitte aktualisieren Sie ihren Status.");
        golden(
                request(
                        NotificationKind.PROGRESS_UPDATE,
                        "Runbook updated",
                        "entry",
                        code("IMPROVEMENT_ACTION_UPDATED")),
                "[Escalation E-1] case C-1: improvement action updated",
                "Runbook updated",
                "[Eskalation E-1] Fall C-1: Verbesserungsmaßnahme aktualisiert",
                "Runbook updated");
        golden(
                request(
                        NotificationKind.LESSONS_LEARNED_CANCELLED,
                        null,
                        "at",
                        new EntryParam.At(AT),
                        "by",
                        code("MANAGER")),
                "[Escalation E-1] case C-1: cancelled: lessons learned",
                "The lessons-learned session of the escalation of case C-1 at Mon 18 Jan 2027 10:00 CET is "
                        + "cancelled: the Escalation Manager cancelled it.",
                "[Eskalation E-1] Fall C-1: Abgesagt: Lessons Learned",
                "Der Lessons-Learned-Termin der Eskalation von Fall C-1 am Mo., 18. Jan. 2027, 10:00 MEZ ist "
                        + "abgesagt: Der Escalation Manager hat ihn abgesagt.");
    }

    @Test
    void aMessageQueuedBy010IsSentAsItWasRendered() {
        NotificationRequest legacy = request(
                NotificationKind.RESOLVED,
                "old body",
                "legacy",
                code("0.1.0"),
                "subject",
                new EntryParam.Text("[Escalation E-1] case C-1: resolved"));
        assertThat(texts.notification(legacy, Locale.GERMAN, BERLIN))
                .isEqualTo(new Message("[Escalation E-1] case C-1: resolved", "old body"));
    }
}
