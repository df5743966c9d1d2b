package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.HotlineNumber;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hotline numbers are shown in hotline advice on every channel (a subject, a portal message PostgreSQL stores, a
 * text message): a label or number with a control character (a line break too) or an unpaired surrogate is refused
 * by the builder, naming the number and the component, and the builder keeps the numbers it had. (A NUL made the
 * portal's advice message fail on PostgreSQL until it was dead-lettered.)
 */
class HotlineNumberProperties {
    private static final HotlineNumber GERMANY = new HotlineNumber("Germany", "+49 911 2399 110");

    @Property(tries = 1000)
    void aNumberOrLabelThatIsNotOneLineOfTextIsRefusedAndChangesNothing(
            @ForAll("unshowable") String text, @ForAll boolean inLabel) {
        EscalationEngineBuilder builder = EscalationEngine.builder().hotline(GERMANY);
        HotlineNumber bad = inLabel ? new HotlineNumber(text, "+43 1 234") : new HotlineNumber("Austria", text);

        assertThatThrownBy(() -> builder.hotline(GERMANY, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("hotline[1]." + (inLabel ? "label" : "number") + " must");
        assertThat(builder.hotline).containsExactly(GERMANY);
    }

    @Property(tries = 1000)
    void oneLineOfPrintableTextIsTaken(@ForAll("showable") String label, @ForAll("showable") String number) {
        HotlineNumber h = new HotlineNumber(label, number);

        assertThat(EscalationEngine.builder().hotline(GERMANY, h).hotline).isEqualTo(List.of(GERMANY, h));
    }

    @Provide
    Arbitrary<String> showable() {
        return Arbitraries.strings()
                .withChars("+0123456789 ()-/äöüßéЖ漢\u00a0")
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(60)
                .filter(s -> !s.replace('\u00a0', ' ').isBlank()); // a no-break space is blank too
    }

    @Provide
    Arbitrary<String> unshowable() {
        Arbitrary<String> printable =
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> bad = Arbitraries.of(
                "\u0000", "\n", "\r\n", "\t", "\u001b", "\u007f", "\u0085", "\u009f", "\ud800", "\udc00");
        return Combinators.combine(printable, bad, printable).as((a, b, c) -> a + b + c);
    }
}
