package dev.escalation;

import dev.escalation.model.AuditRecord;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubjectKeys;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Links a command's new entries into the escalation's audit chain inside its unit of work (no port is called: the
 * subjects' keys are read before, and a missing one is asked for with {@link Missing}; a store that keeps the keys
 * (SPI v2) gives them to the unit of work inside its transaction instead), and recomputes stored links
 * for reading and verification. The encoding is {@link AuditEncoding}.
 */
final class AuditChain {
    private final AuditSettings settings;
    private final ChronoUnit precision;
    /** The store keeps the keys in its own transactions (SPI v2): none is read before a unit of work. */
    final boolean keysInStore;

    AuditChain(AuditSettings settings, ChronoUnit precision, boolean keysInStore) {
        this.settings = settings;
        this.precision = precision;
        this.keysInStore = keysInStore;
    }

    AuditSettings settings() {
        return settings;
    }

    /** The per-person keys (an erasure shreds the erased person's key). */
    SubjectKeys keys() {
        return settings.keys();
    }

    static final class Keys {
        final Map<PartyRef, byte[]> known = new HashMap<>();
        /** The store's keys bound to the running transaction (SPI v2), or null: missing keys are read outside. */
        @org.jspecify.annotations.Nullable
        SubjectKeys inTransaction;

        /** The keys of a unit of work run with the store's transactional keys: nothing known from another one. */
        Keys bind(SubjectKeys transaction) {
            known.clear();
            inTransaction = transaction;
            return this;
        }

        /** Reads the missing keys inside the store's transaction, or asks for them with {@link Missing}. */
        void supply(Set<PartyRef> missing) {
            SubjectKeys tx = inTransaction;
            if (tx == null) {
                throw new Missing(missing);
            }
            for (PartyRef s : missing) {
                known.put(s, tx.keyOf(s));
            }
        }
    }

    /** Thrown inside a unit of work when a subject's key was not read beforehand; read it and run again. */
    static final class Missing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Set<PartyRef> subjects;

