package dev.escalation.inmemory;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.PartyRef;
import dev.escalation.spi.SubjectKeys;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link SubjectKeys} in a map, for tests and demos. Thread-safe. */
public final class InMemorySubjectKeys implements SubjectKeys {
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentMap<PartyRef, byte[]> keys = new ConcurrentHashMap<>();

    /** An empty key store. */
    public InMemorySubjectKeys() {}

    @Override
    public byte[] keyOf(PartyRef subject) {
        requireNonNull(subject, "subject");
        byte[] key = keys.get(subject); // the usual case: no function object made, no bin locked
        return (key != null ? key : keys.computeIfAbsent(subject, this::newKey)).clone();
    }

    private byte[] newKey(PartyRef subject) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    @Override
    public Optional<byte[]> existingKey(PartyRef subject) {
        return Optional.ofNullable(keys.get(requireNonNull(subject, "subject"))).map(byte[]::clone);
    }

    @Override
    public boolean shred(PartyRef subject) {
        byte[] key = keys.remove(requireNonNull(subject, "subject"));
        if (key != null) {
            java.util.Arrays.fill(key, (byte) 0);
        }
        return key != null;
    }
}
