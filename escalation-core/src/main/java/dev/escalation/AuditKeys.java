package dev.escalation;

import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.SubjectKeys;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answers of a {@link SubjectKeys} port as the engine takes them: a key is {@value SubjectKeys#KEY_BYTES} bytes
 * from a {@code SecureRandom}. Any other answer is impossible (an empty, short or long array; 32 zero bytes, which a
 * random source never gives and which is what a wiped key holds) and is refused as data the port cannot read back
 * ({@link StoredDataException}, reported as the non-retryable {@code CORRUPT_DATA}) before any HMAC is computed
 * under it. Called inside {@link Ports#call}, which reports a {@code null} answer as {@code UNAVAILABLE}. The check is
 * one pass over 32 bytes per key read; no copy on the command path.
 */
final class AuditKeys {
    private AuditKeys() {}

    /** {@code key} if it is a key, {@code null} as it is (no answer); anything else is refused. */
    static byte @Nullable [] checked(byte @Nullable [] key) {
        if (key == null) {
            return null;
        }
        if (key.length != SubjectKeys.KEY_BYTES) {
            throw new StoredDataException(
                    "SubjectKeys answered a key of " + key.length + " bytes, not " + SubjectKeys.KEY_BYTES, 0, null);
        }
        int any = 0;
        for (byte b : key) {
            any |= b;
        }
        if (any == 0) {
            throw new StoredDataException("SubjectKeys answered a key of zero bytes only (a wiped key)", 0, null);
        }
        return key;
    }

    /**
     * An {@code existingKey} answer for verification: a copy of the key, so that an adapter that changes the array it
     * returned (wipes it when it hands out the next) cannot change a key verification keeps for a person's later
     * entries; {@code null} as it is.
     */
    static @Nullable Optional<byte[]> existing(@Nullable Optional<byte[]> key) {
        if (key == null || key.isEmpty()) {
            return key;
        }
        byte[] copy = key.get().clone();
        return Optional.of(checked(copy));
    }
}
