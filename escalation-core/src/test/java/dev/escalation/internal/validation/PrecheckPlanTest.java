package dev.escalation.internal.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.SafeText;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * The pre-check derives a plan only for what it models exactly; anything else (an unknown constraint, another group,
 * a payload, an unsupported container or component type, a class that is no record) makes every instance go to the
 * validator, and a value it cannot vouch for (an accessor that differs from the field, cascades too deep) too.
 */
class PrecheckPlanTest {
    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class)
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory()
            .getValidator();

    private final Precheck precheck = new Precheck(VALIDATOR);

    record Plain(String text, int n) {}

    record Known(
            @NotNull @SafeText(max = 5) String text,

            @Size(min = 1, max = 2) @Pattern(regexp = "[a-z]+", flags = Pattern.Flag.CASE_INSENSITIVE)
            String code,

            @Email String email,
            @NotNull List<@NotNull @Valid Plain> items) {}

    record UnknownConstraint(@Negative int n) {}

    interface Special {}

    record OtherGroup(@NotNull(groups = Special.class) String text) {}

    interface Severity extends Payload {}

    record WithPayload(@NotNull(payload = Severity.class) String text) {}

    record UnsupportedContainer(Set<@NotNull String> texts) {}

    record UnsupportedType(@NotNull StringBuilder text) {}

    static final class NotARecord {
        @NotNull
        String text;
    }

    record OnlyElements(List<@NotNull @Size(max = 1) String> texts) {}

    record Inner(@NotNull String text) {}

    record Outer(@Valid Inner inner) {}

    record Chain(@Valid Chain next) {}

    record OwnAccessor(@NotNull String text) {
        @Override
        public String text() {
            return new String(text.toCharArray());
        }
    }

    @Test
    void modelsTheConstraintsTheCommandsUse() {
        assertThat(precheck.covers(Known.class)).isTrue();
        Known valid = new Known("hello", "Ab", "a@b.example", List.of(new Plain(null, 0)));
        assertThat(VALIDATOR.validate(valid)).isEmpty();
        assertThat(precheck.accepts(valid)).isTrue();
        assertThat(precheck.accepts(new Known("hello!", "Ab", null, List.of()))).isFalse();
        assertThat(precheck.accepts(new Known("hello", "Abc", null, List.of()))).isFalse();
        assertThat(precheck.accepts(new Known("hello", "A1", null, List.of()))).isFalse();
        assertThat(precheck.accepts(new Known("hello", "", null, List.of()))).isFalse();
        assertThat(precheck.accepts(new Known("hello", null, "not an address", List.of())))
                .isFalse();
        assertThat(precheck.accepts(new Known("hello", null, null, java.util.Arrays.asList((Plain) null))))
                .isFalse();
        assertThat(precheck.accepts(new Known("hello", null, null, null))).isFalse();
        assertThat(precheck.accepts(new Plain(null, 0))).isTrue();
        assertThat(precheck.covers(OnlyElements.class)).isTrue();
        assertThat(precheck.accepts(new OnlyElements(List.of("a")))).isTrue();
        assertThat(precheck.accepts(new OnlyElements(List.of("ab")))).isFalse();
        assertThat(precheck.accepts(new OnlyElements(java.util.Arrays.asList((String) null))))
                .isFalse();
    }

    @Test
    void leavesWhatItDoesNotModelToTheValidator() {
        for (Class<?> type : List.of(
                UnknownConstraint.class,
                OtherGroup.class,
                WithPayload.class,
                UnsupportedContainer.class,
                UnsupportedType.class,
                NotARecord.class)) {
            assertThat(precheck.covers(type)).as(type.getSimpleName()).isFalse();
        }
        assertThat(precheck.accepts(new UnknownConstraint(-1))).isFalse();
        assertThat(precheck.accepts(new OtherGroup(null))).isFalse();
    }

    @Test
    void cascadesIntoRecordsUpToALimit() {
        assertThat(precheck.accepts(new Outer(new Inner("x")))).isTrue();
        assertThat(precheck.accepts(new Outer(new Inner(null)))).isFalse();
        assertThat(precheck.accepts(new Outer(null))).isTrue();
        Chain chain = null;
        for (int i = 0; i <= Precheck.MAX_DEPTH + 1; i++) {
            chain = new Chain(chain);
        }
        assertThat(VALIDATOR.validate(chain)).isEmpty();
        assertThat(precheck.accepts(chain)).isFalse();
    }

    record ThrowingAccessor(@NotNull String text) {
        @Override
        public String text() {
            throw new IllegalStateException("no text");
        }
    }

    record FailingAccessor(@NotNull String text) {
        @Override
        public String text() {
            throw new AssertionError("broken");
        }
    }

    record Numbers(@Min(1) int small, @Min(1) long large) {}

    @Test
    void anAccessorThatThrowsLeavesTheBeanToTheValidatorAndAnErrorGoesThrough() {
        assertThat(precheck.covers(ThrowingAccessor.class)).isTrue();
        assertThat(precheck.accepts(new ThrowingAccessor("text"))).isFalse();
        assertThat(precheck.covers(FailingAccessor.class)).isTrue();
        assertThatThrownBy(() -> precheck.accepts(new FailingAccessor("text")))
                .isInstanceOf(AssertionError.class)
                .hasMessage("broken");
    }

    @Test
    void primitiveComponentsAreReadAndJudged() {
        assertThat(precheck.covers(Numbers.class)).isTrue();
        for (int i = 0; i < 20; i++) { // past the reflective accessors' inflation threshold
            assertThat(precheck.accepts(new Numbers(5, 7L))).isTrue();
            assertThat(precheck.accepts(new Numbers(0, 7L))).isFalse();
            assertThat(precheck.accepts(new Numbers(5, 0L))).isFalse();
        }
    }

    @Test
    void leavesAnAccessorThatDiffersFromItsFieldToTheValidator() {
        assertThat(precheck.covers(OwnAccessor.class)).isTrue();
        assertThat(precheck.accepts(new OwnAccessor("text"))).isFalse();
    }
}
