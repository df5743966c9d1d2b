package dev.escalation;

import dev.escalation.model.EscalationId;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredDataException;
import dev.escalation.spi.StoredEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verification's reads of stored data the store may not be able to read back ({@link StoredDataException}, changed
 * outside the engine): where it is, a person's key read as shredded, the entries before an unreadable one. Called
 * only on that path, except {@link #existingKey} (one try block per key read).
 */
final class AuditReads {
    private AuditReads() {}

    /** Where the store found the data it cannot read back (entry sequence, anchor length), 0 if not known. */
    static long position(CorruptDataException e) {
        return e.getCause() instanceof StoredDataException s ? s.position() : 0;
    }

    /**
     * A person's key for verification (a copy); a key the store cannot read back, or an answer that is not a key
     * ({@link AuditKeys}), is kept in {@code corrupt} (the latest one) and read as shredded, so the values under it
     * are taken by their stored commitments.
     */
    static Optional<byte[]> existingKey(AuditSettings settings, PartyRef subject, CorruptDataException[] corrupt) {
        try {
            return Ports.call(() -> AuditKeys.existing(settings.keys().existingKey(subject))); // a copy, checked
        } catch (CorruptDataException e) {
            corrupt[0] = e; // the latest: verify tells a new one by its identity
            return Optional.empty();
        }
    }

    /**
     * The entries after {@code from} that the store can read, up to the first it cannot (one at a time: the store
     * found an unreadable one in the page after {@code from}), at most {@code max}.
     */
    static List<StoredEntry> readableBefore(EscalationStore store, EscalationId id, long from, int max) {
        List<StoredEntry> readable = new ArrayList<>();
        long after = from;
        while (readable.size() < max) {
            long cursor = after;
            List<StoredEntry> one;
            try {
                one = Ports.call(() -> store.entriesForVendor(id, cursor, 1));
            } catch (CorruptDataException unreadable) {
                break;
            }
            if (one.isEmpty() || one.get(0).sequence() <= cursor) {
                break;
            }
            readable.add(one.get(0));
            after = one.get(0).sequence();
        }
        return readable;
    }

    /**
     * {@link AuditChain#read}, and where a personal value does not match its stored commitment (or that is missing)
     * although the values give the entry's stored hash, the record with the stored commitments instead (an empty one
     * for a missing one): what was changed is the commitment, and the record must not read as intact in an export.
     * One more hash only for such an entry.
     */
    static AuditChain.Read read(EscalationId id, StoredEntry e, Function<PartyRef, Optional<byte[]>> keys) {
        AuditChain.Read r = AuditChain.read(id, e, keys);
        if (!r.valueMismatch()
                || !AuditChain.recompute(id, r.record()).equals(r.record().hash())) {
            return r;
        }
        AuditChain.Read stored = AuditChain.read(id, e, subject -> Optional.empty());
        return new AuditChain.Read(stored.record(), true, r.uncheckable());
    }
}
