package dev.escalation.internal.validation;

import dev.escalation.command.SafeText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SafeText}. Not API: instantiated by the Jakarta Validation provider. */
public final class SafeTextValidator implements ConstraintValidator<SafeText, CharSequence> {
    private int max;
    private boolean required;

    /** Creates the validator; the provider calls {@link #initialize}. */
    public SafeTextValidator() {}

    @Override
    public void initialize(SafeText annotation) {
        this.max = annotation.max();
        this.required = annotation.required();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        String problem =
                value == null ? (required ? TextRules.BLANK : null) : TextRules.textProblem(value, max, required);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }
}
