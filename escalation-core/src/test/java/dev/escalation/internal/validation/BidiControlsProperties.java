package dev.escalation.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.internal.BidiControls;
import java.util.Date;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link BidiControls}' allocation-free scan answers as the tests' plain model of UAX #9's pairing ({@link BidiModel})
 * for any arrangement of the controls, paragraph separators and nesting up to and past 125; neutralising replaces
 * exactly the unmatched controls, leaves a balanced text the same instance, and is the SPI's rule for directory texts.
 */
class BidiControlsProperties {

    /** Texts of the model's kinds, with paragraph separators of every kind, and deep nests around 125. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> separators = Arbitraries.of("\n", "\r", "\r\n", "\u2029", "\u001C", "\u001E", "\u0085");
        Arbitrary<String> lines = Combinators.combine(BidiModel.texts(true), separators, BidiModel.texts(false))
                .as((a, sep, b) -> a + sep + b);
        Arbitrary<String> deep = Combinators.combine(
                        Arbitraries.integers().between(120, 130),
                        Arbitraries.integers().between(120, 130),
                        Arbitraries.of("\u202B", "\u2067", "\u2067\u202A"),
                        Arbitraries.of("\u202C", "\u2069"))
                .as((open, close, opener, closer) -> "x" + opener.repeat(open) + "y" + closer.repeat(close));
        Arbitrary<String> any = Arbitraries.strings()
                .withChars(BidiModel.CONTROLS + BidiModel.MARKS + "a \n\u2029\u2028\u2060\u202F")
                .ofMaxLength(30);
        return Arbitraries.frequencyOf(
                Tuple.of(4, BidiModel.texts(true)), Tuple.of(2, lines), Tuple.of(1, deep), Tuple.of(3, any));
    }

    @Property(tries = 5000)
    void theScanAnswersAsTheModel(@ForAll("texts") String s) {
        assertThat(BidiControls.balanced(s)).as(s).isEqualTo(BidiModel.balanced(s));
    }

    @Property(tries = 5000)
    void neutralisingReplacesExactlyTheUnmatchedControls(@ForAll("texts") String s) {
        String n = BidiControls.neutralised(s);
        assertThat(n).isEqualTo(BidiModel.neutralised(s));
        assertThat(BidiControls.balanced(n)).isTrue();
        if (BidiModel.balanced(s)) {
            assertThat(n).isSameAs(s);
        }
    }

    /**
     * The SPI cleans directory texts by the same rule: where a directory text has no character the records replace for
     * other reasons (controls, line breaks, unpaired surrogates), its title is the text neutralised; and every title
     * passes the engine's check.
     */
    @Property(tries = 3000)
    void directoryTextsFollowTheSameRule(@ForAll("texts") String s) {
        String title = new SupportCase(CaseId.of("C-1"), CustomerId.of("acme"), s).title();
        assertThat(BidiControls.balanced(title)).isTrue();
        if (s.chars().noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
            assertThat(title).isEqualTo(BidiControls.neutralised(s));
        }
    }

    @Example
    void patternArgumentsAreCopiedOnlyWhenOneChanges() {
        Object[] plain = {"Eve", 3L, new Date(0), null, "\u2067\u05D0\u2069"};
        assertThat(BidiControls.neutralised(plain)).isSameAs(plain);
        Object[] hostile = {"Eve", 3L, new StringBuilder("x\u202E"), "\u202Bok"};
        Object[] out = BidiControls.neutralised(hostile);
        assertThat(out).containsExactly("Eve", 3L, "x\uFFFD", "\uFFFDok");
        assertThat(hostile[3]).isEqualTo("\u202Bok");
    }
}
