package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import java.time.ZoneId;
import java.util.List;
import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** Host texts in front of the shipped ones, on the class path (the console demo proves the module path). */
class TextSourceTest {
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Map<String, EntryParam> HIGH_SOFTWARE =
            Map.of("criticality", new EntryParam.Code("HIGH"), "cause", new EntryParam.Code("SOFTWARE_ERROR"));

    private static String escalated(Texts texts, Locale l) {
        return texts.entry(ProgressKind.ESCALATED, Optional.of("x"), HIGH_SOFTWARE, l, BERLIN);
    }

    @Test
    void aHostOverridesOneLanguageOnly() {
        Texts texts =
                Texts.of(BERLIN, List.of(TextSource.of(Locale.GERMAN, Map.of("entry.ESCALATED", "Eskalation ({0})"))));
        assertThat(escalated(texts, Locale.GERMAN)).isEqualTo("Eskalation (hoch): x");
        assertThat(escalated(texts, Locale.GERMANY)).isEqualTo("Eskalation (hoch): x");
        assertThat(escalated(texts, Locale.ENGLISH)).isEqualTo("Escalated (high, software error): x");
    }

    /**
     * A host's pattern with a bidirectional override it does not close (or a close it did not open) would reorder the
     * text after it wherever the text is shown: its unpaired controls become U+FFFD, as a value's do; paired ones stay.
     */
    @Test
    void aHostPatternsUnpairedBidiControlsAreNeutralised() {
        Texts texts = Texts.of(
                BERLIN,
                List.of(TextSource.of(
                        Locale.GERMAN,
                        Map.of(
                                "entry.ESCALATED", "Eskalation \u202E({0})",
                                "entry.CLOCK_PAUSED", "\u2069SLA-Uhr \u2067angehalten\u2069"))));
        assertThat(escalated(texts, Locale.GERMAN)).isEqualTo("Eskalation \uFFFD(hoch): x");
        assertThat(texts.entry(ProgressKind.CLOCK_PAUSED, Optional.empty(), Map.of(), Locale.GERMAN, BERLIN))
                .isEqualTo("\uFFFDSLA-Uhr \u2067angehalten\u2069");
    }

    @Test
    void aHostLanguageFallsBackToEnglishNeverToAKey() {
        Locale french = Locale.FRENCH;
        Texts texts = Texts.of(
                BERLIN,
                List.of(TextSource.of(
                        french, Map.of("entry.ESCALATED", "Escalade ({0}, {1})", "label.criticality.HIGH", "haute"))));
        assertThat(escalated(texts, french)).isEqualTo("Escalade (haute, software error): x");
        assertThat(texts.entry(ProgressKind.CLOCK_PAUSED, Optional.empty(), Map.of(), french, BERLIN))
                .isEqualTo("SLA clock paused");
        // a language nobody ships: English, also for dates
        assertThat(Texts.shipped()
                        .entry(ProgressKind.CLOCK_RESUMED, Optional.empty(), Map.of(), Locale.JAPANESE, BERLIN))
                .isEqualTo("SLA clock resumed");
        assertThat(Texts.shipped().at(java.time.Instant.parse("2027-01-12T12:00:00Z"), Locale.JAPANESE, BERLIN))
                .isEqualTo("Tue 12 Jan 2027 13:00 CET");
    }

    @Test
    void sourcesAreAskedInOrderAndBundlesOfAnotherLanguageAreIgnored() {
        ResourceBundle english = new ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"entry.CLOCK_PAUSED", "Clock stopped"}};
            }

            @Override
            public Locale getLocale() {
                return Locale.ENGLISH;
            }
        };
        // a loader that falls back to English for every language (like getBundle with an English default locale)
        TextSource bundles = TextSource.fromBundles(l -> {
            if (l.getLanguage().equals("xx")) {
                throw new MissingResourceException("none", "Texts", "");
            }
            return english;
        });
        Texts texts = Texts.of(
                BERLIN, List.of(TextSource.of(Locale.ENGLISH, Map.of("entry.CLOCK_PAUSED", "First wins")), bundles));
        assertThat(texts.entry(ProgressKind.CLOCK_PAUSED, Optional.empty(), Map.of(), Locale.ENGLISH, BERLIN))
                .isEqualTo("First wins");
        Texts bundleOnly = Texts.of(BERLIN, List.of(bundles));
        assertThat(bundleOnly.entry(ProgressKind.CLOCK_PAUSED, Optional.empty(), Map.of(), Locale.ENGLISH, BERLIN))
                .isEqualTo("Clock stopped");
        assertThat(bundleOnly.entry(ProgressKind.CLOCK_PAUSED, Optional.empty(), Map.of(), Locale.GERMAN, BERLIN))
                .isEqualTo("SLA-Uhr angehalten");
        assertThat(bundleOnly.entry(ProgressKind.CLOCK_PAUSED, Optional.empty(), Map.of(), new Locale("xx"), BERLIN))
                .isEqualTo("SLA clock paused");
    }

    @Test
    void labelsAndDurationsFollowTheReadersPluralRules() {
        Texts t = Texts.shipped();
        assertThat(t.duration(java.time.Duration.ofDays(1), Locale.GERMAN)).isEqualTo("1 Tag");
        assertThat(t.duration(java.time.Duration.ofDays(2), Locale.GERMAN)).isEqualTo("2 Tage");
        assertThat(t.duration(java.time.Duration.ofDays(1), Locale.ENGLISH)).isEqualTo("1 day");
        assertThat(t.duration(java.time.Duration.ofMinutes(61), Locale.ENGLISH)).isEqualTo("61 minutes");
        assertThat(t.label(dev.escalation.model.Channel.VIDEO_CALL, Locale.GERMAN))
                .isEqualTo("Videokonferenz");
        assertThat(t.label(dev.escalation.model.EscalationState.LESSONS_LEARNED, Locale.ENGLISH))
                .isEqualTo("in lessons learned");
    }

    /**
     * With host texts, a duration is worded afresh for each call (no memo): the same words as the shipped texts give
     * where the host has none, and the host's pattern where it has one.
     */
    @Test
    void durationsWithHostTextsAreTheShippedWordsOrTheHostsPattern() {
        Texts shipped = Texts.shipped();
        Texts hosted = Texts.of(
                ZoneId.of("Europe/Berlin"),
                List.of(TextSource.of(Locale.GERMAN, Map.of("duration.hours", "{0} Std. (Host)"))));
        for (java.time.Duration d : List.of(
                java.time.Duration.ZERO,
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(90),
                java.time.Duration.ofHours(1),
                java.time.Duration.ofHours(25),
                java.time.Duration.ofDays(1),
                java.time.Duration.ofDays(14),
                java.time.Duration.ofSeconds(3601))) {
            assertThat(hosted.duration(d, Locale.ENGLISH)).as("%s", d).isEqualTo(shipped.duration(d, Locale.ENGLISH));
        }
        assertThat(hosted.duration(java.time.Duration.ofHours(25), Locale.GERMAN))
                .isEqualTo("25 Std. (Host)");
        assertThat(hosted.duration(java.time.Duration.ofDays(2), Locale.GERMAN)).isEqualTo("2 Tage");
        assertThat(hosted.duration(java.time.Duration.ofMinutes(90), Locale.GERMAN))
                .isEqualTo("90 Minuten");
        assertThat(shipped.duration(java.time.Duration.ofHours(25), Locale.ENGLISH))
                .isEqualTo("25 hours");
        assertThat(shipped.duration(java.time.Duration.ZERO, Locale.ENGLISH)).isEqualTo("0 minutes");
    }
}
