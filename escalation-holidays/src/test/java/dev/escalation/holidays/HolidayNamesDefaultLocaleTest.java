package dev.escalation.holidays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.calendar.Holiday;
import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Holiday names do not depend on the JVM's default locale. Jollyday reads its descriptions with
 * {@code ResourceBundle.getBundle}, which falls back to the default locale for a language it has no descriptions in,
 * and English is one (its English names are the root bundle): before, on a French JVM the "English" name of Christmas
 * Day was "Premières vacances de Noël", and the hotline advice stored that as the holiday's English name and code.
 */
class HolidayNamesDefaultLocaleTest {
    private static final LocalDate CHRISTMAS = LocalDate.of(2026, 12, 25);

    /** Runs with the JVM's default locale set to {@code tag}; restores every category after. */
    private static Holiday christmas(String jvmDefault, Locale nameLocale) {
        Locale before = Locale.getDefault();
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        try {
            Locale.setDefault(Locale.forLanguageTag(jvmDefault));
            return JollydayHolidays.forRegion("DE", nameLocale)
                    .holidayOn(CHRISTMAS)
                    .orElseThrow();
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.DISPLAY, display);
            Locale.setDefault(Locale.Category.FORMAT, format);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr-FR", "de-DE", "nl-NL", "sv-SE", "el-GR", "pt-BR", "ar-SA", "th-TH-u-nu-thai"})
    void theNamesAreTheSameWhateverTheJvmsDefaultLocale(String jvmDefault) {
        Holiday english = christmas(jvmDefault, Locale.ENGLISH);
        assertThat(english.name()).isEqualTo("1st Christmas day");
        assertThat(english.name(Locale.ENGLISH)).isEqualTo("1st Christmas day");
        assertThat(english.name(Locale.GERMAN)).isEqualTo("1. Weihnachtsfeiertag");
        // a language Jollyday has no descriptions in reads English, as the engine's texts do
        assertThat(christmas(jvmDefault, Locale.US).name()).isEqualTo("1st Christmas day");
        assertThat(christmas(jvmDefault, Locale.ITALIAN).name()).isEqualTo("1st Christmas day");
        assertThat(christmas(jvmDefault, Locale.forLanguageTag("ja-JP-u-ca-japanese"))
                        .name())
                .isEqualTo("1st Christmas day");
        // one it has: its own
        assertThat(christmas(jvmDefault, Locale.GERMANY).name()).isEqualTo("1. Weihnachtsfeiertag");
    }
}
