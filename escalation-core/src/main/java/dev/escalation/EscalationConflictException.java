package dev.escalation;

import dev.escalation.model.EscalationId;
import java.util.OptionalLong;

/**
 * The escalation is not at the version the call was made for; nothing was applied. Two causes share the code
 * {@code CONFLICT}, told apart by {@link #subReason()} (and {@link #reason()}, whose names are stable):
 *
 * <ul>
 *   <li>{@link Reason#CONCURRENT_CHANGE}: somebody else changed the escalation between this call's read and its write
 *       (the call lost a race). Retryable: the same call, tried again, runs on the new version.
 *   <li>{@link Reason#STALE_VERSION}: the command's expected version ({@code expectingVersion}, see
 *       {@link dev.escalation.command.ExpectsVersion}) is not the escalation's current one: the caller acted on a view
 *       that is out of date (a form sent twice, or someone else changed it meanwhile). Not retryable: versions only
 *       grow, so the same call can never succeed; reload the escalation, show it and let the person decide again.
 * </ul>
 */
public final class EscalationConflictException extends EscalationException {
    private static final long serialVersionUID = 1L;

    /** Why the escalation was not at the version the call needed: the sub-reason of {@code CONFLICT}. Stable names. */
    public enum Reason {
        /** Another change came first, between this call's read and its write (retryable). */
        CONCURRENT_CHANGE,
        /** The command's expected version is not the escalation's current version (not retryable: reload). */
        STALE_VERSION
    }

    private final transient EscalationId escalation;
    private final Reason reason;
    private final long expected;
    private final long current;

    EscalationConflictException(EscalationId escalation, Throwable cause) {
        super("escalation " + escalation + " was changed by someone else meanwhile; reload it and try again", cause);
        this.escalation = escalation;
        this.reason = Reason.CONCURRENT_CHANGE;
        this.expected = 0;
        this.current = 0;
    }

    private EscalationConflictException(EscalationId escalation, long expected, long current) {
        super("escalation " + escalation + " is at version " + current + ", not at the expected version " + expected
                + ": it was changed since it was read; reload it and decide again");
        this.escalation = escalation;
        this.reason = Reason.STALE_VERSION;
        this.expected = expected;
        this.current = current;
    }

    /** The refusal of a command whose expected version is not the escalation's current one. */
    static EscalationConflictException stale(EscalationId escalation, long expected, long current) {
        return new EscalationConflictException(escalation, expected, current);
    }

    /**
     * The escalation.
     *
     * @return its id
     */
    public EscalationId escalation() {
        return escalation;
    }

    /**
     * Why the call was refused.
     *
     * @return {@link Reason#STALE_VERSION} for a command's expected version that is not the current one,
     *     {@link Reason#CONCURRENT_CHANGE} for a lost race
     */
    public Reason subReason() {
        return reason;
    }

    @Override
    public java.util.Optional<String> reason() {
        return java.util.Optional.of(reason.name());
    }

    /**
     * The version the command expected.
     *
     * @return it, for {@link Reason#STALE_VERSION}; empty for a lost race
     */
    public OptionalLong expectedVersion() {
        return reason == Reason.STALE_VERSION ? OptionalLong.of(expected) : OptionalLong.empty();
    }

    /**
     * The escalation's version when the command was refused (reload the escalation to show it).
     *
     * @return it, for {@link Reason#STALE_VERSION}; empty for a lost race
     */
    public OptionalLong currentVersion() {
        return reason == Reason.STALE_VERSION ? OptionalLong.of(current) : OptionalLong.empty();
    }

    @Override
    Object[] messageArgs(dev.escalation.text.Texts texts, java.util.Locale locale) {
        return args(texts, locale, null, escalation, null, "");
    }

    @Override
    public String code() {
        return "CONFLICT";
    }

    /**
     * Whether the same call may succeed when tried again: for a lost race ({@link Reason#CONCURRENT_CHANGE}) yes; for
     * a stale expected version ({@link Reason#STALE_VERSION}) never.
     *
     * @return {@code true} only for {@link Reason#CONCURRENT_CHANGE}
     */
    @Override
    public boolean isRetryable() {
        return reason == Reason.CONCURRENT_CHANGE;
    }
}
