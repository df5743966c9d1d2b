package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An escalation's audit chain as typed records: the genesis (for entries older than the audit trail), every chained
 * entry in order, and the latest signed anchor. Produced by {@code EscalationEngine.auditTrail}; a JSON Lines form
 * is written by {@code dev.escalation.jdbc.AuditJsonLines} and checked by {@code docs/audit-verify.py}.
 *
 * @param escalation the escalation
 * @param genesis    present when the first chained entry is not the escalation's first entry
 * @param records    the chained entries, oldest first
 * @param anchor     the latest signed checkpoint, if one was taken
 */
public record AuditTrail(
        EscalationId escalation, Optional<Genesis> genesis, List<AuditRecord> records, Optional<SignedHead> anchor) {
    /**
     * Validates and copies the components.
     *
     * @param escalation the escalation
     * @param genesis the genesis, if any
     * @param records the chained entries, oldest first
     * @param anchor the latest anchor, if any
     * @throws NullPointerException if a component is null
     */
    public AuditTrail {
        requireNonNull(escalation, "escalation");
        requireNonNull(genesis, "genesis");
        records = Lists.copyOf(records, "records");
        requireNonNull(anchor, "anchor");
    }

    /**
     * The start of a chain over an escalation whose first entries predate the audit trail: those entries are
     * "unverified before {@code unverifiedBefore}".
     *
     * @param unverifiedEntries how many entries precede the chain (its first entry has sequence this + 1)
     * @param unverifiedBefore  the time of the first chained entry
     * @param hash              the genesis hash: the first chained entry's {@code previous}
     */
    public record Genesis(long unverifiedEntries, Instant unverifiedBefore, String hash) {
        /**
         * Validates the components.
         *
         * @param unverifiedEntries how many entries precede the chain
         * @param unverifiedBefore the time of the first chained entry
         * @param hash the genesis hash
         * @throws NullPointerException if a component is null
         */
        public Genesis {
            requireNonNull(unverifiedBefore, "unverifiedBefore");
            requireNonNull(hash, "hash");
        }
    }

    /**
     * A signed checkpoint: the head hash at a chain length, when it was taken and the Ed25519 signature.
     *
     * @param length    how many entries the head covers
     * @param head      the hash of the entry at {@code length}
     * @param at        when it was taken
     * @param signature the Ed25519 signature over the canonical anchor bytes ({@code docs/audit.md})
     */
    public record SignedHead(long length, String head, Instant at, byte[] signature) {
        /**
         * Validates and copies the components.
         *
         * @param length how many entries the head covers
         * @param head the head hash
         * @param at when it was taken
         * @param signature the signature
         * @throws NullPointerException if a component is null
         */
        public SignedHead {
            requireNonNull(head, "head");
            requireNonNull(at, "at");
            signature = requireNonNull(signature, "signature").clone();
        }

        /**
         * The signature.
         *
         * @return a copy of the signature bytes
         */
        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SignedHead s
                    && s.length == length
                    && s.head.equals(head)
                    && s.at.equals(at)
                    && Arrays.equals(s.signature, signature);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(length) * 31 + head.hashCode();
        }

        @Override
        public String toString() {
            return "SignedHead[" + length + ", " + head + ", " + at + "]";
        }
    }
}
