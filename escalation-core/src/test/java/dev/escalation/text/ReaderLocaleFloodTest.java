package dev.escalation.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A host passes its readers' locales to {@link Texts} as it gets them, often from a request's {@code Accept-Language}
 * header: a client that sends a new tag at every request must not make the texts keep something for each. Before, the
 * shipped bundles were remembered per language tag tried, found or not, without a bound: every new tag kept two
 * entries ({@code qqab_ZZ} and {@code qqab}) for as long as the JVM ran.
 */
class ReaderLocaleFloodTest {

    /** A well-formed tag no bundle has: {@code qa..qz}, three more letters, a region {@code AA..ZZ}. */
    private static Locale stranger(int n) {
        StringBuilder language = new StringBuilder("q");
        int rest = n;
        for (int i = 0; i < 4; i++) {
            language.append((char) ('a' + rest % 26));
            rest /= 26;
        }
        String region = "" + (char) ('A' + rest % 26) + (char) ('A' + (rest / 26) % 26);
        return new Locale.Builder()
                .setLanguage(language.toString())
                .setRegion(region)
                .build();
    }

    @Test
    void newLanguageTagsAtEveryCallKeepABoundedNumberOfBundleLookUps() {
        int flood = 3 * ShippedBundles.MAX_ABSENT;
        for (int n = 0; n < flood; n++) {
            Locale reader = stranger(n);
            assertThat(Texts.shipped().duration(Duration.ofDays(2), reader)).isEqualTo("2 days");
        }
        assertThat(ShippedBundles.known())
                .as("bundle look-ups kept after %d new tags", flood)
                .isLessThanOrEqualTo(ShippedBundles.MAX_ABSENT + 2);
        // the shipped bundles themselves are still kept and found
        assertThat(Texts.shipped().duration(Duration.ofDays(2), Locale.GERMANY)).isEqualTo("2 Tage");
        assertThat(ShippedBundles.of("de"))
                .isPresent()
                .containsSame(ShippedBundles.of("de").orElseThrow());
    }
}
