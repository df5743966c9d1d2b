package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What the adapter sends Redmine in place of a too-long subject or name: the longest prefix that fits and ends after
 * a whole user-perceived character (a grapheme cluster: a letter with its accents, an emoji with its skin tone, a flag,
 * a family joined by zero-width joiners). Redmine refuses half a character with 400 ({@code RedmineTicketingTest}
 * shows it on a real Redmine); a cut inside a cluster makes "Zoë" (an e and a combining diaeresis) read "Zoe", a flag a
 * lone letter, a family one person and a dangling joiner. Only a first cluster longer than the limit is cut inside,
 * after a whole code point. Runs everywhere.
 */
class CutProperties {
    private static final Pattern CLUSTER = Pattern.compile("\\X");

    /** Where the clusters of {@code text} end. */
    private static List<Integer> ends(String text) {
        List<Integer> ends = new ArrayList<>();
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            ends.add(m.end());
        }
        return ends;
    }

    @Property(tries = 2000)
    void theCutIsTheLongestWholeClusterPrefixThatFits(
            @ForAll("text") String text, @ForAll @IntRange(min = 1, max = 300) int max) {
        String cut = RedmineTicketing.cut(text, max);

        assertThat(text).startsWith(cut);
        assertThat(cut.length()).isLessThanOrEqualTo(max);
        if (text.length() <= max) {
            assertThat(cut).isEqualTo(text);
            return;
        }
        List<Integer> ends = ends(text);
        int fits = ends.stream()
                .filter(e -> e <= max)
                .mapToInt(Integer::intValue)
                .max()
                .orElse(0);
        if (fits > 0) {
            assertThat(cut.length()).as("the longest prefix of whole clusters").isEqualTo(fits);
        } else { // the first cluster alone is longer: whole code points (none if the first is longer)
            assertThat(cut.codePoints().noneMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                    .as("no half character")
                    .isTrue();
            int next = text.codePointAt(cut.length());
            assertThat(cut.length() + Character.charCount(next)).isGreaterThan(max);
        }
    }

    @Example
    void aLetterWithItsAccentsAFlagAndAFamilyStayWhole() {
        assertThat(RedmineTicketing.cut("Zoe\u0308 Example", 3)).isEqualTo("Zo");
        assertThat(RedmineTicketing.cut("Team \uD83C\uDDE9\uD83C\uDDEA", 7)).isEqualTo("Team ");
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertThat(RedmineTicketing.cut("x" + family + "y", 8)).isEqualTo("x");
        assertThat(RedmineTicketing.cut("x" + family + "y", 9)).isEqualTo("x" + family);
        // one cluster longer than the limit: cut after whole code points, never empty
        assertThat(RedmineTicketing.cut("e" + "\u0301".repeat(40), 30)).isEqualTo("e" + "\u0301".repeat(29));
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> character = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z').map(String::valueOf),
                Arbitraries.of(
                        "ä",
                        "漢",
                        "😀",
                        "𝓐",
                        "👩‍💻",
                        "e\u0301",
                        "e\u0301\u0302\u0303",
                        "\uD83C\uDDE9\uD83C\uDDEA",
                        "\uD83D\uDC4D\uD83C\uDFFD",
                        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
                        "\u202E",
                        "\u200B",
                        "\r\n",
                        "a" + "\u0301".repeat(12)));
        return character.list().ofMaxSize(320).map(parts -> String.join("", parts));
    }
}
