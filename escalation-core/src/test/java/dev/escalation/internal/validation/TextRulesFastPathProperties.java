package dev.escalation.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The printable-ASCII fast path of {@link TextRules} answers exactly as its rules checked one after the other. */
class TextRulesFastPathProperties {

    @Property(tries = 3000)
    void textProblemEqualsTheRules(
            @ForAll("texts") String s,
            @ForAll @IntRange(min = 0, max = 40) int max,
            @ForAll boolean required,
            @ForAll boolean singleLine) {
        assertThat(TextRules.textProblem(s, max, required, singleLine))
                .isEqualTo(TextRules.slowTextProblem(s, max, required, singleLine));
    }

    @Property(tries = 3000)
    void idProblemEqualsTheRules(
            @ForAll("texts") String s, @ForAll @IntRange(min = 0, max = 40) int max, @ForAll boolean formatCharacters) {
        assertThat(TextRules.idProblem(s, max, formatCharacters))
                .isEqualTo(TextRules.slowIdProblem(s, max, formatCharacters));
        if (!formatCharacters) {
            assertThat(TextRules.idProblem(s, max)).isEqualTo(TextRules.slowIdProblem(s, max, false));
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().range(' ', '~')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(' ', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f')),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.of('\u0085', '\u00a0', '\u200b', '\u3164', '\ufeff', 'é', '日', '\u2028')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\ud83d', '\ude00', '\udbff', '\udc00')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\u202a', '\u202c', '\u202e', '\u2067', '\u2069', '\u200f')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
        return chars.list().ofMaxSize(45).map(l -> {
            StringBuilder b = new StringBuilder(l.size());
            l.forEach(b::append);
            return b.toString();
        });
    }
}
