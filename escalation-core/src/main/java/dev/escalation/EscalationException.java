package dev.escalation;

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
     * {@code NOT_AUTHORIZED} (see {@link NotAuthorizedException.Reason} and {@link IllegalTransitionException.Reason}).
     *
     * @return the sub-reason code, empty for codes with one cause
     */
    public java.util.Optional<String> reason() {
        return java.util.Optional.empty();
    }

    /**
     * The refusal in words for a reader, from the shipped texts ({@code error.<CODE>.<REASON>}); with the host's
     * texts use {@code engine.texts().refusal(e, locale)}. Never carries personal data.
     *
     * @param locale the reader's locale
     * @return for example {@code "Only the appointed Escalation Manager of escalation E-1 may resolve the escalation."}
     */
    public String localizedMessage(java.util.Locale locale) {
        return dev.escalation.text.Texts.shipped().refusal(this, locale);
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
