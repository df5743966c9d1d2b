package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.Notification;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mails rendered from {@link MailTemplates} and sent through {@link SmtpNotifier} to GreenMail: a
 * {@code multipart/alternative} with a text and an HTML part in German and English, hostile text escaped in HTML
 * only, a host's own templates in front of the shipped ones, the lessons-learned invitation's localised calendar
 * texts, and every kind shipped in both languages.
 */
class SmtpTemplatesTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final Instant NOW = Instant.parse("2027-01-16T10:00:00Z");
    private static final Party INA = new Party(Party.Kind.CONTACT, "ina", "Ina Incident", "ina@customer.example");
    private static final Party EMMA = new Party(Party.Kind.STAFF, "emma", "Emma Escalation", "emma@vendor.example");
    private static final String HOSTILE = "<script>alert(\"x\")</script> & <b>bold</b> 'q'";

    private SmtpNotifier notifier(MailTemplates templates) {
        return SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("escalations@vendor.example", "Support Management")
                .timeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .templates(templates)
                .build();
    }

    private static Notification notification(
            NotificationKind kind,
            Locale locale,
            Map<String, EntryParam> params,
            Optional<String> text,
            Optional<MeetingInvite> invite) {
        return new Notification(
                "k-" + kind + "-" + locale,
                EscalationId.of("E-42"),
                new CaseId("C-4711"),
                kind,
                DeliveryChannel.EMAIL,
                INA,
                locale,
                ZoneId.of("Europe/Berlin"),
                "engine subject",
                "engine body",
                params,
                text,
                invite);
    }

    private static Map<String, EntryParam> confirmationWithHotline() {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("state", new EntryParam.Code("REQUESTED"));
        p.put("criticality", new EntryParam.Code("HIGH"));
        p.put("hotline.reason", new EntryParam.Code("WEEKEND"));
        p.put("hotline.resumesAt", new EntryParam.At(Instant.parse("2027-01-18T08:00:00Z")));
        p.put("hotline.number.1.label", new EntryParam.Text("Germany"));
        p.put("hotline.number.1.number", new EntryParam.Text("+49 30 1234"));
        return p;
    }

    private static MimeMessage onlyMessage() {
        assertThat(GREEN_MAIL.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage[] received = GREEN_MAIL.getReceivedMessages();
        assertThat(received).hasSize(1);
        return received[0];
    }

    /** The parts of a multipart/alternative message by base type. */
    private static Map<String, String> parts(MimeMessage message) throws Exception {
        assertThat(new ContentType(message.getContentType()).getBaseType()).isEqualTo("multipart/alternative");
        Multipart multipart = (Multipart) message.getContent();
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            String type = new ContentType(part.getContentType()).getBaseType();
            String text = SmtpNotifierTest.text(part);
            parts.put(type, type.equals("text/calendar") ? text : text.replace("\r\n", "\n"));
        }
        return parts;
    }

    @Test
    void theHolidayOfTheHotlineAdviceIsNamedInTheMailsLanguage() throws Exception {
        Map<String, EntryParam> p = confirmationWithHotline();
        p.put("hotline.reason", new EntryParam.Code("PUBLIC_HOLIDAY"));
        p.put("hotline.param.holiday", new EntryParam.Code("CHRISTMAS_EVE"));
        p.put("hotline.param.holidayName", new EntryParam.Text("Christmas Eve"));
        p.put("hotline.param.holidayName.de", new EntryParam.Text("Heiligabend"));
        p.put("hotline.param.holidayName.en", new EntryParam.Text("Christmas Eve"));
        SmtpNotifier notifier = notifier(MailTemplates.shipped());

        notifier.send(notification(
                NotificationKind.ESCALATION_CONFIRMED, Locale.GERMANY, p, Optional.empty(), Optional.empty()));
        Map<String, String> german = parts(onlyMessage());
        assertThat(german.get("text/plain")).contains("an einem Feiertag eingegangen (Heiligabend)");
        assertThat(german.get("text/html")).contains("(Heiligabend)").doesNotContain("Christmas Eve");

        GREEN_MAIL.purgeEmailFromAllMailboxes();
        notifier.send(notification(
                NotificationKind.ESCALATION_CONFIRMED,
                Locale.forLanguageTag("fr-FR"),
                p,
                Optional.empty(),
                Optional.empty()));
        assertThat(parts(onlyMessage()).get("text/plain")).contains("(Christmas Eve)");
    }

    @Test
    void aGermanConfirmationHasATextAndAnHtmlPartInGermanWithTheHotlineAdvice() throws Exception {
        notifier(MailTemplates.shipped())
                .send(notification(
                        NotificationKind.ESCALATION_CONFIRMED,
                        Locale.GERMANY,
                        confirmationWithHotline(),
                        Optional.empty(),
                        Optional.empty()));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Eskalation E-42] Fall C-4711: eskaliert (hoch)");
        assertThat(message.getContentLanguage()).containsExactly("de-DE");
        Map<String, String> parts = parts(message);
        assertThat(parts.keySet()).containsExactly("text/plain", "text/html");
        assertThat(parts.get("text/plain"))
                .startsWith("Guten Tag Ina Incident,\n\nIhre Eskalation zu Fall C-4711 ist eingegangen")
                .contains(
                        "Kritische Eskalation am Wochenende eingegangen; die Betreuung beginnt wieder Mo. 18. Jan. 2027, 09:00 MEZ")
                .contains("- Germany: +49 30 1234")
                .contains("Eskalation E-42 · Fall C-4711")
                .doesNotContain("engine body", "{{", "Hello");
        assertThat(parts.get("text/html"))
                .contains("<html lang=\"de-DE\">")
                .contains("<p>Guten Tag Ina Incident,</p>")
                .contains("Ihre Eskalation zu Fall C-4711 ist eingegangen")
                .contains("<li>Germany: +49 30 1234</li>")
                .doesNotContain("{{");
    }

    @Test
    void anEnglishReaderGetsEnglishAndHostileTextIsEscapedInHtmlOnly() throws Exception {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("entry", new EntryParam.Code("STATUS_UPDATE"));
        notifier(MailTemplates.shipped())
                .send(notification(
                        NotificationKind.PROGRESS_UPDATE, Locale.ENGLISH, p, Optional.of(HOSTILE), Optional.empty()));

        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Escalation E-42] case C-4711: status update");
        Map<String, String> parts = parts(message);
        assertThat(parts.get("text/plain"))
                .startsWith("Hello Ina Incident,\n\nNew entry in the escalation of case C-4711: status update.")
                .contains(HOSTILE);
        assertThat(parts.get("text/html"))
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<script>", "<b>bold</b>");
    }

    @Test
    void aHostileRecipientNameOrParameterIsEscapedToo() throws Exception {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("managerName", new EntryParam.Text("<img src=x onerror=alert(1)>"));
        p.put("change", new EntryParam.Code("ACKNOWLEDGED"));
        notifier(MailTemplates.shipped())
                .send(notification(
                        NotificationKind.MANAGER_APPOINTED, Locale.GERMAN, p, Optional.empty(), Optional.empty()));

        Map<String, String> parts = parts(onlyMessage());
        assertThat(parts.get("text/html"))
                .contains("&lt;img src&#61;x onerror&#61;alert(1)&gt; ist Ihr Escalation Manager (ernannt)")
                .doesNotContain("<img");
        assertThat(parts.get("text/plain"))
                .contains("<img src=x onerror=alert(1)> ist Ihr Escalation Manager (ernannt).");
    }

    @Test
    void aHostsTemplatesOverrideTheShippedOnesAndTheRestStays(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("de"));
        Files.writeString(
                dir.resolve("de/escalation_confirmed.subject.mustache"), "Eingang {{escalation}} bestätigt\n");
        Files.writeString(
                dir.resolve("de/escalation_confirmed.html.mustache"), "<p>Hallo {{recipient}} – {{p.criticality}}</p>");
        Files.writeString(dir.resolve("de/labels.properties"), "HIGH=sehr dringend\n");
        MailTemplates templates = MailTemplates.builder()
                .directory(dir)
                .classPath(getClass().getClassLoader(), "host-mail")
                .build();

        notifier(templates)
                .send(notification(
                        NotificationKind.ESCALATION_CONFIRMED,
                        Locale.GERMANY,
                        confirmationWithHotline(),
                        Optional.empty(),
                        Optional.empty()));
        MimeMessage confirmation = onlyMessage();
        assertThat(confirmation.getSubject()).isEqualTo("Eingang E-42 bestätigt");
        Map<String, String> parts = parts(confirmation);
        assertThat(parts.get("text/html")).isEqualTo("<p>Hallo Ina Incident – sehr dringend</p>");
        assertThat(parts.get("text/plain")).as("the shipped text part").startsWith("Guten Tag Ina Incident,");

        GREEN_MAIL.purgeEmailFromAllMailboxes();
        notifier(templates)
                .send(notification(
                        NotificationKind.CLOSED, Locale.ENGLISH, Map.of(), Optional.empty(), Optional.empty()));
        MimeMessage closed = onlyMessage();
        assertThat(parts(closed).get("text/plain"))
                .as("the class-path prefix's template")
                .isEqualTo("Closed for good: E-42 (Ina Incident)\n");
        assertThat(closed.getSubject()).isEqualTo("[Escalation E-42] case C-4711: closed");
    }

    @Test
    void aBrokenHostTemplateFailsPermanentlyAndSendsNothing(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("en"));
        Files.writeString(dir.resolve("en/closed.html.mustache"), "<p>{{#text}}unclosed</p>");
        SmtpNotifier notifier = notifier(MailTemplates.builder().directory(dir).build());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> notifier.send(notification(
                        NotificationKind.CLOSED, Locale.ENGLISH, Map.of(), Optional.empty(), Optional.empty())))
                .isInstanceOf(dev.escalation.spi.PermanentDeliveryException.class)
                .hasMessageContaining("CLOSED")
                .hasMessageContaining("E-42");
        assertThat(GREEN_MAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void aKindWithoutTemplatesInTheReadersLanguageFallsBackToEnglishAndUnknownLanguagesToo() throws Exception {
        notifier(MailTemplates.shipped())
                .send(notification(
                        NotificationKind.CLOSED,
                        Locale.forLanguageTag("fr-FR"),
                        Map.of(),
                        Optional.empty(),
                        Optional.empty()));
        MimeMessage message = onlyMessage();
        assertThat(message.getSubject()).isEqualTo("[Escalation E-42] case C-4711: closed");
        // an English mail says so, to the mail client and to screen readers: not fr-FR
        assertThat(message.getContentLanguage()).containsExactly("en");
        assertThat(parts(message).get("text/html")).contains("<html lang=\"en\">");
    }

    @Test
    void aLanguageWithoutTemplatesGetsEnglishDatesInItsEnglishMail() throws Exception {
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("at", new EntryParam.At(Instant.parse("2027-02-03T13:00:00Z")));
        p.put("duration", new EntryParam.Span(Duration.ofMinutes(90)));
        notifier(MailTemplates.shipped())
                .send(notification(
                        NotificationKind.LESSONS_LEARNED_INVITATION,
                        Locale.forLanguageTag("fr-FR"),
                        p,
                        Optional.empty(),
                        Optional.empty()));
        // the English template, with an English date (and the reader's zone): not "mer. 3 févr. 2027"
        assertThat(parts(onlyMessage()).get("text/plain"))
                .contains("Wed 3 Feb 2027 14:00 CET")
                .doesNotContain("févr.");
    }

    @Test
    void theLessonsLearnedInvitationsCalendarTextsAreLocalised() throws Exception {
        MeetingInvite invite = new MeetingInvite(
                "lessons-learned-E-42@vendor.example",
                "Lessons learned: E-42",
                Instant.parse("2027-02-03T13:00:00Z"),
                Duration.ofMinutes(90),
                EMMA,
                List.of(INA, EMMA),
                0);
        Map<String, EntryParam> p = new LinkedHashMap<>();
        p.put("at", new EntryParam.At(invite.start()));
        p.put("duration", new EntryParam.Span(invite.duration()));
        SmtpNotifier notifier = notifier(MailTemplates.shipped());

        notifier.send(notification(
                NotificationKind.LESSONS_LEARNED_INVITATION, Locale.GERMANY, p, Optional.empty(), Optional.of(invite)));
        Map<String, String> german = parts(onlyMessage());
        assertThat(german.keySet()).containsExactly("text/plain", "text/html", "text/calendar");
        VEvent event = event(german.get("text/calendar"));
        assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .isEqualTo("Lessons Learned: Eskalation E-42 (Fall C-4711)");
        assertThat(event.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .isEqualTo(
                        "Sie sind zur Lessons-Learned-Sitzung der Eskalation zu Fall C-4711 am Mi. 3. Feb. 2027, 14:00 MEZ "
                                + "(90 Minuten) eingeladen.");
        assertThat(german.get("text/plain")).contains("am Mi. 3. Feb. 2027, 14:00 MEZ (90 Minuten) eingeladen");

        GREEN_MAIL.purgeEmailFromAllMailboxes();
        notifier.send(notification(
                NotificationKind.LESSONS_LEARNED_INVITATION, Locale.UK, p, Optional.empty(), Optional.of(invite)));
        VEvent english = event(parts(onlyMessage()).get("text/calendar"));
        assertThat(english.getProperty(Property.SUMMARY).orElseThrow().getValue())
                .isEqualTo("Lessons learned: escalation E-42 (case C-4711)");
        assertThat(english.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .startsWith("You are invited to the lessons-learned session of the escalation of case C-4711 on ")
                .endsWith("(90 minutes).");
    }

    private static VEvent event(String ics) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(Invitations.errors(calendar)).isEmpty();
        return calendar.<VEvent>getComponents("VEVENT").get(0);
    }

    @ParameterizedTest
    @EnumSource(NotificationKind.class)
    void everyKindShipsSubjectTextAndHtmlInEnglishAndGerman(NotificationKind kind) {
        for (String language : List.of("en", "de")) {
            for (String part : List.of("subject", "text", "html")) {
                String name = MailTemplates.SHIPPED + "/" + language + "/"
                        + kind.name().toLowerCase(Locale.ROOT) + "." + part + ".mustache";
                assertThat(getClass().getClassLoader().getResource(name))
                        .as(name)
                        .isNotNull();
            }
        }
        MailTemplates templates = MailTemplates.shipped();
        for (Locale locale : List.of(Locale.ENGLISH, Locale.GERMANY)) {
            MailTemplates.Rendered r =
                    templates.render(notification(kind, locale, Map.of(), Optional.of("words"), Optional.empty()));
            assertThat(r.subject()).contains("E-42").doesNotContain("{{", "\n");
            assertThat(r.text()).contains("E-42").doesNotContain("{{", "engine body");
            assertThat(r.html()).contains("E-42").startsWith("<!DOCTYPE html>").doesNotContain("{{");
        }
    }
}
