package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Explanation;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import dev.escalation.model.HotlineNumber;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden hotline advice (every reason) and deadline explanations in English and German, written out by hand. */
class HotlineAndExplanationGoldenTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final List<HotlineNumber> NUMBERS =
            List.of(new HotlineNumber("Germany", "+49 911 2399 110"), new HotlineNumber("USA", "+1 415-363-5510"));

    private final Texts texts = Texts.of(BERLIN, List.of());

    private static Instant berlin(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    private static HotlineAdvice advice(HotlineAdvice.Reason reason, Map<String, EntryParam> params, String resumes) {
        return new HotlineAdvice(reason, params, berlin(resumes), NUMBERS);
    }

    @Test
    void weekend() {
        HotlineAdvice a = advice(
                HotlineAdvice.Reason.WEEKEND,
                Map.of("raisedAt", new EntryParam.At(berlin("2027-01-16T11:00"))),
                "2027-01-18T09:00");
        assertThat(texts.hotline(a, Locale.ENGLISH, BERLIN))
                .isEqualTo("Critical escalation raised at the weekend (Sat 16 Jan 2027 11:00 CET); coverage resumes "
                        + "Mon 18 Jan 2027 09:00 CET. Please call the hotline: Germany +49 911 2399 110, USA +1 "
                        + "415-363-5510");
        assertThat(texts.hotline(a, Locale.GERMAN, BERLIN))
                .isEqualTo("Kritische Eskalation am Wochenende gemeldet (Sa., 16. Jan. 2027, 11:00 MEZ); der Support "
                        + "ist wieder erreichbar ab Mo., 18. Jan. 2027, 09:00 MEZ. Bitte rufen Sie die Hotline an: "
                        + "Germany +49 911 2399 110, USA +1 415-363-5510");
        // a customer in New York at 05:00 their time: when coverage resumes in both zones
        assertThat(texts.hotline(a, Locale.ENGLISH, NEW_YORK))
                .isEqualTo("Critical escalation raised at the weekend (Sat 16 Jan 2027 05:00 EST); coverage resumes "
                        + "Mon 18 Jan 2027 09:00 CET (Mon 18 Jan 2027 03:00 EST your time). Please call the hotline: "
                        + "Germany +49 911 2399 110, USA +1 415-363-5510");
    }

    @Test
    void publicHolidayNamedInTheReadersLanguage() {
        HotlineAdvice a = advice(
                HotlineAdvice.Reason.PUBLIC_HOLIDAY,
                Map.of(
                        "holiday", new EntryParam.Code("EASTER_MONDAY"),
                        "holidayName", new EntryParam.Text("Easter Monday"),
                        "holidayName.de", new EntryParam.Text("Ostermontag"),
                        "raisedAt", new EntryParam.At(berlin("2027-03-29T10:00"))),
                "2027-03-30T09:00");
        assertThat(texts.hotline(a, Locale.ENGLISH, BERLIN))
                .isEqualTo(
                        "Critical escalation raised on a public holiday, Easter Monday (Mon 29 Mar 2027 10:00 CEST); "
                                + "coverage resumes Tue 30 Mar 2027 09:00 CEST. Please call the hotline: Germany +49 911 2399 "
                                + "110, USA +1 415-363-5510");
        assertThat(texts.hotline(a, Locale.GERMAN, BERLIN))
                .isEqualTo("Kritische Eskalation an einem Feiertag gemeldet, Ostermontag (Mo., 29. März 2027, 10:00 "
                        + "MESZ); der Support ist wieder erreichbar ab Di., 30. März 2027, 09:00 MESZ. Bitte rufen Sie "
                        + "die Hotline an: Germany +49 911 2399 110, USA +1 415-363-5510");
        // a reader in Austria: no name for de-AT, so the German one (by language), in the German texts
        assertThat(texts.hotline(a, Locale.forLanguageTag("de-AT"), BERLIN))
                .startsWith("Kritische Eskalation an einem Feiertag gemeldet, Ostermontag (Mo., 29. März 2027");
    }

    @Test
    void aReaderWhoseZoneShowsTheSameTimeIsNotToldItTwice() {
        HotlineAdvice a = advice(
                HotlineAdvice.Reason.WEEKEND,
                Map.of("raisedAt", new EntryParam.At(berlin("2026-12-26T11:00"))),
                "2026-12-28T09:00");
        // Paris, Vienna and Büsingen read 09:00 CET too, whatever their zone's id: one time, as for Berlin
        for (String zone : List.of("Europe/Paris", "Europe/Vienna", "Europe/Busingen", "CET")) {
            assertThat(texts.hotline(a, Locale.ENGLISH, ZoneId.of(zone)))
                    .as(zone)
                    .isEqualTo("Critical escalation raised at the weekend (Sat 26 Dec 2026 11:00 CET); coverage "
                            + "resumes Mon 28 Dec 2026 09:00 CET. Please call the hotline: Germany +49 911 2399 110, "
                            + "USA +1 415-363-5510");
            assertThat(texts.hotline(a, Locale.GERMAN, ZoneId.of(zone)))
                    .as(zone)
                    .contains("wieder erreichbar ab Mo., 28. Dez. 2026, 09:00 MEZ. Bitte");
        }
        // the same offset under another name is another text: both are shown
        assertThat(texts.hotline(a, Locale.ENGLISH, ZoneId.of("Africa/Lagos")))
                .contains("coverage resumes Mon 28 Dec 2026 09:00 CET (Mon 28 Dec 2026 09:00 WAT your time).");
        assertThat(texts.hotline(a, Locale.ENGLISH, ZoneId.of("+01:00")))
                .contains("coverage resumes Mon 28 Dec 2026 09:00 CET (Mon 28 Dec 2026 09:00 +01:00 your time).");
    }

    @Test
    void outsideHours() {
        HotlineAdvice a = advice(
                HotlineAdvice.Reason.OUTSIDE_HOURS,
                Map.of("raisedAt", new EntryParam.At(berlin("2027-01-12T18:30"))),
                "2027-01-13T09:00");
        assertThat(texts.hotline(a, Locale.ENGLISH, BERLIN))
                .isEqualTo("Critical escalation raised outside business hours (Tue 12 Jan 2027 18:30 CET); coverage "
                        + "resumes Wed 13 Jan 2027 09:00 CET. Please call the hotline: Germany +49 911 2399 110, USA "
                        + "+1 415-363-5510");
        assertThat(texts.hotline(a, Locale.GERMAN, BERLIN))
                .isEqualTo(
                        "Kritische Eskalation außerhalb der Geschäftszeiten gemeldet (Di., 12. Jan. 2027, 18:30 MEZ); "
                                + "der Support ist wieder erreichbar ab Mi., 13. Jan. 2027, 09:00 MEZ. Bitte rufen Sie die "
                                + "Hotline an: Germany +49 911 2399 110, USA +1 415-363-5510");
    }

    /** Berlin, Monday–Friday 09:00–17:00, Easter 2027 with English and German names. */
    private static BusinessCalendar calendar() {
        return BusinessCalendar.builder(BERLIN)
                .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                .holidays(HolidaySource.of(List.of(
                        Holiday.allDay(LocalDate.of(2027, 3, 26), "Good Friday")
                                .withNames(Map.of(Locale.GERMAN, "Karfreitag")),
                        Holiday.allDay(LocalDate.of(2027, 3, 29), "Easter Monday")
                                .withNames(Map.of(Locale.GERMAN, "Ostermontag")))))
                .build();
    }

    @Test
    void explanationOverEasterAndTheDstSwitch() {
        // Thursday 16:00 + 2 business hours: Good Friday, the weekend with the switch to summer time, Easter Monday
        Explanation e = calendar().explainPlus(berlin("2027-03-25T16:00"), Duration.ofHours(2));
        assertThat(texts.explanation(e, "escalated", Locale.ENGLISH, BERLIN))
                .isEqualTo("due Tue 10:00 Europe/Berlin: escalated Thu 16:00; 1 h counted Thursday; public holiday "
                        + "Good Friday, weekend and public holiday Easter Monday skipped; 1 h counted Tuesday");
        assertThat(texts.explanation(e, "escalated", Locale.GERMAN, BERLIN))
                .isEqualTo("fällig Di. 10:00 Europe/Berlin: eskaliert Do. 16:00; 1 Std. gezählt Donnerstag; "
                        + "Feiertag Karfreitag, Wochenende und Feiertag Ostermontag übersprungen; 1 Std. gezählt "
                        + "Dienstag");
        // the reader in New York: their times, their days (Berlin's Tuesday 09:00–10:00 is their 03:00–04:00)
        assertThat(texts.explanation(e, "escalated", Locale.ENGLISH, NEW_YORK))
                .isEqualTo("due Tue 04:00 America/New_York: escalated Thu 11:00; 1 h counted Thursday; public "
                        + "holiday Good Friday, weekend and public holiday Easter Monday skipped; 1 h counted Tuesday");
    }

    @Test
    void explanationWithAPauseAndANight() {
        Explanation e = calendar()
                .explainPlus(
                        berlin("2027-01-12T16:00"),
                        Duration.ofHours(2),
                        List.of(dev.escalation.calendar.Interval.of(
                                berlin("2027-01-13T09:00"), berlin("2027-01-13T10:30"), "waiting for customer")));
        assertThat(texts.explanation(e, "plan agreed", Locale.ENGLISH, BERLIN))
                .isEqualTo("due Wed 11:30 Europe/Berlin: plan agreed Tue 16:00; 1 h counted Tuesday; night skipped; "
                        + "paused 1 h 30 min on Wednesday (waiting for customer); 1 h counted Wednesday");
        assertThat(texts.explanation(e, "plan agreed", Locale.GERMAN, BERLIN))
                .isEqualTo("fällig Mi. 11:30 Europe/Berlin: Plan vereinbart Di. 16:00; 1 Std. gezählt Dienstag; "
                        + "Nacht übersprungen; 1 Std. 30 Min. angehalten am Mittwoch (waiting for customer); 1 Std. "
                        + "gezählt Mittwoch");
    }

    @Test
    void aDayWithoutHoursIsNamedByTheCalendarsWeekdayInEveryReadersZone() {
        // Berlin open Monday, Tuesday and Thursday 09:00–17:00: Wednesday has no hours. In New York, Berlin's
        // Wednesday starts on Tuesday 18:00, and Tokyo's Thursday 08:00 is Berlin's Thursday 00:00: the calendar's
        // day without hours is still Wednesday, in the reader's language
        BusinessCalendar noWednesday = BusinessCalendar.builder(BERLIN)
                .open(java.time.DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
                .open(java.time.DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
                .open(java.time.DayOfWeek.THURSDAY, LocalTime.of(9, 0), LocalTime.of(17, 0))
                .build();
        Explanation e = noWednesday.explainPlus(berlin("2027-01-12T16:00"), Duration.ofHours(2));
        assertThat(texts.explanation(e, "escalated", Locale.ENGLISH, BERLIN))
                .isEqualTo("due Thu 10:00 Europe/Berlin: escalated Tue 16:00; 1 h counted Tuesday; no business "
                        + "hours on Wednesday skipped; 1 h counted Thursday");
        assertThat(texts.explanation(e, "escalated", Locale.ENGLISH, NEW_YORK))
                .isEqualTo("due Thu 04:00 America/New_York: escalated Tue 10:00; 1 h counted Tuesday; no business "
                        + "hours on Wednesday skipped; 1 h counted Thursday");
        assertThat(texts.explanation(e, "escalated", Locale.GERMAN, ZoneId.of("Asia/Tokyo")))
                .isEqualTo("fällig Do. 18:00 Asia/Tokyo: eskaliert Mi. 00:00; 1 Std. gezählt Mittwoch; keine "
                        + "Geschäftszeiten am Mittwoch übersprungen; 1 Std. gezählt Donnerstag");
    }
}
