package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Ids must not hide characters: every invisible formatting character of Unicode (category Cf — zero-width characters,
 * bidirectional overrides and isolates, the soft hyphen, the byte-order mark, tag characters) anywhere in an id of a
 * command, of an actor or of a read is refused as {@code INVALID_COMMAND} with the rule {@code Id}, before any port is
 * asked and with nothing stored; ids in any script without them pass.
 */
class InvisibleIdCharacterProperties {

    /** Every code point of category Cf (about 170, some outside the Basic Multilingual Plane). */
    private static final List<Integer> FORMAT = IntStream.rangeClosed(0, Character.MAX_CODE_POINT)
            .filter(cp -> Character.getType(cp) == Character.FORMAT)
            .boxed()
            .toList();

    @Property(tries = 200)
    void anIdWithAnInvisibleFormattingCharacterIsRefused(
            @ForAll("format") int cp, @ForAll("visible") String visible, @ForAll("positions") int position) {
        String hidden = Character.toString(cp);
        String id = switch (position) {
            case 0 -> hidden + visible;
            case 1 -> visible + hidden;
            default -> visible.substring(0, 1) + hidden + visible.substring(1);
        };
        World w = new World();
        int writes = w.recording.writes();

        assertRefused(
                () -> w.engine.escalate(
                        World.INA,
                        new EscalateCase(
                                CaseId.of(id), "The nightly load fails", Cause.COMPLAINT, Criticality.LOW, null)),
                "caseId");
        assertRefused(() -> w.engine.escalate(Actor.contact(id), World.escalateC1()), "actor.id");
        assertRefused(
                () -> w.engine.acknowledge(
                        World.SAM, new Acknowledge(EscalationId.of(id), StaffId.of("eve"), "Called")),
                "escalation");
        assertRefused(
                () -> w.engine.acknowledge(
                        World.SAM, new Acknowledge(EscalationId.of("E-1"), StaffId.of(id), "Called")),
                "manager");
        assertRefused(() -> w.engine.find(World.SAM, EscalationId.of(id)), "id");
        assertRefused(() -> w.engine.find(Actor.staff(id), EscalationId.of("E-1")), "actor.id");

        assertThat(w.recording.writes()).isEqualTo(writes);
    }

    @Property(tries = 200)
    void idsInAnyScriptWithoutThemPass(@ForAll("visible") String id) {
        assertThat(TextRules.idProblem(id, TextRules.ID_MAX)).isNull();
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::rule, Violation::message)
                                .containsExactly(tuple(field, "Id", TextRules.ID_FORMAT)));
    }

    @Provide
    Arbitrary<Integer> format() {
        return Arbitraries.of(FORMAT);
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 2);
    }

    /** Letters and digits of several scripts, punctuation ids use, some with an emoji (a surrogate pair). */
    @Provide
    Arbitrary<String> visible() {
        return Arbitraries.strings()
                .withChars("aZ09-_.:@/#\u00E4\u00DF\u00E9\u0416\u05D0\u0627\u4E2D\u3042\uAC00")
                .ofMinLength(2)
                .ofMaxLength(40)
                .map(s -> s.length() % 3 == 0 ? s + "\uD83D\uDE00" : s);
    }
}
