package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import java.util.Optional;

/**
 * The result of {@link AuditOperations#verify}: how long the chain is, its head, what the latest anchor covers and the
 * first problem found, if any. A chain that verifies and agrees with its latest anchor proves that nothing up to the
 * anchored length was changed, deleted, reordered or cut off since the anchor was signed; entries after the last
 * anchor are protected only by the chain itself (whoever can write the store can recompute them consistently).
 *
 * @param escalation    the escalation
 * @param length        the sequence of the last chained entry (0 if none)
 * @param head          the hash of the last chained entry, if any
 * @param unverified    entries older than the audit trail (before the genesis)
 * @param anchored      the length the latest anchor covers, if one was taken
 * @param problem       the first broken link, or else the first disagreement with the anchor
 * @param uncheckable   personal values whose key was shredded: their commitments are checked, the values cannot be
 */
public record AuditVerification(
        EscalationId escalation,
        long length,
        Optional<String> head,
        long unverified,
        Optional<Long> anchored,
        Optional<Problem> problem,
        int uncheckable) {

    /**
     * Validates the components.
     *
     * @param escalation the escalation
     * @param length the sequence of the last chained entry
     * @param head the head hash, if any
     * @param unverified entries older than the audit trail
     * @param anchored the length the latest anchor covers, if any
     * @param problem the first problem, if any
     * @param uncheckable personal values whose key was shredded
     * @throws NullPointerException if a component is null
     */
    public AuditVerification {
        requireNonNull(escalation, "escalation");
        requireNonNull(head, "head");
        requireNonNull(anchored, "anchored");
        requireNonNull(problem, "problem");
    }

    /**
     * Whether the chain is intact and agrees with its latest anchor.
     *
     * @return {@code true} if no problem was found
     */
    public boolean intact() {
        return problem.isEmpty();
    }

    /**
     * What is wrong, and where.
     *
     * @param sequence the entry where it shows (for anchor problems: the anchored length)
     * @param reason   what is wrong
     */
    public record Problem(long sequence, Reason reason) {
        /**
         * Validates the components.
         *
         * @param sequence where it shows
         * @param reason what is wrong
         * @throws NullPointerException if the reason is null
         */
        public Problem {
            requireNonNull(reason, "reason");
        }
    }

    /**
     * The kinds of problem, in the order they are looked for per entry ({@link #UNREADABLE}, added later, is found
     * first: an entry the store cannot read back has no fields to check).
     */
    public enum Reason {
        /** An entry's sequence is not its predecessor's plus one (an entry deleted or moved). */
        SEQUENCE_GAP,
        /** An entry without a link follows a linked one. */
        UNLINKED,
        /** An entry's stored previous hash is not its predecessor's hash (or the genesis/zero hash). */
        BROKEN_LINK,
        /** A personal value no longer matches the commitment stored with it. */
        VALUE_CHANGED,
        /** An entry's fields do not give its stored hash (the entry was edited). */
        HASH_MISMATCH,
        /** The escalation's stored head or entry count is not the chain's last entry (the tail was cut off). */
        HEAD_MISMATCH,
        /** The latest anchor covers more entries than the chain has (the tail was cut off). */
        ANCHOR_BEYOND_END,
        /** The hash at the anchored length is not the anchored head (the chain was recomputed). */
        ANCHOR_MISMATCH,
        /**
         * The latest anchor's signature does not verify with the engine's public key (or the stored anchor is not one:
         * a head that is not a hash, a length that is not positive, an instant out of range).
         */
        ANCHOR_SIGNATURE,
        /**
         * An entry the store cannot read back, or the key of a person whose value it holds: a value the engine never
         * writes (an unknown kind or visibility, parameters that are not the stored JSON, an instant out of range, a
         * key that is not 32 bytes of hex), changed outside the engine. Verification stops there: the entries after it
         * are not read.
         */
        UNREADABLE
    }
}
