package dev.escalation.examples.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.Notification;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a subject or a name is (encoded-word shapes, line breaks, blanks, non-ASCII, very long), the header the
 * adapter writes reads back as exactly that text, adds no header and keeps every line within SMTP's limit: over the
 * message's bytes read back by Jakarta Mail (many tries), and over SMTP through GreenMail (fewer tries).
 */
class HeaderTextProperties {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static GreenMail greenMail;

    @BeforeContainer
    static void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @AfterContainer
    static void stop() {
        greenMail.stop();
    }

    /** An empty subject or name is no header or no name: Jakarta Mail reads that back as null. */
    private static String shown(String header) {
        return header == null ? "" : header;
    }

    @Provide
    Arbitrary<String> hostile() {
        return HostileTexts.generated();
    }

    @Property(tries = 1000)
    void theWrittenHeadersReadBackAsTheText(@ForAll("hostile") String text) throws Exception {
        writtenAndReadBack(text);
    }

    @Example
    void aLongWordIsFoldedToo() throws Exception {
        writtenAndReadBack("x".repeat(2_000));
        writtenAndReadBack("Störung-" + "x".repeat(2_000));
    }

    private static void writtenAndReadBack(String text) throws Exception {
        MimeMessage message = new MimeMessage(SESSION);
        HeaderText.subject(message, text);
        message.setFrom(HeaderText.named(new InternetAddress("escalations@vendor.example", true), text));
        message.setRecipient(
                Message.RecipientType.TO, HeaderText.named(new InternetAddress("ina@customer.example", true), text));
        message.setText("Hello", "UTF-8");
        message.saveChanges();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);

        String raw = bytes.toString(StandardCharsets.ISO_8859_1);
        String headers = raw.substring(0, raw.indexOf("\r\n\r\n"));
        for (String line : headers.split("\r\n", -1)) {
            assertThat(line.length()).as("header line length").isLessThanOrEqualTo(998);
            assertThat(line).doesNotContain("\r", "\n");
        }
        MimeMessage read = new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
        assertThat(read.getHeader("Bcc")).isNull();
        assertThat(read.getHeader("X-Injected")).isNull();
        assertThat(shown(read.getSubject())).isEqualTo(text);
        assertThat(shown(((InternetAddress) read.getFrom()[0]).getPersonal())).isEqualTo(text);
        assertThat(((InternetAddress) read.getFrom()[0]).getAddress()).isEqualTo("escalations@vendor.example");
        assertThat(read.getAllRecipients()).hasSize(1);
        InternetAddress to = (InternetAddress) read.getAllRecipients()[0];
        assertThat(shown(to.getPersonal())).isEqualTo(text);
        assertThat(to.getAddress()).isEqualTo("ina@customer.example");
    }

    @Property(tries = 60)
    void aMailSentOverSmtpShowsTheText(@ForAll("hostile") String text) throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(greenMail.getSmtp().getPort())
                .from("escalations@vendor.example", text)
                .timeout(Duration.ofSeconds(5))
                .clock(Clock.fixed(Instant.parse("2027-01-18T08:30:00Z"), ZoneOffset.UTC))
                .build()
                .send(new Notification(
                        "k",
                        EscalationId.of("E-42"),
                        new CaseId("C-4711"),
                        NotificationKind.ESCALATION_CONFIRMED,
                        DeliveryChannel.EMAIL,
                        new Party(Party.Kind.CONTACT, "ina", text, "ina@customer.example"),
                        Locale.GERMANY,
                        ZoneId.of("Europe/Berlin"),
                        text,
                        "Hello",
                        Map.of(),
                        Optional.empty(),
                        Optional.empty()));

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(shown(received.getSubject())).isEqualTo(text);
        assertThat(shown(((InternetAddress) received.getFrom()[0]).getPersonal()))
                .isEqualTo(text);
        assertThat(received.getAllRecipients()).hasSize(1);
        assertThat(shown(((InternetAddress) received.getAllRecipients()[0]).getPersonal()))
                .isEqualTo(text);
        assertThat(received.getHeader("Bcc")).isNull();
    }

    @Example
    void onlyTextsJakartaMailWouldSendRawAndMisreadAreEncodedHere() {
        assertThat(HeaderText.needsEncoding(HostileTexts.ENCODED_B)).isTrue();
        assertThat(HeaderText.needsEncoding("Ina\r\nBcc: x")).isTrue();
        assertThat(HeaderText.needsEncoding(" Ina")).isTrue();
        assertThat(HeaderText.needsEncoding("Server down since 9:00 (a=b?)")).isFalse();
        assertThat(HeaderText.needsEncoding("Störung =?UTF-8?B?w6Q=?="))
                .as("Jakarta Mail encodes it whole")
                .isFalse();
        assertThat(HeaderText.encodedWords("x".repeat(100)).split(" "))
                .hasSize(3)
                .allSatisfy(word -> assertThat(word.length()).isLessThanOrEqualTo(75));
    }
}
