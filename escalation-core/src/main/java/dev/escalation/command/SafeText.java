package dev.escalation.command;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.escalation.internal.validation.SafeTextValidator;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A free text the engine accepts: at most {@link #max()} characters (UTF-16 code units, as {@link String#length()}
 * counts), no control characters other than line feed, carriage return and tab (none at all for a
 * {@link #singleLine()} text, such as a name), no unpaired surrogates, and, if
 * {@link #required()}, not blank in Unicode terms (a text of only spaces, non-breaking or ideographic spaces,
 * zero-width spaces or similar fillers is blank). {@code null} is valid for an optional text and counts as blank for a
 * required one.
 *
 * <p>Each broken rule is reported as an {@link dev.escalation.InvalidCommandException.Violation} with the rule
 * {@code "Size"}, {@code "Text"} (control characters, unpaired surrogates) or {@code "NotBlank"}.
 */
@Documented
@Constraint(validatedBy = SafeTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@SuppressWarnings("exports") // the validator is internal: Hibernate Validator reaches it through the module's opens
public @interface SafeText {

    /**
     * The longest text.
     *
     * @return the maximum length
     */
    int max();

    /**
     * Whether the text must be present and not blank.
     *
     * @return {@code true} (the default) for a required text
     */
    boolean required() default true;

    /**
     * Whether the text is one line, such as a name: no line feed, carriage return, tab, line separator (U+2028) or
     * paragraph separator (U+2029) either. A name ends up in
     * one-line places (a ticket system's user name, a calendar attendee, a list), where a line break is refused or
     * breaks the line.
     *
     * @return {@code false} (the default) for a text of several lines
     */
    boolean singleLine() default false;

    /**
     * The default message (replaced by the message of the broken rule).
     *
     * @return the message
     */
    String message() default "must be a text without control characters";

    /**
     * Validation groups.
     *
     * @return the groups
     */
    Class<?>[] groups() default {};

    /**
     * Payload.
     *
     * @return the payload
     */
    Class<? extends Payload>[] payload() default {};
}
