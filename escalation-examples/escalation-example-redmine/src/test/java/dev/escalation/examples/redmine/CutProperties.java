package dev.escalation.examples.redmine;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What the adapter sends Redmine in place of a too-long subject or name: the longest prefix that fits and does not end
 * in half a character (Redmine refuses half a character with 400; {@code RedmineTicketingTest} shows it on a real
 * Redmine). Runs everywhere.
 */
class CutProperties {

    @Property(tries = 2000)
    void theCutIsTheLongestWholeCharacterPrefixThatFits(
            @ForAll("text") String text, @ForAll @IntRange(min = 1, max = 300) int max) {
        String cut = RedmineTicketing.cut(text, max);

        assertThat(text).startsWith(cut);
        assertThat(cut.length()).isLessThanOrEqualTo(max);
        if (!cut.isEmpty()) {
            assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1)))
                    .as("ends after a whole character")
                    .isFalse();
        }
        if (text.length() > max) {
            int next = text.codePointAt(cut.length());
            assertThat(cut.length() + Character.charCount(next))
                    .as("the next whole character would not fit")
                    .isGreaterThan(max);
        } else {
            assertThat(cut).isEqualTo(text);
        }
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> character = Arbitraries.oneOf(
                Arbitraries.chars().range('a', 'z').map(String::valueOf),
                Arbitraries.of("ä", "漢", "😀", "𝓐", "👩‍💻"));
        return character.list().ofMaxSize(320).map(parts -> String.join("", parts));
    }
}
