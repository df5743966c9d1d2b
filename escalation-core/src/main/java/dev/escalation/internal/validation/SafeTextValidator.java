package dev.escalation.internal.validation;

import dev.escalation.command.SafeText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;

/** Checks {@link SafeText}. Not API: instantiated by the Jakarta Validation provider. */
public final class SafeTextValidator implements ConstraintValidator<SafeText, CharSequence> {
    private int max;
    private boolean required;
    private boolean singleLine;

    /** Creates the validator; the provider calls {@link #initialize}. */
    public SafeTextValidator() {}

    @Override
    public void initialize(SafeText annotation) {
        this.max = annotation.max();
        this.required = annotation.required();
        this.singleLine = annotation.singleLine();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        String problem = problem(value, max, required, singleLine);
        if (problem == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
        return false;
    }

    /**
     * What {@link SafeText} finds wrong with a value, or {@code null}: the one rule of this validator, shared with the
     * {@link Precheck} so that both cannot differ.
     *
     * @param value      the text, may be null
     * @param max        the longest text
     * @param required   whether a missing or blank text is wrong
     * @param singleLine whether line breaks and tabs are wrong too
     * @return the message of the problem, or {@code null} if the value is fine
     */
    public static @Nullable String problem(
            @Nullable CharSequence value, int max, boolean required, boolean singleLine) {
        return value == null
                ? (required ? TextRules.BLANK : null)
                : TextRules.textProblem(value, max, required, singleLine);
    }
}
