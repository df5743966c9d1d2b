package dev.escalation.command;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.escalation.internal.validation.SafeIdValidator;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An id the engine accepts, as a string or a typed id of {@code dev.escalation.model}: not blank in Unicode terms, at
 * most {@link #max()} characters, no control characters (line breaks and tabs included), no unpaired surrogates and
 * no invisible formatting characters (Unicode category Cf: zero-width characters and joiners, bidirectional marks,
 * overrides and isolates, the soft hyphen, the byte-order mark, tag characters), so that ids that look the same are
 * the same and an id cannot reorder the text it is shown in.
 * {@code null} is valid (combine with {@code @NotNull}). A broken rule is reported with the rule {@code "Id"}.
 */
@Documented
@Constraint(validatedBy = SafeIdValidator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE})
@Retention(RUNTIME)
@SuppressWarnings("exports") // the validator is internal: Hibernate Validator reaches it through the module's opens
public @interface SafeId {

    /**
     * The longest id.
     *
     * @return the maximum length, 128 unless given
     */
    int max() default 128;

    /**
     * Whether invisible formatting characters (Unicode category Cf) are accepted after all. Only for an id that names
     * something already stored, which a store written by 0.1.0 (which accepted them) may hold: {@link
     * RemoveParticipant#participantId()} accepts them so that such a participant can still be removed; the command
     * finds only a participant with exactly that id. Every id the engine stores is refused with them.
     *
     * @return {@code true} to accept them; {@code false} unless given
     */
    boolean formatCharacters() default false;

    /**
     * The default message (replaced by the message of the broken rule).
     *
     * @return the message
     */
    String message() default "must be an id without control characters";

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
