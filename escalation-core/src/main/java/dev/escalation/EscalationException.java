package dev.escalation;

import dev.escalation.text.Texts;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the engine throws on purpose. Each subclass has a stable {@link #code()} a portal can
 * translate, and a message a person can read. No exception of this family has changed anything.
 */
public abstract class EscalationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EscalationException(String message, Throwable cause) {
        super(message, cause);
    }

    EscalationException(String message) {
        super(message);
    }

    /**
     * A stable code for this kind of refusal, such as {@code "NOT_FOUND"}.
     *
     * @return the code
     */
    public abstract String code();

    /**
     * The sub-reason of the refusal where one {@link #code()} covers several causes, such as {@code "WRONG_ROLE"} for
     * {@code NOT_AUTHORIZED} (see {@link NotAuthorizedException.Reason}, {@link IllegalTransitionException.Reason} and
     * {@link EscalationConflictException.Reason}).
     *
     * @return the sub-reason code, empty for codes with one cause
     */
    public java.util.Optional<String> reason() {
        return java.util.Optional.empty();
    }

    /**
     * The refusal in words for a reader, from the shipped texts ({@code error.<CODE>.<REASON>}); with the host's
     * texts use {@link #localizedMessage(Texts, java.util.Locale)}. Never carries personal data.
     *
     * @param locale the reader's locale
     * @return for example {@code "Only the appointed Escalation Manager of escalation E-1 may resolve the escalation."}
     */
    public String localizedMessage(java.util.Locale locale) {
        return localizedMessage(Texts.shipped(), locale);
    }

    /**
     * The refusal in words for a reader, with a host's texts first ({@code engine.texts()}): the pattern
     * {@code error.<CODE>.<REASON>}, else {@code error.<CODE>}, with the arguments {0} the action (its label), {1} the
     * escalation, {2} its state (label), {3} the invalid fields. Where a host text this needs does not format
     * ({@link dev.escalation.text.TextPatternException}), the refusal reads as the engine's own text (a refusal is
     * always shown) and a warning names the key.
     *
     * @param texts  the texts, such as {@code engine.texts()}
     * @param locale the reader's locale
     * @return the message
     */
    public String localizedMessage(Texts texts, java.util.Locale locale) {
        java.util.Objects.requireNonNull(texts, "texts");
        java.util.Objects.requireNonNull(locale, "locale");
        try {
            return message(texts, locale);
        } catch (dev.escalation.text.TextPatternException e) { // the host's text; the shipped texts all format
            org.slf4j.LoggerFactory.getLogger(EscalationException.class)
                    .warn(
                            "the host text {} for {} does not format; the refusal {} reads as the engine's own text",
                            e.key(),
                            e.locale().toLanguageTag(),
                            code());
            return message(Texts.shipped(), locale);
        }
    }

    private String message(Texts texts, java.util.Locale locale) {
        String code = "error." + code();
        String withReason = code + reason().map(r -> "." + r).orElse("");
        Object[] args = messageArgs(texts, locale);
        if (texts.has(withReason, locale)) {
            return texts.text(withReason, locale, args);
        }
        if (texts.has(code, locale)) {
            return texts.text(code, locale, args);
        }
        return texts.text(
                "error.other", locale, code().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }

    /** The arguments of the refusal's texts: action, escalation, state, fields (see {@link #localizedMessage}). */
    Object[] messageArgs(Texts texts, java.util.Locale locale) {
        return args(texts, locale, null, null, null, "");
    }

    static Object[] args(
            Texts texts,
            java.util.Locale locale,
            @Nullable Action action,
            dev.escalation.model.@Nullable EscalationId escalation,
            dev.escalation.model.@Nullable EscalationState state,
            String fields) {
        return new Object[] {
            action == null ? texts.text("label.action.READ", locale) : texts.label(action, locale),
            escalation == null ? "" : escalation.value(),
            state == null ? "" : texts.label(state, locale),
            fields
        };
    }

    /**
     * Whether the same call may succeed when tried again unchanged (the store or a directory was unavailable, or
     * another change came first).
     *
     * @return {@code false} unless overridden
     */
    public boolean isRetryable() {
        return false;
    }
}
