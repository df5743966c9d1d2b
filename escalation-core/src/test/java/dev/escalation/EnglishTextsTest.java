package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.NotificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The English renderer: entries, notifications and hotline advice from kinds and parameters, in the reader's zone. */
class EnglishTextsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOON_BERLIN = Instant.parse("2027-01-12T11:00:00Z");

    private static TimelineEntry entry(ProgressKind kind, Optional<String> text, Map<String, EntryParam> params) {
        return new TimelineEntry(
                7,
                NOON_BERLIN,
                kind,
                ActorRef.staff(dev.escalation.model.StaffId.of("eve")),
                Visibility.CUSTOMER,
                text,
                params);
    }

    @Test
    void entriesRenderTheirParametersInTheReadersZone() {
        TimelineEntry plan = entry(
                ProgressKind.PLAN_AGREED,
                Optional.empty(),
                Draft.params(
                        "frequency",
                        new EntryParam.Span(Duration.ofDays(1)),
                        "channel",
                        new EntryParam.Code("VIDEO_CALL"),
                        "firstMeetingAt",
                        new EntryParam.At(NOON_BERLIN),
                        "agreement",
                        new EntryParam.Code("RECORDED")));

        assertThat(plan.render(BERLIN))
                .isEqualTo("Meetings every 1 day by VIDEO_CALL, first at Tue 12 Jan 2027 12:00 CET");
        assertThat(plan.render(NEW_YORK))
                .isEqualTo("Meetings every 1 day by VIDEO_CALL, first at Tue 12 Jan 2027 06:00 EST");
        assertThat(plan.render()).isEqualTo("Meetings every 1 day by VIDEO_CALL, first at Tue 12 Jan 2027 11:00 Z");
        assertThat(entry(
                                ProgressKind.CRITICALITY_CHANGED,
                                Optional.of("workaround in place"),
                                Draft.params("from", new EntryParam.Code("HIGH"), "to", new EntryParam.Code("MEDIUM")))
                        .render())
                .isEqualTo("Criticality HIGH → MEDIUM: workaround in place");
        assertThat(entry(ProgressKind.STATUS_UPDATE, Optional.of("found it"), Map.of())
                        .render())
                .isEqualTo("Status update: found it");
        assertThat(entry(ProgressKind.CLOCK_RESUMED, Optional.empty(), Map.of()).render())
                .isEqualTo("SLA clock resumed");
        assertThat(entry(
                                ProgressKind.MANAGER_REASSIGNED,
                                Optional.of("holiday"),
                                Draft.params("from", new EntryParam.Ref("eve"), "to", new EntryParam.Ref("max")))
                        .render())
                .isEqualTo("Escalation Manager changed from eve to max: holiday");
        assertThat(entry(
                                ProgressKind.LESSONS_LEARNED_SCHEDULED,
                                Optional.empty(),
                                Draft.params(
                                        "at",
                                        new EntryParam.At(NOON_BERLIN),
                                        "duration",
                                        new EntryParam.Span(Duration.ofMinutes(90)),
                                        "sequence",
                                        new EntryParam.Count(1)))
                        .render(BERLIN))
                .isEqualTo("Lessons-learned session at Tue 12 Jan 2027 12:00 CET (90 minutes), revised invitation");
        assertThat(entry(
                                ProgressKind.POLICY_MIGRATED,
                                Optional.empty(),
                                Draft.params("to", new EntryParam.Ref("standard@2")))
                        .render())
                .isEqualTo("SLA policy migrated from none to standard@2");
        assertThat(entry(ProgressKind.LEGACY_TEXT, Optional.of("Stored by 0.1.0"), Map.of())
                        .render())
                .isEqualTo("Stored by 0.1.0");
    }

    @Test
    void everyKindRendersWithoutParametersToo() {
        for (ProgressKind kind : ProgressKind.values()) {
            assertThat(entry(kind, Optional.of("words"), Map.of()).render())
                    .as(kind.name())
                    .isNotBlank();
        }
    }

    @Test
    void aNotificationQueuedBy010IsSentAsItWasRenderedThen() {
        NotificationRequest legacy = new NotificationRequest(
                "k",
                EscalationId.of("E-7"),
                CaseId.of("C-9"),
                NotificationKind.PROGRESS_UPDATE,
                Optional.empty(),
                new Party(Party.Kind.CONTACT, "ina", "Ina", "ina@customer.example"),
                Draft.params(
                        "legacy", new EntryParam.Code("0.1.0"),
                        "subject", new EntryParam.Text("[Escalation E-7] case C-9: progress update")),
                Optional.of("Wir prüfen die Datenbank."),
                Optional.empty());
        EnglishTexts.Rendered rendered = EnglishTexts.notification(legacy, BERLIN);
        assertThat(rendered.subject()).isEqualTo("[Escalation E-7] case C-9: progress update");
        assertThat(rendered.body()).isEqualTo("Wir prüfen die Datenbank.");
    }

    @Test
    void notificationsAreRenderedFromTheirKindAndParameters() {
        NotificationRequest breach = new NotificationRequest(
                "k",
                EscalationId.of("E-7"),
                CaseId.of("C-9"),
                NotificationKind.DEADLINE_BREACHED,
                Optional.empty(),
                new Party(Party.Kind.STAFF, "hal", "Hal", "hal@vendor.example"),
                Draft.params(
                        "deadline",
                        new EntryParam.Code("RESOLUTION"),
                        "step",
                        new EntryParam.Code("breach-repeat-1"),
                        "dueAt",
                        new EntryParam.At(NOON_BERLIN)),
                Optional.empty(),
                Optional.empty());

        EnglishTexts.Rendered r = EnglishTexts.notification(breach, NEW_YORK);

        assertThat(r.subject()).isEqualTo("[Escalation E-7] case C-9: resolution deadline missed");
        assertThat(r.body())
                .isEqualTo("The resolution deadline of this escalation was due at Tue 12 Jan 2027 06:00 EST and is not "
                        + "met (breach-repeat-1).");
        for (NotificationKind kind : NotificationKind.values()) {
            NotificationRequest bare = new NotificationRequest(
                    "k",
                    EscalationId.of("E-7"),
                    CaseId.of("C-9"),
                    kind,
                    Optional.empty(),
                    breach.recipient(),
                    Map.of(),
                    Optional.of("words"),
                    Optional.empty());
            assertThat(EnglishTexts.notification(bare, BERLIN).subject())
                    .as(kind.name())
                    .startsWith("[Escalation E-7] case C-9: ");
        }
    }

    @Test
    void hotlineAdviceRendersEachReasonAndSurvivesTheTripThroughNotificationParameters() {
        List<HotlineNumber> numbers = List.of(new HotlineNumber("Germany", "+49 911 2399 110"));
        Instant resumes = Instant.parse("2027-01-13T08:00:00Z");
        HotlineAdvice holiday = new HotlineAdvice(
                HotlineAdvice.Reason.PUBLIC_HOLIDAY,
                Draft.params(
                        "holiday",
                        new EntryParam.Code("COMPANY_DAY"),
                        "holidayName",
                        new EntryParam.Text("Company Day"),
                        "raisedAt",
                        new EntryParam.At(NOON_BERLIN)),
                resumes,
                numbers);
        HotlineAdvice evening = new HotlineAdvice(
                HotlineAdvice.Reason.OUTSIDE_HOURS,
                Draft.params("raisedAt", new EntryParam.At(NOON_BERLIN)),
                resumes,
                numbers);

        assertThat(EscalationEngine.renderHotline(holiday, BERLIN))
                .isEqualTo(
                        "Critical escalation raised on a public holiday, Company Day (Tue 12 Jan 2027 12:00 CET); "
                                + "coverage resumes Wed 13 Jan 2027 09:00 CET. Please call the hotline: Germany +49 911 2399 110");
        assertThat(EscalationEngine.renderHotline(evening, NEW_YORK))
                .startsWith("Critical escalation raised outside business hours (Tue 12 Jan 2027 06:00 EST)");
        assertThat(HotlineAdvisor.fromParams(HotlineAdvisor.toParams(holiday))).contains(holiday);
        assertThat(HotlineAdvisor.fromParams(Map.of())).isEmpty();
    }

    @Test
    void durationsAreSaidInTheLargestWholeUnit() {
        assertThat(EnglishTexts.human(Duration.ofDays(2))).isEqualTo("2 days");
        assertThat(EnglishTexts.human(Duration.ofHours(1))).isEqualTo("1 hour");
        assertThat(EnglishTexts.human(Duration.ofMinutes(15))).isEqualTo("15 minutes");
        assertThat(EnglishTexts.human(Duration.ofMinutes(61))).isEqualTo("61 minutes");
    }
}
