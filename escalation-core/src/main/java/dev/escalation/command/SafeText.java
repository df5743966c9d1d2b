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
 * {@link #singleLine()} text, such as a name), no unpaired surrogates, bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) only balanced within each paragraph, and, if
 * {@link #required()}, not blank in Unicode terms (a text of only spaces, non-breaking or ideographic spaces,
 * zero-width spaces or similar fillers is blank). {@code null} is valid for an optional text and counts as blank for a
 * required one.
 *
 * <p>Balanced means paired as the Unicode Bidirectional Algorithm (UAX #9) pairs them: every LRE, RLE, LRO and RLO
 * closed by a PDF, every LRI, RLI and FSI by a PDI, in nesting order (a PDF does not close an isolate; a PDI also
 * ends the embeddings opened inside its isolate), no PDF or PDI without its opener, at most 125 deep, each closed
 * before its paragraph ends (a line feed, carriage return or U+2029). So a text cannot reorder the text it is put
 * into ("Trojan Source"); right-to-left text needs no such control, and the marks LRM, RLM and ALM stay allowed.
 *
 * <p>Each broken rule is reported as an {@link dev.escalation.InvalidCommandException.Violation} with the rule
 * {@code "Size"}, {@code "Text"} (control characters, unpaired surrogates), {@code "BidiBalanced"} or
 * {@code "NotBlank"}, checked in this order (one per text).
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
