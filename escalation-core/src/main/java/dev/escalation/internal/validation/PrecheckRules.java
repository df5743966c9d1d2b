package dev.escalation.internal.validation;

import dev.escalation.command.SafeId;
import dev.escalation.command.SafeText;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;
import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pre-check's rule for each constraint type the commands use, with the validator's semantics: {@link SafeId} and
 * {@link SafeText} through their validators' own rule ({@link SafeIdValidator#problem},
 * {@link SafeTextValidator#problem}); {@link NotNull}, {@link Size} (texts, collections, maps), {@link Pattern}
 * (the whole value matches, flags applied), {@link Min}, {@link Max} and {@link Positive} (integral numbers) as Jakarta
 * Validation defines them, {@code null} valid except for {@code NotNull}; {@link Email} only for {@code null}, any
 * other value is handed to the validator for that one property. A rule returns {@code false} for a value it does not
 * model (it then goes to the validator). Any other constraint, any group but the default one, a payload, composing
 * constraints, explicit unwrapping or a constraint validator other than the known ones: no rule, so no plan.
 */
final class PrecheckRules {
    /** Where Hibernate Validator keeps its built-in constraint validators. */
    private static final String BUILT_IN = "org.hibernate.validator.internal.constraintvalidators.";

    /** The check of one constraint on one value. */
    @FunctionalInterface
    interface Rule {
        /**
         * Whether the constraint certainly holds.
         *
         * @param value the value, may be null
         * @return {@code false} if it is broken or the rule does not model it
         */
        boolean accepts(@Nullable Object value);
    }

    private PrecheckRules() {}

    /** Whether every rule accepts the value. */
    static boolean all(Rule[] rules, @Nullable Object value) {
        for (Rule rule : rules) {
            if (!rule.accepts(value)) {
                return false;
            }
        }
        return true;
    }

    /** The rules of the constraints of a property of {@code bean}, or {@code null} if one of them is not modelled. */
    static Rule @Nullable [] of(
            Set<ConstraintDescriptor<?>> constraints, Class<?> bean, String property, Validator validator) {
        Rule[] rules = new Rule[constraints.size()];
        int i = 0;
        for (ConstraintDescriptor<?> d : constraints) {
            Rule rule = rule(d, bean, property, validator);
            if (rule == null) {
                return null;
            }
            rules[i++] = rule;
        }
        return rules;
    }

    private static @Nullable Rule rule(ConstraintDescriptor<?> d, Class<?> bean, String property, Validator v) {
        if (!d.getGroups().equals(Set.of(Default.class))
                || !d.getPayload().isEmpty()
                || !d.getComposingConstraints().isEmpty()
                || d.getValueUnwrapping() != ValidateUnwrappedValue.DEFAULT) {
            return null;
        }
        Annotation a = d.getAnnotation();
        List<? extends Class<?>> validators = d.getConstraintValidatorClasses();
        if (a instanceof SafeId) {
            int max = ((SafeId) a).max();
            boolean formatCharacters = ((SafeId) a).formatCharacters();
            return validators.equals(List.of(SafeIdValidator.class))
                    ? value -> SafeIdValidator.problem(value, max, formatCharacters) == null
                    : null;
        }
        if (a instanceof SafeText) {
            SafeText t = (SafeText) a;
            int max = t.max();
            boolean required = t.required();
            boolean singleLine = t.singleLine();
            return validators.equals(List.of(SafeTextValidator.class))
                    ? value -> (value == null || value instanceof CharSequence)
                            && SafeTextValidator.problem((CharSequence) value, max, required, singleLine) == null
                    : null;
        }
        for (Class<?> c : validators) {
            if (!c.getName().startsWith(BUILT_IN)) {
                return null; // a validator of the host's for a built-in constraint
            }
        }
        return builtIn(a, bean, property, v);
    }

    private static @Nullable Rule builtIn(Annotation a, Class<?> bean, String property, Validator v) {
        if (a instanceof NotNull) {
            return Objects::nonNull;
        }
        if (a instanceof Size) {
            int min = ((Size) a).min();
            int max = ((Size) a).max();
            return value -> value == null || within(size(value), min, max);
        }
        if (a instanceof Pattern) {
            Pattern p = (Pattern) a;
            int flags = 0;
            for (Pattern.Flag flag : p.flags()) {
                flags |= flag.getValue();
            }
            java.util.regex.Pattern regex = java.util.regex.Pattern.compile(p.regexp(), flags);
            return value -> value == null
                    || (value instanceof CharSequence
                            && regex.matcher((CharSequence) value).matches());
        }
        if (a instanceof Min) {
            long min = ((Min) a).value();
            return value -> value == null || (integral(value) && ((Number) value).longValue() >= min);
        }
        if (a instanceof Max) {
            long max = ((Max) a).value();
            return value -> value == null || (integral(value) && ((Number) value).longValue() <= max);
        }
        if (a instanceof Positive) {
            return value -> value == null || (integral(value) && ((Number) value).longValue() > 0);
        }
        if (a instanceof Email && !property.isEmpty()) {
            return value ->
                    value == null || v.validateValue(bean, property, value).isEmpty();
        }
        return null;
    }

    /** The size {@code Size} measures, or -1 for a type this rule does not model. */
    private static int size(Object value) {
        if (value instanceof CharSequence) {
            return ((CharSequence) value).length();
        }
        if (value instanceof Collection) {
            return ((Collection<?>) value).size();
        }
        if (value instanceof Map) {
            return ((Map<?, ?>) value).size();
        }
        return -1;
    }

    private static boolean within(int size, int min, int max) {
        return size >= 0 && size >= min && size <= max;
    }

    private static boolean integral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }
}
