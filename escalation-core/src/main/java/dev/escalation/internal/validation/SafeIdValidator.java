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

    /** Creates the validator; the provider calls {@link #initialize}. */
    public SafeIdValidator() {}

    @Override
    public void initialize(SafeId annotation) {
        this.max = annotation.max();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        String text = textOf(value);
        if (text == null) {
            return true;
        }
        String problem = TextRules.idProblem(text, max);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
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
