package dev.escalation;

import dev.escalation.command.ExpectsVersion;
import dev.escalation.spi.StoredEscalation;

/**
 * The precondition of a command on its escalation's version ({@link ExpectsVersion}), checked inside the unit of work
 * on the row the store has just loaded, before anything else of the command's row: so the check and the write are one
 * versioned write in every store, and a refused command writes nothing.
 */
final class ExpectedVersions {
    private ExpectedVersions() {}

    /** Refuses the command as a stale {@code CONFLICT} when it expects a version other than {@code current}'s. */
    static void check(Object command, StoredEscalation current) {
        if (command instanceof ExpectsVersion) {
            Long expected = ((ExpectsVersion) command).expectedVersion();
            if (expected != null && expected != current.version()) {
                throw EscalationConflictException.stale(current.id(), expected, current.version());
            }
        }
    }
}