        Missing(Set<PartyRef> subjects) {
            super("audit keys missing", null, false, false);
            this.subjects = subjects;
        }
    }

    /** The keys of the given subjects, created on first use (outside any unit of work). */
    Keys keysFor(Keys keys, Iterable<PartyRef> subjects) {
        for (PartyRef s : subjects) {
            keys.known.computeIfAbsent(s, x -> Ports.call(() -> settings.keys().keyOf(x)));
        }
        return keys;
    }

    /** The instant the store keeps: what is hashed is what comes back. */
    Instant truncate(Instant at) {
        return at.truncatedTo(precision);
    }

    /** The entries with their links (instants truncated, commitment parameters added) and the new head. */
    List<StoredEntry> link(StoredEscalation base, List<StoredEntry> entries, Keys keys) {
        if (entries.isEmpty()) {
            return entries;
        }
        Set<PartyRef> missing = new LinkedHashSet<>();
        for (StoredEntry e : entries) {
            e.text().ifPresent(t -> need(keys, AuditEncoding.textSubject(e), missing));
            e.params().forEach((name, v) -> {
                if (v instanceof EntryParam.Text) {
                    need(keys, AuditEncoding.paramSubject(e.kind(), e.params(), name, e), missing);
                }
            });
        }
        if (!missing.isEmpty()) {
            keys.supply(missing);
        }
        EscalationId id = base.id();
        String previous = base.facts().chainHead().orElse(null);
        List<StoredEntry> out = new ArrayList<>(entries.size());
        for (StoredEntry e : entries) {
            Instant at = truncate(e.at());
            if (previous == null) {
                previous =
                        e.sequence() == 1 ? AuditEncoding.ZEROS : AuditEncoding.genesisHash(id, e.sequence() - 1, at);
            }
            Map<String, EntryParam> stored = new LinkedHashMap<>();
            Map<String, EntryParam> hashed = new LinkedHashMap<>();
            Map<String, EntryParam> commitments = new LinkedHashMap<>();
            e.params().forEach((name, v) -> {
                EntryParam value = v instanceof EntryParam.At a ? new EntryParam.At(truncate(a.value())) : v;
                stored.put(name, value);
                if (value instanceof EntryParam.Text t) {
                    byte[] key = keys.known.get(AuditEncoding.paramSubject(e.kind(), e.params(), name, e));
                    String c = AuditEncoding.commit(key, id, e.sequence(), AuditEncoding.field(name), t.value());
                    commitments.put(AuditEncoding.paramCommitment(name), new EntryParam.Ref(c));
                    hashed.put(name, new EntryParam.Text(c));
                } else {
                    hashed.put(name, value);
                }
            });
            Optional<String> text = e.text()
                    .map(t -> AuditEncoding.commit(
                            keys.known.get(AuditEncoding.textSubject(e)), id, e.sequence(), "text", t));
            text.ifPresent(c -> commitments.put(AuditEncoding.TEXT_COMMITMENT, new EntryParam.Ref(c)));
            stored.putAll(commitments);
            String hash = AuditEncoding.entryHash(
                    id, e.sequence(), at, e.kind(), e.actor(), e.visibility(), text, hashed, previous);
            out.add(new StoredEntry(
                    e.sequence(),
                    at,
                    e.kind(),
                    e.actor(),
                    e.visibility(),
                    e.text(),
                    stored,
                    Optional.of(new ChainLink(hash, previous))));
            previous = hash;
        }
        return out;
    }

    private static void need(Keys keys, PartyRef subject, Set<PartyRef> missing) {
        if (!keys.known.containsKey(subject)) {
            missing.add(subject);
        }
    }

    // ------------------------------------------------------------------ reading back

    /** A stored chained entry as a record: commitments recomputed where the key exists, else the stored ones. */
    static Read read(EscalationId id, StoredEntry e, Function<PartyRef, Optional<byte[]>> keys) {
        ChainLink link = e.chain().orElseThrow();
        boolean valueMismatch = false;
        boolean missingCommitment = false;
        int uncheckable = 0;
        Map<String, EntryParam> hashed = new LinkedHashMap<>();
        for (Map.Entry<String, EntryParam> p : e.params().entrySet()) {
            String name = p.getKey();
            if (name.startsWith(AuditEncoding.PREFIX)) {
                continue;
            }
            if (p.getValue() instanceof EntryParam.Text t) {
                Optional<String> stored = ref(e.params().get(AuditEncoding.paramCommitment(name)));
                Optional<byte[]> key;
                try {
                    key = keys.apply(AuditEncoding.paramSubject(e.kind(), e.params(), name, e));
                } catch (IllegalArgumentException badKind) {
                    key = Optional.empty();
                }
                String c;
                if (key.isPresent()) {
                    c = AuditEncoding.commit(key.get(), id, e.sequence(), AuditEncoding.field(name), t.value());
                    valueMismatch |= stored.isPresent() && !stored.get().equals(c);
                } else {
                    uncheckable++;
                    missingCommitment |= stored.isEmpty();
                    c = stored.orElse("");
                }
                hashed.put(name, new EntryParam.Text(c));
            } else {
                hashed.put(name, p.getValue());
            }
        }
        Optional<String> text = Optional.empty();
        if (e.text().isPresent()) {
            Optional<String> stored = ref(e.params().get(AuditEncoding.TEXT_COMMITMENT));
            Optional<byte[]> key = keys.apply(AuditEncoding.textSubject(e));
            if (key.isPresent()) {
                String c = AuditEncoding.commit(
                        key.get(), id, e.sequence(), "text", e.text().get());
                valueMismatch |= stored.isPresent() && !stored.get().equals(c);
                text = Optional.of(c);
            } else {
                uncheckable++;
                missingCommitment |= stored.isEmpty();
                text = Optional.of(stored.orElse(""));
            }
        }
        AuditRecord r = new AuditRecord(
                e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), text, hashed, link.previous(), link.hash());
        return new Read(r, valueMismatch || missingCommitment, uncheckable);
    }

    /** The hash a record's fields give. */
    static String recompute(EscalationId id, AuditRecord r) {
        return AuditEncoding.entryHash(
                id, r.sequence(), r.at(), r.kind(), r.actor(), r.visibility(), r.text(), r.params(), r.previous());
    }

    private static Optional<String> ref(EntryParam p) {
        return p instanceof EntryParam.Ref r ? Optional.of(r.value()) : Optional.empty();
    }

    /**
     * A record read back.
     *
     * @param record        the record
     * @param valueMismatch a personal value no longer matches its stored commitment (or the commitment is gone)
     * @param uncheckable   personal values whose key was shredded (checked by their commitments only)
     */
    record Read(AuditRecord record, boolean valueMismatch, int uncheckable) {}
}
