package dev.escalation.spi;

import java.util.Optional;

/**
 * One secret key per data subject, under which the audit chain commits that person's words and names (HMAC-SHA256,
 * see {@code docs/audit.md}). Shredding the key ("crypto-shredding") together with erasing the values leaves the
 * chain verifiable while nothing can be learned about the erased values any more. Keys are 32 random bytes, stored
 * by the adapter as given (in-memory map; JDBC table {@code esc_subject_key}). Thread-safe; each call is its own
 * transaction. The engine calls it before a command's unit of work, never inside it, unless the store keeps these
 * keys in its own transactions ({@link EscalationStore#keepsSubjectKeys}, SPI v2): then the engine reads and creates
 * them through the view the store gives its unit of work, inside the command's transaction, and calls this port only
 * to shred a key and to read keys for verification.
 */
public interface SubjectKeys {

    /** The length of every key in bytes. */
    int KEY_BYTES = 32;

    /**
     * The subject's key, created (32 bytes from a {@link java.security.SecureRandom}) and stored on first use, also
     * after a {@link #shred}: a shredded key never comes back, new data gets a new key. Concurrent first uses
     * return the same key.
     *
     * @param subject the person
     * @return a copy of the key ({@value #KEY_BYTES} bytes)
     */
    byte[] keyOf(PartyRef subject);

    /**
     * The subject's key if one is stored; never creates one (used by verification).
     *
     * @param subject the person
     * @return a copy of the key, or empty if none was created or it was shredded
     */
    Optional<byte[]> existingKey(PartyRef subject);

    /**
     * Deletes the subject's key for good. Idempotent.
     *
     * @param subject the person
     * @return {@code true} if a key was deleted
     */
    boolean shred(PartyRef subject);
}
