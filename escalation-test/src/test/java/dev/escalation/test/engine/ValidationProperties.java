package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.EscalationReceipt;
import dev.escalation.InvalidCommandException;
import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.EscalateCase;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.test.Scenario;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeTry;

/** Validation over generated input: invalid values are refused naming the field; valid ones are kept unchanged. */
class ValidationProperties {

    /**
     * The Hangul fillers: letters by their Unicode category (Lo), but invisible, and blank by the documented rule
     * (as are the white space and the other invisible fillers the blank messages below are made of).
     */
    private static final Set<Integer> INVISIBLE_LETTERS = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0);

    private Scenario w = Cast.world();

    @BeforeTry
    void freshWorld() {
        w = Cast.world();
    }

    /**
     * Any message that is blank in Unicode terms, longer than 4,000 characters, or has a control character other than
     * a line break or tab, an unpaired surrogate or a bidirectional control without its pair is refused with the
     * message field named.
     */
    @Property(tries = 100)
    void invalidMessagesAreRefusedAndChangeNothing(@ForAll("invalidMessages") String message) {
        assertThatThrownBy(() -> w.engine()
                        .escalate(INA, new EscalateCase(Cast.C1, message, Cause.COMPLAINT, Criticality.LOW, null)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .allSatisfy(v -> assertThat(v.field()).isEqualTo("message")));
        assertThat(w.store().size()).isZero();
    }

    /**
     * Any message up to 4,000 characters that is not blank in Unicode terms and has no control characters other than
     * line breaks and tabs, no unpaired surrogates and no explicit bidirectional controls (their pairs are drawn by
     * the core's {@code BidiTextProperties}) is accepted and stored unchanged.
     */
    @Property(tries = 100)
    void validMessagesAreStoredUnchanged(@ForAll("validMessages") String message) {
        EscalationReceipt r =
                w.engine().escalate(INA, new EscalateCase(Cast.C1, message, Cause.COMPLAINT, Criticality.LOW, null));
        assertThat(Cast.stored(w, r.escalation()).message()).isEqualTo(message);
    }

    /**
     * A message of a Hangul filler and a space is blank although the filler is a letter by its category: the case a
     * generated "valid" message once hit (jqwik seed 7885261361248914026, sample U+FFA0 then a space).
     */
    @Example
    void aHangulFillerIsNoMessage() {
        for (int filler : INVISIBLE_LETTERS) {
            String message = Character.toString(filler) + " ";
            assertThatThrownBy(() -> w.engine()
                            .escalate(INA, new EscalateCase(Cast.C1, message, Cause.COMPLAINT, Criticality.LOW, null)))
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::field, Violation::message)
                                    .containsExactly(tuple("message", "must not be blank")));
        }
        assertThat(w.store().size()).isZero();
    }

    /** Submission ids outside the documented alphabet or length are refused, naming the field. */
    @Property(tries = 100)
    void badSubmissionIdsAreRefused(@ForAll("badSubmissionIds") String submissionId) {
        assertThatThrownBy(() -> w.engine()
                        .escalate(INA, new EscalateCase(Cast.C1, "m", Cause.COMPLAINT, Criticality.LOW, submissionId)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsOnly("submissionId"));
    }

    @Provide
    Arbitrary<String> invalidMessages() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withChars(" \t\n\r\u00a0\u2003\u3000\u200b\u2007\u202f\ufeff"
                                + "\u115f\u1160\u3164\uffa0\u2800\u180e\u200c\u200d\u2060")
                        .ofMinLength(0)
                        .ofMaxLength(20),
                Arbitraries.strings().alpha().ofMinLength(4001).ofMaxLength(6000),
                Arbitraries.strings()
                        .alpha()
                        .ofMaxLength(30)
                        .flatMap(s -> Arbitraries.of('\u0000', '\u001b', '\u007f', '\u0085', '\ud800', '\udc00')
                                .map(c -> s + c + s)),
                Arbitraries.strings() // one bidirectional control without its pair
                        .alpha()
                        .ofMinLength(1)
                        .ofMaxLength(30)
                        .flatMap(s -> Arbitraries.of(
                                        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068',
                                        '\u2069')
                                .map(c -> s + c + s)));
    }

    @Provide
    Arbitrary<String> validMessages() {
        return Arbitraries.strings()
                .all()
                .ofMinLength(1)
                .ofMaxLength(4000)
                .map(s -> s.codePoints()
                        .filter(c -> Character.getType(c) != Character.CONTROL || c == '\n' || c == '\r' || c == '\t')
                        .filter(c -> Character.getType(c) != Character.SURROGATE)
                        .filter(c -> !isExplicitBidiControl(c)) // balanced pairs: the core's BidiTextProperties
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString())
                .filter(s ->
                        s.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) && !INVISIBLE_LETTERS.contains(c)));
    }

    /** LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI: allowed in a text only in pairs (rule {@code BidiBalanced}). */
    private static boolean isExplicitBidiControl(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    @Provide
    Arbitrary<String> badSubmissionIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("<>/ ?#&\"'").ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().alpha().ofMinLength(101).ofMaxLength(200),
                Arbitraries.just(""));
    }
}
