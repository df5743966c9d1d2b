package dev.escalation;

import dev.escalation.command.SafeId;
import dev.escalation.command.SafeText;
import dev.escalation.internal.validation.Precheck;
import dev.escalation.internal.validation.TextRules;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.jspecify.annotations.Nullable;

/**
 * Validates commands with Jakarta Validation and turns violations into {@link InvalidCommandException}s.
 *
 * <p>With the engine's default factory a {@link Precheck} derived from that factory's constraint metadata first
 * accepts valid commands without running the validator; whatever it does not accept goes to the validator, which
 * reports every violation. With a host's factory there is no pre-check, by decision: a host's factory may replace
 * constraint validators (its own constraint validator factory, as Spring's does, or validators registered for the
 * built-in constraints), use another provider or configuration the metadata does not show, so every command goes
 * to it; the pre-check's equivalence is proven only for the engine's own factory.
 */
final class CommandValidator {

    /**
     * Built once per JVM: building a factory takes far longer than building an engine. Its messages are English, as
     * the engine's own (a refusal's {@code getMessage()} is developer text; readers' languages are
     * {@code localizedMessage}'s), not in the JVM's default locale.
     */
    private static final class DefaultFactory {
        static final ValidatorFactory INSTANCE = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator(Set.of(Locale.ENGLISH), Locale.ENGLISH, false))
                .buildValidatorFactory();
        /**
         * Plans derived from this factory's metadata, shared by every engine on it; none if a {@code validation.xml}
         * on the class path gave the factory a constraint validator factory of its own (its validators may differ
         * from the classes the metadata names). Constraints mapped there are in the metadata the plans read.
         */
        static final @Nullable Precheck PRECHECK =
                INSTANCE.getConstraintValidatorFactory().getClass().getName().startsWith("org.hibernate.validator.")
                        ? new Precheck(INSTANCE.getValidator())
                        : null;
    }

    private final Validator validator;
    private final @Nullable Precheck precheck;

    CommandValidator(ValidatorFactory factory) {
        this(factory, null);
    }

    private CommandValidator(ValidatorFactory factory, @Nullable Precheck precheck) {
        this.validator = factory.getValidator();
        this.precheck = precheck;
    }

    /** The validator of a host's factory (no pre-check), or of the default one when it is {@code null}. */
    static CommandValidator of(@Nullable ValidatorFactory factory) {
        return factory == null ? withDefaultFactory() : new CommandValidator(factory);
    }

    /** The validator of the engine's default factory, with the pre-check (see DefaultFactory.PRECHECK). */
    static CommandValidator withDefaultFactory() {
        return new CommandValidator(DefaultFactory.INSTANCE, DefaultFactory.PRECHECK);
    }

    /** Whether the pre-check accepts the command (without the validator); {@code false} without a pre-check. */
    boolean precheckAccepts(Object command) {
        return precheck != null && precheck.accepts(command);
    }

    /** Whether the pre-check derived a plan for the class (else every command of it goes to the validator). */
    boolean precheckCovers(Class<?> type) {
        return precheck != null && precheck.covers(type);
    }

    /** Whether the validator itself finds no violation in the command (never the pre-check). */
    boolean validatorAccepts(Object command) {
        return validator.validate(command).isEmpty();
    }

    /** Validates the command's annotations plus any violations found by the caller. */
    void check(Object command, List<InvalidCommandException.Violation> extra) {
        if (command == null) {
            throw new InvalidCommandException(
                    List.of(InvalidCommandException.Violation.of("command", "NotNull", "must not be null")));
        }
        if (extra.isEmpty() && precheck != null && precheck.accepts(command)) {
            return; // certainly valid: the validator would find nothing
        }
        Set<ConstraintViolation<Object>> violations = validator.validate(command);
        if (violations.isEmpty() && extra.isEmpty()) {
            return;
        }
        // a record component's constraint may be reported for the field and the accessor: keep one per field+rule
        Map<String, InvalidCommandException.Violation> unique = new LinkedHashMap<>();
        for (ConstraintViolation<Object> v : violations) {
            String rule = ruleOf(v);
            String field = v.getPropertyPath().toString();
            InvalidCommandException.Violation violation =
                    InvalidCommandException.Violation.of(field, rule, v.getMessage());
            unique.putIfAbsent(field + "#" + rule, violation);
        }
        for (InvalidCommandException.Violation v : extra) {
            unique.putIfAbsent(v.field() + "#" + v.rule(), v);
        }
        throw new InvalidCommandException(new ArrayList<>(unique.values()));
    }

    /** The rule: the constraint's simple name, or for the engine's text and id constraints the rule broken. */
    private static String ruleOf(ConstraintViolation<Object> v) {
        Class<?> type = v.getConstraintDescriptor().getAnnotation().annotationType();
        if (type == SafeId.class) {
            return "Id";
        }
        if (type == SafeText.class) {
            return TextRules.textRule(v.getMessageTemplate());
        }
        return type.getSimpleName();
    }
}
