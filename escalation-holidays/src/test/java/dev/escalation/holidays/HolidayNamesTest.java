package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Preferences;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.Notification;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.text.Texts;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Holidays carry their names per language (Jollyday's English and German descriptions), the hotline advice stores
 * them, the view shows the advice again and the confirmation tells a German customer in New York, in German, which
 * holiday it is and when coverage resumes in Berlin and in New York.
 */
class HolidayNamesTest {
    private static final ZoneId BERLIN = GermanCoverage.ZONE;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void jollydayHolidaysAreNamedInEnglishAndGerman() {
        HolidaySource de = JollydayHolidays.forRegion("DE");
        Holiday christmas = de.holidayOn(LocalDate.of(2026, 12, 25)).orElseThrow();
        assertThat(christmas.name()).isEqualTo("1st Christmas day");
        assertThat(christmas.name(Locale.GERMAN)).isEqualTo("1. Weihnachtsfeiertag");
        assertThat(christmas.name(Locale.GERMANY)).isEqualTo("1. Weihnachtsfeiertag");
        assertThat(christmas.name(Locale.FRENCH)).isEqualTo("1st Christmas day");
        assertThat(de.holidayOn(LocalDate.of(2027, 3, 29)).orElseThrow().name(Locale.GERMAN))
                .isEqualTo("Ostermontag");
        assertThat(JollydayHolidays.forRegion("DE", Locale.GERMAN)
                        .holidayOn(LocalDate.of(2027, 3, 29))
                        .orElseThrow()
                        .name())
                .isEqualTo("Ostermontag");
        assertThat(GermanCoverage.calendar()
                        .holidays()
                        .holidayOn(LocalDate.of(2026, 12, 24))
                        .orElseThrow()
                        .name(Locale.GERMAN))
                .isEqualTo("Heiligabend");
    }

    @Test
    void anExplanationNamesTheHolidaysInTheReadersLanguage() {
        Explanation e = GermanCoverage.calendar()
                .explainPlus(
                        LocalDateTime.parse("2027-03-25T16:00").atZone(BERLIN).toInstant(), Duration.ofHours(2));
        assertThat(Texts.shipped().explanation(e, "escalated", Locale.GERMAN, BERLIN))
                .isEqualTo("fällig Di. 10:00 Europe/Berlin: eskaliert Do. 16:00; 1 Std. gezählt Donnerstag; "
                        + "Feiertag Karfreitag, Wochenende und Feiertag Ostermontag übersprungen; 1 Std. gezählt "
                        + "Dienstag");
    }

    @Test
    void theAdviceOnAHolidayIsStoredShownAgainAndSentInTheCustomersLanguageAndZone() {
        CustomerId acme = CustomerId.of("acme");
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina",
                        "ina@acme.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true,
                        Preferences.of(Locale.GERMAN, NEW_YORK)))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Login broken"));
        InMemoryNotifier notifier = new InMemoryNotifier();
        // Christmas Day 2026, 11:00 in Berlin (05:00 in New York)
        Clock clock = Clock.fixed(
                LocalDateTime.parse("2026-12-25T11:00").atZone(BERLIN).toInstant(), ZoneOffset.UTC);
        EscalationEngine engine = EscalationEngine.builder()
                .clock(clock)
                .store(new InMemoryEscalationStore())
                .customers(customers)
                .staff(new InMemoryStaffDirectory())
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .coverage(GermanCoverage.calendar())
                .hotline(new HotlineNumber("Germany", "+49 911 2399 110"))
                .build();
        Actor ina = Actor.contact("ina");

        EscalationReceipt receipt = engine.escalate(
                ina,
                new EscalateCase(
                        CaseId.of("C-1"), "Nobody can log in", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null));

        HotlineAdvice advice = receipt.hotline().orElseThrow();
        assertThat(advice.reason()).isEqualTo(HotlineAdvice.Reason.PUBLIC_HOLIDAY);
        assertThat(advice.params())
                .containsEntry("holidayName", new EntryParam.Text("1st Christmas day"))
                .containsEntry("holidayName.de", new EntryParam.Text("1. Weihnachtsfeiertag"));
        // the view shows the stored advice again
        assertThat(engine.find(ina, receipt.escalation()).orElseThrow().hotline())
                .contains(advice);
        assertThat(engine.texts().hotline(advice, Locale.GERMAN, NEW_YORK))
                .isEqualTo("Kritische Eskalation an einem Feiertag gemeldet, 1. Weihnachtsfeiertag (Fr., 25. Dez. "
                        + "2026, 05:00 EST); der Support ist wieder erreichbar ab Mo., 28. Dez. 2026, 09:00 MEZ "
                        + "(Mo., 28. Dez. 2026, 03:00 EST bei Ihnen). Bitte rufen Sie die Hotline an: Germany +49 911 "
                        + "2399 110");

        engine.deliverPending();
        List<Notification> confirmations = notifier.delivered().stream()
                .filter(n -> n.kind() == NotificationKind.ESCALATION_CONFIRMED)
                .toList();
        assertThat(confirmations).singleElement().satisfies(n -> {
            assertThat(n.locale()).isEqualTo(Locale.GERMAN);
            assertThat(n.zone()).isEqualTo(NEW_YORK);
            assertThat(n.subject())
                    .isEqualTo("[Eskalation " + receipt.escalation().value() + "] Fall C-1: " + "eskaliert (kritisch)");
            assertThat(n.body())
                    .isEqualTo("Ihre Eskalation von Fall C-1 ist eingegangen; das Support Management wird sich bei "
                            + "Ihnen melden.\n\n" + engine.texts().hotline(advice, Locale.GERMAN, NEW_YORK));
        });
    }
}
