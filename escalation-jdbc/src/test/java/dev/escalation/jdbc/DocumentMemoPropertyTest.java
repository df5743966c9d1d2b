package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEscalation;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The memos of parsed documents ({@link DocumentMemo}, {@link EffectMemo}) answer exactly what a fresh parse of the
 * same text answers: after reading, after writing and after the text changed, also when two escalations share a slot.
 */
class DocumentMemoPropertyTest {
    private final Json json = new Json();

    /** The documents of a row as the store writes them. */
    private record Texts(String body, String intake, String hotline, String proposal, String facts) {}

    private Texts texts(StoredEscalation r) {
        return new Texts(
                json.writeBody(body(r)),
                json.writeIntake(r.intake()),
                json.writeOptional(r.hotline()),
                json.writeOptional(r.proposal()),
                json.writeFacts(r.facts()));
    }

    private static Json.EscalationBody body(StoredEscalation r) {
        return new Json.EscalationBody(
                r.message(), r.plan(), r.participants(), r.resolution(), r.lessonsLearned(), r.policy());
    }

    private DocumentMemo.Parsed fresh(Texts t) {
        return new DocumentMemo.Parsed(
                json.readBody(t.body(), Json.FORMAT),
                json.readIntake(t.intake()),
                json.readHotline(t.hotline()),
                json.readProposal(t.proposal()),
                json.readFacts(t.facts()));
    }

    private static DocumentMemo.Parsed read(DocumentMemo memo, String id, Texts t) {
        return memo.read(id, t.body(), Json.FORMAT, t.intake(), t.hotline(), t.proposal(), t.facts());
    }

    private static void wrote(DocumentMemo memo, String id, Texts t, StoredEscalation r) {
        memo.wrote(
                id,
                t.body(),
                body(r),
                t.intake(),
                r.intake(),
                t.hotline(),
                r.hotline(),
                t.proposal(),
                r.proposal(),
                t.facts(),
                r.facts());
    }

    @Provide
    Arbitrary<List<EscalationWrite>> twoCreations() {
        return Fixtures.creations("c", "E-1", "C-1").list().ofSize(2);
    }

    @Provide
    Arbitrary<List<Integer>> steps() {
        // 0: read a, 1: read b, 2: write a, 3: write b; on ids that collide in a slot or not
        return Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 200)
    void everyAnswerEqualsAFreshParseOfTheSameText(
            @ForAll("twoCreations") List<EscalationWrite> writes,
            @ForAll("steps") List<Integer> steps,
            @ForAll boolean otherEscalationInTheSlot) {
        DocumentMemo memo = new DocumentMemo(json);
        StoredEscalation a = writes.get(0).next();
        StoredEscalation b = writes.get(1).next();
        Texts ta = texts(a);
        Texts tb = texts(b);
        String id = "E-1";
        String other = otherEscalationInTheSlot ? collidingWith(id) : id;
        for (int step : steps) {
            switch (step) {
                case 0 -> assertThat(read(memo, id, ta)).isEqualTo(fresh(ta));
                case 1 -> assertThat(read(memo, id, tb)).isEqualTo(fresh(tb));
                case 2 -> wrote(memo, id, ta, a);
                default -> wrote(memo, other, tb, b);
            }
        }
        assertThat(read(memo, id, ta)).isEqualTo(fresh(ta));
        assertThat(read(memo, other, tb)).isEqualTo(fresh(tb));
        assertThat(read(memo, id, tb)).isEqualTo(fresh(tb));
    }

    @Property(tries = 50)
    void anEqualTextIsNotParsedAgain(@ForAll("twoCreations") List<EscalationWrite> writes) {
        DocumentMemo memo = new DocumentMemo(json);
        StoredEscalation a = writes.get(0).next();
        Texts ta = texts(a);
        DocumentMemo.Parsed first = read(memo, "E-1", ta);
        DocumentMemo.Parsed again = read(
                memo,
                "E-1",
                new Texts(new String(ta.body()), ta.intake(), ta.hotline(), ta.proposal(), new String(ta.facts())));
        assertThat(again.body()).isSameAs(first.body());
        assertThat(again.facts()).isSameAs(first.facts());
        wrote(memo, "E-1", ta, a);
        assertThat(read(memo, "E-1", ta).facts()).isSameAs(a.facts());
    }

    /** An id of another escalation in the same slot as {@code id}. */
    private static String collidingWith(String id) {
        for (int i = 0; ; i++) {
            String candidate = "E-" + i;
            if (!candidate.equals(id) && slotOf(candidate) == slotOf(id)) {
                return candidate;
            }
        }
    }

    private static int slotOf(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (DocumentMemo.SLOTS - 1);
    }

    @Provide
    Arbitrary<List<SideEffect>> twoEffects() {
        return Fixtures.idText()
                .flatMap(prefix -> Arbitraries.of(Fixtures.everyEffect(EscalationId.of("E-" + prefix), prefix)))
                .list()
                .ofSize(2);
    }

    @Property(tries = 200)
    void aRememberedEffectEqualsAFreshParseAndAnotherTextIsParsed(
            @ForAll("twoEffects") List<SideEffect> effects, @ForAll boolean sameType) {
        EffectMemo memo = new EffectMemo(json);
        SideEffect first = effects.get(0);
        SideEffect second = effects.get(1);
        String type = Json.typeOf(first);
        String text = json.writeEffect(first);
        memo.wrote("M-1", type, text, first);
        assertThat(memo.read("M-1", type, text, Json.FORMAT)).isEqualTo(json.readEffect(type, text, Json.FORMAT));
        memo.wrote("M-1", type, text, first);
        String otherType = Json.typeOf(second);
        String otherText = json.writeEffect(second);
        if (sameType || otherType.equals(type)) {
            // the row holds another text than the one written (an erased payload, say): parsed
            assertThat(memo.read("M-1", otherType, otherText, Json.FORMAT))
                    .isEqualTo(json.readEffect(otherType, otherText, Json.FORMAT));
        } else {
            assertThat(memo.read("M-2", type, text, Json.FORMAT)).isEqualTo(json.readEffect(type, text, Json.FORMAT));
        }
        assertThat(memo.read("M-1", type, text, Json.FORMAT)).isEqualTo(json.readEffect(type, text, Json.FORMAT));
    }
}
