package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.Party;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The owners' kinds live in column {@code owner_kinds} ({@link OwnerKinds}), not in the body's JSON, whose shape stays
 * what earlier releases read: body and column together give back every action as it was, a body without the column
 * (a row written before it) gives the actions without kinds, and the JSON of an action is the same with or without
 * its owner's kind.
 */
class OwnerKindsPropertyTest {
    private final Json json = new Json();

    @Provide
    Arbitrary<LessonsLearned> lessons() {
        Arbitrary<ImprovementAction> action = Combinators.combine(
                        Arbitraries.of("dan", "tom", "Bob Builder"),
                        Arbitraries.of(ImprovementAction.Status.class),
                        Arbitraries.of(Party.Kind.CONTACT, Party.Kind.STAFF).optional(0.6))
                .as((owner, status, kind) -> new ImprovementAction(
                        "fix it", owner, Optional.of(Instant.parse("2027-02-01T08:00:00Z")), status, kind));
        return action.list()
                .ofMaxSize(8)
                .map(actions -> new LessonsLearned(
                        LessonsLearned.Status.HELD, Optional.empty(), List.of(), "found", actions, ""));
    }

    private static LessonsLearned kindless(LessonsLearned l) {
        return new LessonsLearned(
                l.status(),
                l.scheduledAt(),
                l.attendees(),
                l.findings(),
                l.actions().stream()
                        .map(a -> new ImprovementAction(a.description(), a.owner(), a.due(), a.status()))
                        .toList(),
                l.note());
    }

    private String bodyJson(LessonsLearned l) {
        return json.writeBody(new Json.EscalationBody(
                "m", Optional.empty(), List.of(), Optional.empty(), Optional.of(l), Optional.empty()));
    }

    @Property(tries = 300)
    void bodyAndColumnGiveBackEveryActionAsItWas(@ForAll("lessons") LessonsLearned l) {
        String column = OwnerKinds.write(Optional.of(l));
        String body = bodyJson(l);
        Optional<LessonsLearned> parsed = json.readBody(body, Json.FORMAT).lessonsLearned();

        assertThat(body).doesNotContain("ownerKind").isEqualTo(bodyJson(kindless(l)));
        assertThat(parsed).contains(kindless(l));
        assertThat(OwnerKinds.read(parsed, column)).contains(l);
        assertThat(OwnerKinds.read(parsed, null)).contains(kindless(l));
        assertThat(column == null)
                .isEqualTo(l.actions().stream().allMatch(a -> a.ownerKind().isEmpty()));
    }

    @Example
    void aColumnThatIsNoneOfTheStoresIsUnreadable() {
        Optional<LessonsLearned> two = Optional.of(new LessonsLearned(
                LessonsLearned.Status.HELD,
                Optional.empty(),
                List.of(),
                "found",
                List.of(new ImprovementAction("a", "dan"), new ImprovementAction("b", "tom")),
                ""));
        assertThatThrownBy(() -> OwnerKinds.read(two, "CX")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OwnerKinds.read(two, "CSC")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OwnerKinds.read(Optional.empty(), "C")).isInstanceOf(IllegalStateException.class);
        assertThat(OwnerKinds.read(two, "-S").orElseThrow().actions())
                .extracting(ImprovementAction::ownerKind)
                .containsExactly(Optional.empty(), Optional.of(Party.Kind.STAFF));
    }
}
