package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.InvalidCommandException;
import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets an error naming the field and the rule, with a stable code, and changes nothing. The generated cases
 * are in {@link ValidationProperties} (jqwik and Jupiter classes are kept apart so that Surefire counts both).
 */
class ValidationTest {

    private final Scenario w = Cast.world();

    @Test
    void missingFieldsAreEachNamed() {
        assertThatThrownBy(() -> w.engine().escalate(INA, new EscalateCase(null, null, null, null, null)))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.code()).isEqualTo("INVALID_COMMAND");
                    assertThat(e.violations())
                            .extracting(Violation::code)
                            .containsExactlyInAnyOrder(
                                    "caseId.NotNull", "message.NotBlank", "cause.NotNull", "criticality.NotNull");
                    assertThat(e.getMessage()).contains("message must not be blank");
                });
        assertThat(w.store().size()).isZero();
    }

    @Test
    void anOversizedMessageNamesTheLimit() {
        assertThatThrownBy(() -> w.engine()
                        .escalate(
                                INA,
                                new EscalateCase(Cast.C1, "x".repeat(4001), Cause.COMPLAINT, Criticality.LOW, null)))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("message");
                            assertThat(v.rule()).isEqualTo("Size");
                            assertThat(v.message()).isEqualTo("must be at most 4000 characters");
                        }));
    }

    /**
     * The messages of the Jakarta constraints (size, pattern, not null, …) are English developer text like the engine's
     * own, whatever the JVM's default locale (the test JVMs run with {@code ar-SA}); readers' languages are
     * {@code localizedMessage}'s.
     */
    @Test
    void constraintMessagesAreEnglishWhateverTheDefaultLocale() {
        assertThatThrownBy(() -> w.engine()
                        .escalate(INA, new EscalateCase(null, "m", Cause.SOFTWARE_ERROR, Criticality.HIGH, "a b")))
                .isInstanceOfSatisfying(InvalidCommandException.class, e -> {
                    assertThat(e.violations())
                            .extracting(Violation::code, Violation::message)
                            .containsExactlyInAnyOrder(
                                    org.assertj.core.groups.Tuple.tuple("caseId.NotNull", "must not be null"),
                                    org.assertj.core.groups.Tuple.tuple(
                                            "submissionId.Pattern", "must match \"[A-Za-z0-9_.:-]+\""));
                    assertThat(e.getMessage()).contains("submissionId must match");
                });
        assertThatThrownBy(() -> w.engine()
                        .escalate(
                                INA,
                                new EscalateCase(
                                        Cast.C1, "m", Cause.SOFTWARE_ERROR, Criticality.HIGH, "a".repeat(101))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .singleElement()
                                .extracting(Violation::message)
                                .isEqualTo("size must be between 0 and 100"));
        assertThat(w.store().size()).isZero();
    }

    /**
     * A name is one line: a line break (Unicode's line and paragraph separators too) or tab in it names the field and
     * changes nothing.
     */
    @Test
    void aNameWithALineBreakOrTabIsRefusedNamingTheField() {
        EscalationId id = Cast.active(w);
        long version = w.store().findForVendor(id).orElseThrow().version();
        for (String name : List.of("Bob\nSmith", "Bob\r\nBcc: x", "Bob\tSmith", "Bob\u2028Smith", "Bob\u2029Smith")) {
            assertThatThrownBy(
                            () -> w.engine().addParticipant(EVE, AddParticipant.external(id, name, "bob@example.com")))
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                                assertThat(v.code()).isEqualTo("displayName.Text");
                                assertThat(v.message()).contains("one line");
                            }));
            assertThatThrownBy(() -> w.engine()
                            .recordLessonsLearned(
                                    EVE,
                                    new RecordLessonsLearned(
                                            id, "f", List.of(new RecordLessonsLearned.Action("fix it", name)))))
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .singleElement()
                                    .extracting(Violation::code)
                                    .isEqualTo("actions.owner.Text"));
        }
        assertThat(w.store().findForVendor(id).orElseThrow().version()).isEqualTo(version);
        // a one-line name is taken
        w.engine().addParticipant(EVE, AddParticipant.external(id, "Bob Smith", "bob@example.com"));
        assertThat(w.store().findForVendor(id).orElseThrow().version()).isEqualTo(version + 1);
    }

    @Test
    void nestedViolationsCarryTheirPathAndAStableCodeWithoutIndexes() {
        EscalationId id = Cast.active(w);
        assertThatThrownBy(() -> w.engine()
                        .recordLessonsLearned(
                                EVE,
                                new RecordLessonsLearned(
                                        id,
                                        "f",
                                        List.of(
                                                new RecordLessonsLearned.Action("ok", "Dan"),
                                                new RecordLessonsLearned.Action("x", " ")))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("actions[1].owner");
                            assertThat(v.code()).isEqualTo("actions.owner.NotBlank");
                        }));
    }

    @Test
    void timeRulesAreCheckedAgainstTheEngineClock() {
        EscalationId id = Cast.acknowledged(w);
        assertThatThrownBy(() -> w.engine()
                        .agreePlan(
                                EVE,
                                new AgreePlan(
                                        id,
                                        Duration.ofMinutes(5),
                                        Channel.PHONE,
                                        w.clock().instant().minusSeconds(1))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactlyInAnyOrder("frequency.Range", "firstMeetingAt.NotInPast"));
        assertThatThrownBy(() -> w.engine()
                        .scheduleLessonsLearned(
                                EVE, new ScheduleLessonsLearned(id, w.clock().instant(), Duration.ofHours(9))))
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactlyInAnyOrder("at.Future", "duration.Range"));
    }

    @Test
    void theHostMayPassItsOwnValidatorFactory() {
        var factory = jakarta.validation.Validation.byProvider(org.hibernate.validator.HibernateValidator.class)
                .configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory();
        Scenario custom = Cast.world(b -> b.validatorFactory(factory));
        assertThatThrownBy(() -> custom.engine()
                        .escalate(INA, new EscalateCase(Cast.C1, " ", Cause.COMPLAINT, Criticality.LOW, null)))
                .isInstanceOf(InvalidCommandException.class);
        factory.close();
    }
}
