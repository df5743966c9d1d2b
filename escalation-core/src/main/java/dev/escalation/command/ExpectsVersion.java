package dev.escalation.command;

import dev.escalation.model.EscalationId;
import org.jspecify.annotations.Nullable;

/**
 * A command on an existing escalation, with an optional precondition on its version (as HTTP's {@code If-Match}):
 * every command but the two that create an escalation ({@link EscalateCase}, {@link EscalateOnBehalf}).
 *
 * <p>A caller that shows an escalation passes the version it showed ({@code EscalationView.version()}) with
 * {@code expectingVersion(view.version())}. The engine compares it, inside the command's unit of work, with the
 * version of the stored escalation it has just loaded: when they differ the command is refused with an
 * {@code EscalationConflictException} of reason {@code STALE_VERSION} and nothing is written (no log entry, no
 * notification, no audit entry). So a form sent twice (a double click, the back button, a client retry after a lost
 * answer) applies once, and two people acting on the same view cannot overwrite each other's change unseen.
 * Without an expected version ({@code null}) a command has no precondition.
 */
public interface ExpectsVersion {

    /**
     * The escalation the command changes.
     *
     * @return its id
     */
    EscalationId escalation();

    /**
     * The version the escalation must have for the command to apply (at least 1, the version of a new escalation), or
     * {@code null} for no precondition.
     *
     * @return the expected version, may be {@code null}
     */
    @Nullable
    Long expectedVersion();
}
