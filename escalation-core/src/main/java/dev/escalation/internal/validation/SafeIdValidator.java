package dev.escalation.internal.validation;

import dev.escalation.command.SafeId;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.StaffId;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Checks {@link SafeId} on strings and typed model ids. Not API: instantiated by the Jakarta Validation provider. */
public final class SafeIdValidator implements ConstraintValidator<SafeId, Object> {
    private int max;
    private boolean formatCharacters;

    /** Creates the validator; the provider calls {@link #initialize}. */
    public SafeIdValidator() {}

    @Override
    public void initialize(SafeId annotation) {
        this.max = annotation.max();
        this.formatCharacters = annotation.formatCharacters();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        String problem = problem(value, max, formatCharacters);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }

    /**
     * What {@link SafeId} finds wrong with a value, or {@code null}: the one rule of this validator, shared with the
     * {@link Precheck} so that both cannot differ.
     *
     * @param value            the value, may be null (valid), a string or a typed model id; any other type is valid
     * @param max              the longest id
     * @param formatCharacters whether invisible formatting characters are accepted
     * @return the message of the problem, or {@code null} if the value is fine
     */
    public static @Nullable String problem(@Nullable Object value, int max, boolean formatCharacters) {
        String text = textOf(value);
        return text == null ? null : TextRules.idProblem(text, max, formatCharacters);
    }

    /**
     * The text of an id: a string, or the value of a typed model id.
     *
     * @param value the id, may be null
     * @return its text, or {@code null} for null or a type that is no id
     */
    public static @Nullable String textOf(@Nullable Object value) {
        if (value instanceof CharSequence s) {
            return s.toString();
        }
        if (value instanceof EscalationId id) {
            return id.value();
        }
        if (value instanceof StaffId id) {
            return id.value();
        }
        if (value instanceof ContactId id) {
            return id.value();
        }
        if (value instanceof CaseId id) {
            return id.value();
        }
        if (value instanceof CustomerId id) {
            return id.value();
        }
        if (value instanceof MessageId id) {
            return id.value();
        }
        return null;
    }
}
