package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.Withdraw;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The text rules of every free text in every command, checked through the engine's validator: control characters
 * other than line breaks and tabs (in a name, any control character) and unpaired surrogates are refused
 * ({@code Text}), a required text that is blank in
 * Unicode terms is refused ({@code NotBlank}), a text over its documented maximum is refused ({@code Size}), and any
 * other text up to the maximum passes.
 */
class SafeTextProperties {
    private static final EscalationId E = EscalationId.of("E-1");
    private static final CommandValidator VALIDATOR = CommandValidator.withDefaultFactory();

    /** One free text of one command: how to build the command around it, the field, its maximum, required or not. */
    record Field(String name, int max, boolean required, boolean singleLine, Function<String, Object> command) {
        Field(String name, int max, boolean required, Function<String, Object> command) {
            this(name, max, required, false, command);
        }

        @Override
        public String toString() {
            return name + "(" + max + (required ? ", required" : "") + (singleLine ? ", one line)" : ")");
        }
    }

    private static boolean hasLineBreakOrTab(String s) {
        return s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0
                || s.indexOf('\t') >= 0
                || s.indexOf('\u2028') >= 0
                || s.indexOf('\u2029') >= 0;
    }

    static final List<Field> FIELDS = List.of(
            new Field(
                    "message", 4000, true, t -> new EscalateCase(World.C1, t, Cause.COMPLAINT, Criticality.LOW, null)),
            new Field("note", 2000, true, t -> new Acknowledge(E, StaffId.of("eve"), t)),
            new Field("reason", 2000, true, t -> new ReassignManager(E, StaffId.of("eve"), t)),
            new Field(
                    "reason",
                    2000,
                    true,
                    t -> new AmendPlan(E, Duration.ofDays(1), Channel.PHONE, Instant.parse("2030-01-01T00:00:00Z"), t)),
            new Field("text", 4000, true, t -> new LogProgress(E, LogProgress.Kind.NOTE, t, Visibility.INTERNAL)),
            new Field("displayName", 200, false, true, t -> AddParticipant.external(E, t, "a@b.example")),
            new Field("email", 254, false, t -> new AddParticipant(E, Party.Kind.EXTERNAL, null, "Name", t)),
            new Field("reason", 2000, true, t -> new RemoveParticipant(E, "eve", t)),
            new Field("justification", 2000, false, t -> new ChangeCriticality(E, Criticality.LOW, t)),
            new Field("reason", 2000, true, t -> new PauseClock(E, t)),
            new Field("note", 2000, false, t -> new ResumeClock(E, t)),
            new Field("summary", 4000, true, t -> new Resolve(E, t)),
            new Field("reason", 4000, true, t -> new Reopen(E, t)),
            new Field("findings", 8000, true, t -> new RecordLessonsLearned(E, t, List.of())),
            new Field(
                    "actions[0].description",
                    2000,
                    true,
                    t -> new RecordLessonsLearned(E, "f", List.of(new RecordLessonsLearned.Action(t, "owner")))),
            new Field(
                    "actions[0].owner",
                    200,
                    true,
                    true,
                    t -> new RecordLessonsLearned(E, "f", List.of(new RecordLessonsLearned.Action("d", t)))),
            new Field("reason", 2000, false, t -> new DeclineLessonsLearned(E, t)),
            new Field("note", 2000, false, t -> new Close(E, t)),
            new Field("reason", 2000, true, t -> new Withdraw(E, t)));

    private static void refused(Field f, String text, String rule) {
        assertThatThrownBy(() -> VALIDATOR.check(f.command().apply(text), List.of()))
                .as(f.toString())
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::rule)
                                .contains(org.assertj.core.groups.Tuple.tuple(f.name(), rule)));
    }

    /** A text with a forbidden control character anywhere is refused with the rule Text. */
    @Property
    void controlCharactersAreRefused(
            @ForAll("fields") Field f, @ForAll("letters") String before, @ForAll("controls") char c) {
        refused(f, before + c + "x", "Text");
    }

    /** A text with a lone surrogate anywhere is refused with the rule Text. */
    @Property
    void unpairedSurrogatesAreRefused(
            @ForAll("fields") Field f, @ForAll("letters") String before, @ForAll("surrogates") char c) {
        refused(f, before + c, "Text");
        refused(f, c + before, "Text");
    }

    /** A required text of only Unicode spaces and invisible fillers is blank. */
    @Property
    void unicodeBlanksAreBlank(@ForAll("fields") Field f, @ForAll("blanks") String blank) {
        if (f.singleLine() && hasLineBreakOrTab(blank)) {
            refused(f, blank, "Text"); // a name may not have line breaks or tabs, blank or not
        } else if (f.required()) {
            refused(f, blank, "NotBlank");
        }
    }

    /** A text over its maximum is refused with the rule Size; at the maximum it passes. */
    @Property(tries = 50)
    void textsHaveADocumentedMaximum(@ForAll("fields") Field f) {
        String unit = f.name().equals("email") ? "a@b.example" : "x";
        String atMax = f.name().equals("email")
                ? "a".repeat(64) + "@" + "b".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(61)
                : "x".repeat(f.max());
        assertThat(atMax).hasSize(f.max());
        refused(f, atMax + unit, "Size");
        assertThatCode(() -> VALIDATOR.check(f.command().apply(atMax), List.of()))
                .as(f.toString())
                .doesNotThrowAnyException();
    }

    /**
     * Texts of printable characters, line breaks and tabs (no e-mail fields here) pass; in a name, a line break or
     * tab is refused with the rule Text, and the same text on one line passes.
     */
    @Property
    void printableTextsWithLineBreaksPass(@ForAll("fields") Field f, @ForAll("printable") String text) {
        if (f.singleLine() && hasLineBreakOrTab(text)) {
            refused(f, text, "Text");
            String oneLine = text.replaceAll("[\\n\\r\\t\\u2028\\u2029]", " ");
            assertThatCode(() -> VALIDATOR.check(f.command().apply(oneLine), List.of()))
                    .as(f.toString())
                    .doesNotThrowAnyException();
        } else if (!f.name().equals("email")) {
            assertThatCode(() -> VALIDATOR.check(f.command().apply(text), List.of()))
                    .as(f.toString())
                    .doesNotThrowAnyException();
        }
    }

    @Provide
    Arbitrary<Field> fields() {
        return Arbitraries.of(FIELDS);
    }

    @Provide
    Arbitrary<String> letters() {
        return Arbitraries.strings().alpha().ofMaxLength(20);
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f').filter(c -> c != '\n' && c != '\r' && c != '\t'),
                Arbitraries.chars().range('\u007f', '\u009f'));
    }

    @Provide
    Arbitrary<Character> surrogates() {
        return Arbitraries.chars().range('\ud800', '\udfff');
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.strings()
                .withChars(
                        " \t\n\r\u00a0\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200d\u2060\ufeff")
                .ofMaxLength(20);
    }

    /** Letters (including astral ones) and digits with spaces, line breaks and tabs; at least one letter. */
    @Provide
    Arbitrary<String> printable() {
        Arbitrary<String> astral =
                Arbitraries.integers().between(0x1F600, 0x1F64F).map(cp -> new String(Character.toChars(cp)));
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(10),
                Arbitraries.of(" ", "\n", "\r\n", "\t", "ä", "漢字", "\u00a0"),
                astral);
        return Combinators.combine(
                        Arbitraries.strings().alpha().ofLength(1), piece.list().ofMaxSize(10))
                .as((first, rest) -> first + String.join("", rest))
                .filter(s -> s.length() <= 200);
    }
}
