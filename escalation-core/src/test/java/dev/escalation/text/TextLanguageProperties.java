package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.NotificationKind;
import dev.escalation.spi.NotificationRequest;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Message#language()}: the language the notification's text is really in, for every reader locale, odd ones
 * included ({@link Locale#ROOT}, {@code und}, a region alone, a script, a variant), with and without a host source.
 */
class TextLanguageProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static final Map<String, String> FRENCH = TextFixtures.FRENCH;

    private static NotificationRequest request(NotificationKind kind) {
        return TextFixtures.request(kind, Map.of(), "what a person wrote");
    }

    @Provide
    Arbitrary<Locale> readers() {
        Arbitrary<Locale> built = Combinators.combine(
                        Arbitraries.of("", "en", "de", "fr", "it", "zz", "und", "sr"),
                        Arbitraries.of("", "Latn", "Cyrl"),
                        Arbitraries.of("", "DE", "AT", "CH", "FR", "US", "419"),
                        Arbitraries.of("", "1901", "posix"))
                .as((language, script, region, variant) -> {
                    Locale.Builder b = new Locale.Builder();
                    if (!language.isEmpty()) {
                        b.setLanguage(language);
                    }
                    return b.setScript(script)
                            .setRegion(region)
                            .setVariant(variant)
                            .build();
                });
        Arbitrary<Locale> odd = Arbitraries.of(
                Locale.ROOT,
                Locale.forLanguageTag("und"),
                new Locale("", "FR"),
                new Locale("", "DE"),
                new Locale("de", "DE", "POSIX"),
                new Locale("de", "", "Variant"),
                Locale.forLanguageTag("de-Latn-DE"),
                Locale.forLanguageTag("fr-CA-u-ca-gregory"),
                Locale.GERMANY,
                Locale.FRANCE,
                Locale.CHINA,
                new Locale("no", "NO", "NY"),
                new Locale("ja", "JP", "JP"));
        return Arbitraries.oneOf(built, odd);
    }

    /** The languages some source has text in, and which one a reader gets. */
    private static Locale expected(Locale reader, boolean frenchHost) {
        if (reader.getLanguage().equals("de")) {
            return Locale.GERMAN;
        }
        if (frenchHost && reader.getLanguage().equals("fr")) {
            return Locale.FRENCH;
        }
        return Locale.ENGLISH;
    }

    @Property(tries = 600)
    void theTextsLanguageIsOneSomeSourceHasTextIn(
            @ForAll("readers") Locale reader, @ForAll NotificationKind kind, @ForAll boolean frenchHost) {
        Texts texts = frenchHost
                ? Texts.of(BERLIN, List.of(TextSource.of(Locale.FRENCH, FRENCH)))
                : Texts.of(BERLIN, List.of());
        Message m = texts.notification(request(kind), reader, BERLIN);
        Set<Locale> had = frenchHost
                ? Set.of(Locale.ENGLISH, Locale.GERMAN, Locale.FRENCH)
                : Set.of(Locale.ENGLISH, Locale.GERMAN);
        assertThat(m.language()).isIn(had).isEqualTo(expected(reader, frenchHost));
        // and the text is really in it: a French body only for French, a German one only for German
        boolean frenchText = (m.body() + m.subject()).contains("[fr]");
        assertThat(frenchText).isEqualTo(m.language().equals(Locale.FRENCH));
    }

    @Example
    void aFrenchReaderWithoutAFrenchSourceGetsEnglishNamedEnglish() {
        Message m = Texts.shipped().notification(request(NotificationKind.ESCALATION_CONFIRMED), Locale.FRANCE, BERLIN);
        assertThat(m.body()).startsWith("Your escalation of case C-1 was received");
        assertThat(m.language()).isEqualTo(Locale.ENGLISH);
    }

    @Example
    void aGermanReaderGetsGerman() {
        Message m =
                Texts.shipped().notification(request(NotificationKind.ESCALATION_CONFIRMED), Locale.GERMANY, BERLIN);
        assertThat(m.language()).isEqualTo(Locale.GERMAN);
    }

    @Example
    void aHostSourceWithTheSubjectOnlyLeavesTheBodyAndItsLanguageEnglish() {
        Texts texts = Texts.of(
                BERLIN,
                List.of(TextSource.of(
                        Locale.FRENCH,
                        Map.of("notification.ESCALATION_CONFIRMED.subject", "escalade confirmée ({0})"))));
        Message m = texts.notification(request(NotificationKind.ESCALATION_CONFIRMED), Locale.FRENCH, BERLIN);
        assertThat(m.subject()).contains("escalade confirmée");
        assertThat(m.body()).startsWith("Your escalation of case C-1 was received");
        assertThat(m.language()).isEqualTo(Locale.ENGLISH); // the body decides
    }

    @Example
    void aHostSourceForEveryReaderWhoNamesNoLanguageIsUndetermined() {
        Texts texts = Texts.of(BERLIN, List.of(TextSource.of(Locale.ROOT, FRENCH)));
        Message m = texts.notification(request(NotificationKind.ESCALATION_CONFIRMED), Locale.ROOT, BERLIN);
        assertThat(m.language()).isEqualTo(Locale.ROOT);
        // a reader who names one: the source answered for them, so it is taken to be in their language
        Message it = texts.notification(request(NotificationKind.ESCALATION_CONFIRMED), Locale.ITALY, BERLIN);
        assertThat(it.language()).isEqualTo(Locale.ITALIAN);
    }
}
