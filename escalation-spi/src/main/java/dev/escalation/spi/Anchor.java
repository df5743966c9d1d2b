package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.EscalationId;
import java.time.Instant;
import java.util.Arrays;

/**
 * A signed checkpoint of one escalation's audit chain: the head (the hash of the entry at position {@code length})
 * at a point in time, signed with the host's Ed25519 key over the canonical bytes described in {@code
 * docs/audit.md}. Stored outside the chain ({@link AuditAnchors}) and verifiable with the public key alone.
 *
 * @param escalation the escalation
 * @param length     how many entries the head covers (the sequence of the head entry), at least 1
 * @param head       the head hash, 64 lower-case hexadecimal digits
 * @param at         when it was taken (engine clock, truncated to microseconds)
 * @param signature  the Ed25519 signature (64 bytes)
 */
public record Anchor(EscalationId escalation, long length, String head, Instant at, byte[] signature) {
    /**
     * Validates and copies the components.
     *
     * @param escalation the escalation
     * @param length how many entries the head covers, at least 1
     * @param head the head hash, 64 lower-case hexadecimal digits
     * @param at when it was taken
     * @param signature the Ed25519 signature
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the length is not positive or the head is not a hash
     */
    public Anchor {
        requireNonNull(escalation, "escalation");
        if (length < 1) {
            throw new IllegalArgumentException("length must be positive: " + length);
        }
        new ChainLink(head, head); // validates the hash format
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
        return o instanceof Anchor a
                && a.escalation.equals(escalation)
                && a.length == length
                && a.head.equals(head)
                && a.at.equals(at)
                && Arrays.equals(a.signature, signature);
    }

    @Override
    public int hashCode() {
        return escalation.hashCode() * 31 + Long.hashCode(length) + head.hashCode();
    }

    @Override
    public String toString() {
        return "Anchor[" + escalation + ", " + length + ", " + head + ", " + at + "]";
    }
}
