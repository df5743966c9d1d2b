package dev.escalation.examples.smtp;

import static dev.escalation.test.Scenario.contact;
import static dev.escalation.test.Scenario.customer;
import static dev.escalation.test.Scenario.openCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.Preferences;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import dev.escalation.text.TextSource;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's text sent by {@link SmtpNotifier} without templates says the language it is in: a French reader gets
 * the English fallback labelled {@code Content-Language: en} (was {@code fr}), a German reader {@code de}, and with a
 * host source for French the mail is French and says {@code fr}.
 */
class SmtpMailLanguageTest {

    @RegisterExtension
    static final GreenMailExtension GREEN_MAIL =
            new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private final Scenario scenario =
            Scenario.create().given(customer("acme").incidentManager("ina"), openCase("acme", "C-1"));

    /** Ina escalates C-1 speaking {@code locale}; the confirmation mail she gets. */
    private MimeMessage confirmationTo(Locale locale) throws Exception {
        Touchpoint ina =
                scenario.customerDirectory().touchpoint(ContactId.of("ina")).orElseThrow();
        scenario.customerDirectory()
                .add(new Touchpoint(
                        ina.id(),
                        ina.customer(),
                        ina.displayName(),
                        ina.email(),
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        new Preferences(Optional.of(locale), Optional.of(PARIS), List.of(DeliveryChannel.EMAIL))));
        scenario.notifiers(SmtpNotifier.builder()
                .host("127.0.0.1")
                .port(GREEN_MAIL.getSmtp().getPort())
                .from("escalations@vendor.example", "Support Management")
                .timeout(Duration.ofSeconds(5))
                .clock(scenario.clock())
                .build());
        scenario.when(contact("ina").escalates("C-1")).then(outcome -> outcome.accepted());
        scenario.engine().deliverPending();
        return Arrays.stream(GREEN_MAIL.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getRecipients(Message.RecipientType.TO)[0]
                                        .toString()
                                        .contains("ina@")
                                && m.getHeader("X-Escalation-Kind")[0].equals("ESCALATION_CONFIRMED");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aFrenchReaderWithoutFrenchTextsGetsEnglishLabelledEnglish() throws Exception {
        MimeMessage mail = confirmationTo(Locale.FRANCE);
        assertThat(SmtpNotifierTest.text(mail)).contains("Your escalation of case C-1 was received");
        assertThat(mail.getContentLanguage()).containsExactly("en");
    }

    @Test
    void aGermanReaderGetsGermanLabelledGerman() throws Exception {
        MimeMessage mail = confirmationTo(Locale.GERMANY);
        assertThat(SmtpNotifierTest.text(mail)).contains("Fall C-1");
        assertThat(mail.getContentLanguage()).containsExactly("de");
    }

    @Test
    void aHostSourceForFrenchMakesTheMailFrenchAndSaysSo() throws Exception {
        scenario.configure(b -> b.texts(TextSource.of(
                Locale.FRENCH,
                Map.of(
                        "notification.ESCALATION_CONFIRMED.subject",
                        "escalade confirmée ({0})",
                        "notification.ESCALATION_CONFIRMED.body",
                        "Votre escalade du dossier {0} a été reçue."))));
        MimeMessage mail = confirmationTo(Locale.FRANCE);
        assertThat(SmtpNotifierTest.text(mail)).contains("Votre escalade du dossier C-1");
        assertThat(mail.getContentLanguage()).containsExactly("fr");
    }
}
