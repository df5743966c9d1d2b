package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.Holiday;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Holiday names do not follow the JVM's default locale. Jollyday looks its descriptions up with the JDK's default
 * fallback, which answers a language Jollyday has no descriptions for (English among them: its English ones are the
 * root bundle) in the default locale's language: on a German or French server the "English" name of Christmas Day was
 * "1. Weihnachtsfeiertag" or "Premières vacances de Noël", in the hotline advice, the calendar's closed reason and
 * every explanation. The default locale is set for each check and restored in {@code finally}.
 */
class HolidayNamesDefaultLocaleProperties {

    /** A nationwide holiday on a date no Easter-dependent one can fall on, with its English and German names. */
    private record Fixed(int month, int day, String english, String german) {}

    private static final List<Fixed> FIXED = List.of(
            new Fixed(1, 1, "New Year's Day", "Neujahr"),
            new Fixed(10, 3, "German Unity Day", "Tag der Deutschen Einheit"),
            new Fixed(12, 25, "1st Christmas day", "1. Weihnachtsfeiertag"),
            new Fixed(12, 26, "2nd Christmas day", "2. Weihnachtsfeiertag"));

    /** Whether Jollyday (or anything on the class path) has holiday descriptions in a language. */
    private static boolean described(String language) {
        String name = "descriptions/holiday_descriptions_" + language + ".properties";
        return HolidayNamesDefaultLocaleProperties.class.getClassLoader().getResource(name) != null;
    }

    /** Defaults whose language Jollyday describes holidays in: a fallback to them changes a name. */
    @Provide
    Arbitrary<Locale> defaults() {
        return Arbitraries.of(
                        Locale.GERMANY,
                        Locale.FRANCE,
                        Locale.forLanguageTag("nl-NL"),
                        Locale.forLanguageTag("pt-BR"),
                        Locale.forLanguageTag("el-GR"),
                        Locale.forLanguageTag("sv-SE"))
                .filter(l -> described(l.getLanguage()));
    }

    /** Locales of the JDK in a language Jollyday has no descriptions for (English, Spanish, Japanese, …). */
    @Provide
    Arbitrary<Locale> undescribed() {
        return Arbitraries.of(Arrays.stream(Locale.getAvailableLocales())
                .filter(l -> !l.getLanguage().isEmpty() && !described(l.getLanguage()))
                .sorted(java.util.Comparator.comparing(Locale::toLanguageTag))
                .toList());
    }

    private static Holiday christmasEtc(Locale nameLocale, Locale defaultLocale, int index, int year) {
        Fixed fixed = FIXED.get(index);
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(defaultLocale);
            return JollydayHolidays.forRegion("DE", nameLocale)
                    .holidayOn(LocalDate.of(year, fixed.month(), fixed.day()))
                    .orElseThrow();
        } finally {
            Locale.setDefault(before);
        }
    }

    @Property(tries = 300)
    void aNameInALanguageJollydayDoesNotDescribeIsTheEnglishOneWhateverTheDefaultLocale(
            @ForAll("undescribed") Locale nameLocale,
            @ForAll("defaults") Locale defaultLocale,
            @ForAll @IntRange(min = 0, max = 3) int index,
            @ForAll @IntRange(min = 2000, max = 2100) int year) {
        Holiday h = christmasEtc(nameLocale, defaultLocale, index, year);

        String english = FIXED.get(index).english();
        String german = FIXED.get(index).german();
        assertThat(h.name())
                .as("name in %s under the default %s", nameLocale, defaultLocale)
                .isEqualTo(english);
        assertThat(h.names())
                .as("names under the default %s", defaultLocale)
                .containsEntry(Locale.ENGLISH, english)
                .containsEntry(Locale.GERMAN, german)
                .containsEntry(nameLocale, english);
        assertThat(h.name(nameLocale)).isEqualTo(english);
    }

    @Property(tries = 100)
    void aNameInALanguageJollydayDescribesIsThatLanguagesWhateverTheDefaultLocale(
            @ForAll("defaults") Locale defaultLocale,
            @ForAll @IntRange(min = 0, max = 3) int index,
            @ForAll @IntRange(min = 2000, max = 2100) int year) {
        Holiday h = christmasEtc(Locale.GERMANY, defaultLocale, index, year);

        String german = FIXED.get(index).german();
        assertThat(h.name())
                .as("German name under the default %s", defaultLocale)
                .isEqualTo(german);
        assertThat(h.names())
                .containsEntry(Locale.ENGLISH, FIXED.get(index).english())
                .containsEntry(Locale.GERMAN, german)
                .containsEntry(Locale.GERMANY, german);
    }

    @Example
    void theGermanCoverageNamesGermanUnityDayInEnglishOnAGermanServer() {
        Instant unityDay = LocalDateTime.parse("2029-10-03T10:00")
                .atZone(GermanCoverage.ZONE)
                .toInstant();
        Locale before = Locale.getDefault();
        Map<Locale, String> names;
        String reason;
        try {
            Locale.setDefault(Locale.GERMANY);
            var coverage = GermanCoverage.builder().build(); // a new source: its names are made now
            reason = coverage.closedReason(unityDay).orElseThrow();
            names = coverage.closingHoliday(unityDay).orElseThrow().names();
        } finally {
            Locale.setDefault(before);
        }
        assertThat(reason).isEqualTo("public holiday: German Unity Day");
        assertThat(names)
                .containsEntry(Locale.ENGLISH, "German Unity Day")
                .containsEntry(Locale.GERMAN, "Tag der Deutschen Einheit");
    }
}
