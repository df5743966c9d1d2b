package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.SafeTextProperties.Field;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.internal.validation.BidiModel;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Visibility;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * "Trojan Source" texts: a free text or a name may contain Unicode's bidirectional embeddings, overrides and isolates
 * only in matching pairs within each paragraph (UAX #9's pairing; at most 125 deep), so that it cannot reorder the
 * text that follows it wherever it is shown. Any other arrangement is {@code INVALID_COMMAND} with the rule
 * {@code BidiBalanced} (code {@code <field>.BidiBalanced}) and nothing is applied; balanced ones and the implicit
 * marks (LRM, RLM, ALM) pass. Which arrangements are balanced is decided by the tests' own model ({@link BidiModel}).
 */
class BidiTextProperties {
    private static final EscalationId E = EscalationId.of("E-1");
    private static final CommandValidator VALIDATOR = CommandValidator.withDefaultFactory();

    /** Every free text and name of every command but the e-mail address (an address has rules of its own). */
    @Provide
    Arbitrary<Field> fields() {
        return Arbitraries.of(SafeTextProperties.FIELDS.stream()
                .filter(f -> !f.name().equals("email"))
                .toList());
    }

    /** Texts of every field's length: up to 200 characters, the shortest maximum (a name's). */
    @Provide
    Arbitrary<String> multiLine() {
        return BidiModel.texts(true).filter(s -> s.length() <= 200);
    }

    @Provide
    Arbitrary<String> oneLine() {
        return BidiModel.texts(false).filter(s -> s.length() <= 200);
    }

    private static String code(Field f) {
        return f.name().replaceAll("\\[\\d+]", "") + ".BidiBalanced";
    }

    @Property(tries = 3000)
    void balancedControlsPassAndAnyOtherArrangementIsRefused(
            @ForAll("fields") Field f, @ForAll("multiLine") String lines, @ForAll("oneLine") String line) {
        String text = f.singleLine() ? line : lines;
        boolean balanced = BidiModel.balanced(text);
        Statistics.label("text").collect(balanced ? "balanced" : "unbalanced");
        Statistics.label("text").coverage(c -> {
            c.check("balanced").percentage(p -> p >= 20);
            c.check("unbalanced").percentage(p -> p >= 20);
        });
        Object command = f.command().apply(text);
        if (balanced) {
            assertThatCode(() -> VALIDATOR.check(command, List.of()))
                    .as("%s %s", f, CommandArbitraries.describe(text))
                    .doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> VALIDATOR.check(command, List.of()))
                    .as("%s %s", f, CommandArbitraries.describe(text))
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(Violation::field, Violation::rule, Violation::code)
                                    .containsExactly(tuple(f.name(), "BidiBalanced", code(f))));
        }
    }

    /** Through the engine: the refusal comes before any port is asked, and nothing is stored or sent. */
    @Property(tries = 60)
    void aRefusedTextChangesNothing(@ForAll("multiLine") String text) {
        if (BidiModel.balanced(text)) {
            return;
        }
        World w = new World();
        int writes = w.recording.writes();
        assertRefused(
                () -> w.engine.escalate(
                        World.INA, new EscalateCase(World.C1, text, Cause.COMPLAINT, Criticality.LOW, null)),
                "message");
        assertThat(w.recording.writes()).isEqualTo(writes);
        w.assertRecordedNothing("a message that spills");

        EscalationId id = w.active();
        long version = w.stored(id).version();
        int entries = w.log(id).size();
        long pending = w.pending();
        int writesBefore = w.recording.writes();
        assertRefused(
                () -> w.engine.logProgress(
                        World.EVE, new LogProgress(id, LogProgress.Kind.NOTE, text, Visibility.CUSTOMER)),
                "text");
        assertRefused(() -> w.engine.operations().recordCalendarChange(World.SAM, text), "reason");
        assertThat(w.recording.writes()).isEqualTo(writesBefore);
        assertThat(w.stored(id).version()).isEqualTo(version);
        assertThat(w.log(id)).hasSize(entries);
        assertThat(w.pending()).isEqualTo(pending);
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidCommandException.class, e -> {
            assertThat(e.code()).isEqualTo("INVALID_COMMAND");
            assertThat(e.violations())
                    .extracting(Violation::field, Violation::rule, Violation::code)
                    .containsExactly(tuple(field, "BidiBalanced", field + ".BidiBalanced"));
        });
    }

    private static void refused(Object command, String field, String code) {
        refused(command, field, "BidiBalanced", code);
    }

    private static void refused(Object command, String field, String rule, String code) {
        assertThatThrownBy(() -> VALIDATOR.check(command, List.of()))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::rule, Violation::code)
                                .containsExactly(tuple(field, rule, code)));
    }

    private static void accepted(Object command) {
        assertThatCode(() -> VALIDATOR.check(command, List.of())).doesNotThrowAnyException();
    }

    private static LogProgress note(String text) {
        return new LogProgress(E, LogProgress.Kind.NOTE, text, Visibility.INTERNAL);
    }

    @Example
    void anUnterminatedOverrideInAFreeTextIsRefused() {
        refused(note("Invoice \u202Egnp.exe"), "text", "text.BidiBalanced");
        refused(
                new EscalateCase(World.C1, "see \u2067attachment", Cause.COMPLAINT, Criticality.LOW, null),
                "message",
                "message.BidiBalanced");
    }

    @Example
    void namesFollowTheSameRule() {
        refused(AddParticipant.external(E, "Eve \u202E", "eve@example.org"), "displayName", "displayName.BidiBalanced");
        refused(
                new RecordLessonsLearned(E, "f", List.of(new RecordLessonsLearned.Action("d", "\u202Bowner"))),
                "actions[0].owner",
                "actions.owner.BidiBalanced");
        refused(
                new RecordLessonsLearned(E, "f", List.of(new RecordLessonsLearned.Action("\u2068d", "owner"))),
                "actions[0].description",
                "actions.description.BidiBalanced");
        accepted(AddParticipant.external(E, "\u2067\u05D0\u05D1\u2069 Eve", "eve@example.org"));
    }

    @Example
    void rightToLeftTextNeedsNoControlsAndMarksStayAllowed() {
        accepted(note("\u0645\u0631\u062D\u0628\u0627 world \u05E9\u05DC\u05D5\u05DD"));
        accepted(note("abc\u200F def\u200E \u061C1"));
        accepted(note("file \u2067\u0645\u0644\u0641.txt\u2069 is \u202Bok\u202C"));
    }

    @Example
    void thePairingIsUnicodes() {
        refused(note("a\u2067b\u202Cc\u2069"), "text", "text.BidiBalanced"); // a PDF does not close an isolate
        accepted(note("a\u2067b\u202Bc\u202Dd\u2069e")); // a PDI closes the embeddings inside its isolate
        refused(note("a\u202Cb"), "text", "text.BidiBalanced"); // a PDF that closes nothing
        refused(note("a\u2069b"), "text", "text.BidiBalanced"); // a PDI that closes nothing
        refused(note("a\u202Eb\nc\u202C"), "text", "text.BidiBalanced"); // a paragraph ends what it opened
        refused(note("a\u202Eb\u2029c\u202C"), "text", "text.BidiBalanced");
        accepted(note("a\u202Eb\u202C\nc\u2066d\u2069"));
        accepted(note("a\u202Eb\u2028c\u202C")); // a line separator does not end the paragraph
    }

    @Example
    void atMost125Deep() {
        accepted(note("x" + "\u202B".repeat(125) + "y" + "\u202C".repeat(125)));
        refused(note("x" + "\u202B".repeat(126) + "y" + "\u202C".repeat(126)), "text", "text.BidiBalanced");
        accepted(note("x" + "\u2067\u202A".repeat(62) + "\u2067y" + "\u2069".repeat(63)));
        refused(note("x" + "\u2067\u202A".repeat(63) + "y" + "\u2069".repeat(63)), "text", "text.BidiBalanced");
    }

    /** The other rules come first: a text too long or with a control character keeps its rule. */
    @Example
    void theOtherRulesComeFirst() {
        refused(note("\u202E" + "x".repeat(4000)), "text", "Size", "text.Size");
        refused(note("\u202Ex\u0000"), "text", "Text", "text.Text");
        refused(note("\u202Ex\uD800"), "text", "Text", "text.Text");
    }
}
