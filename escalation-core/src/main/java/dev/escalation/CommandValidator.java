package dev.escalation;

import dev.escalation.command.SafeId;
import dev.escalation.command.SafeText;
import dev.escalation.internal.validation.TextRules;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/** Validates commands with Jakarta Validation and turns violations into {@link InvalidCommandException}s. */
final class CommandValidator {

    /** Built once per JVM: building a factory takes far longer than building an engine. */
    private static final class DefaultFactory {
        static final ValidatorFactory INSTANCE = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }

    private final Validator validator;

    CommandValidator(ValidatorFactory factory) {
        this.validator = factory.getValidator();
    }

    /** The validator of a host's factory, or of the default one when it is {@code null}. */
    static CommandValidator of(@org.jspecify.annotations.Nullable ValidatorFactory factory) {
        return factory == null ? withDefaultFactory() : new CommandValidator(factory);
    }

    static CommandValidator withDefaultFactory() {
        return new CommandValidator(DefaultFactory.INSTANCE);
    }

    /** Validates the command's annotations plus any violations found by the caller. */
    void check(Object command, List<InvalidCommandException.Violation> extra) {
        if (command == null) {
            throw new InvalidCommandException(
                    List.of(InvalidCommandException.Violation.of("command", "NotNull", "must not be null")));
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
