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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
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
        // the author's key in two fields (most commands need no other: no map per command), any other in a map
        private @org.jspecify.annotations.Nullable PartyRef first;

        private byte @org.jspecify.annotations.Nullable [] firstKey;

        private @org.jspecify.annotations.Nullable Map<PartyRef, byte[]> more;

        /** The store's keys bound to the running transaction (SPI v2), or null: missing keys are read outside. */
        @org.jspecify.annotations.Nullable
        SubjectKeys inTransaction;

        /** The keys of a unit of work run with the store's transactional keys: nothing known from another one. */
        Keys bind(SubjectKeys transaction) {
            first = null;
            firstKey = null;
            more = null;
            inTransaction = transaction;
            return this;
        }

        /** Keeps {@code key} for {@code subject}, as a map's put (a null key is kept as null: still missing). */
        void put(PartyRef subject, byte @org.jspecify.annotations.Nullable [] key) {
            if (first == null || first.equals(subject)) {
                first = subject;
                firstKey = key;
            } else {
                if (more == null) {
                    more = new HashMap<>(4);
                }
                more.put(subject, key);
            }
        }

        /**
         * Reads the missing keys inside the store's transaction (created on first use), in one fixed order (kind, then
         * id), so two commands that create the same new keys cannot wait for each other in opposite orders; without
         * such a transaction the command asks for them with {@link Missing}.
         */
        void supply(Set<PartyRef> missing) {
            SubjectKeys tx = inTransaction;
            if (tx == null) {
                throw new Missing(missing);
            }
            List<PartyRef> ordered = new ArrayList<>(missing);
            ordered.sort(Comparator.comparing((PartyRef p) -> p.kind()).thenComparing(PartyRef::id));
            for (PartyRef s : ordered) {
                put(s, Ports.call(() -> AuditKeys.checked(tx.keyOf(s)))); // typed failures; only a key is a key
            }
        }

        /** The subject's key if read beforehand, else null (the link asks for every missing one at once). */
        byte @org.jspecify.annotations.Nullable [] of(PartyRef subject) {
            if (first != null && first.equals(subject)) {
                return firstKey;
            }
            Map<PartyRef, byte[]> others = more;
            return others == null ? null : others.get(subject);
        }
    }

    /** Thrown inside a unit of work when a subject's key was not read beforehand; read it and run again. */
    static final class Missing extends Ports.Signal {
        private static final long serialVersionUID = 1L;
        final transient Set<PartyRef> subjects;

        Missing(Set<PartyRef> subjects) {
            super("audit keys missing");
            this.subjects = subjects;
        }
    }

    /** The keys of the given subjects, created on first use (outside any unit of work). */
    Keys keysFor(Keys keys, Iterable<PartyRef> subjects) {
        for (PartyRef s : subjects) {
            keyFor(keys, s);
        }
        return keys;
    }

    /** {@link #keysFor} for one subject (the author's key before every command: no list). */
    void keyFor(Keys keys, PartyRef subject) {
        if (keys.of(subject) == null) {
            keys.put(subject, Ports.call(() -> AuditKeys.checked(settings.keys().keyOf(subject)))); // never null
        }
    }

    /** The instant the store keeps: what is hashed is what comes back. */
    Instant truncate(Instant at) {
        return at.truncatedTo(precision);
    }

    /**
     * The entries with their links (instants truncated, commitment parameters added) and the new head. One pass per
     * entry: commitments and the entry's hash are written as its parameters are visited (no map per entry for the
     * hashed parameters). A key not known is read inside the store's transaction when the store keeps the keys;
     * otherwise the whole command asks for the missing keys ({@link Missing}, every missing subject in entry and
     * parameter order).
     */
    List<StoredEntry> link(StoredEscalation base, List<LoggedEntry> entries, Keys keys) {
        return linkLogged(base.id(), base.facts().chainHead().orElse(null), entries, keys);
    }

    /** {@link #link(StoredEscalation, List, Keys)} after the head {@code previous} of escalation {@code id}. */
    List<StoredEntry> link(
            EscalationId id, @org.jspecify.annotations.Nullable String head, List<StoredEntry> entries, Keys keys) {
        if (entries.isEmpty()) {
            return entries;
        }
        List<LoggedEntry> parts = new ArrayList<>(entries.size());
        for (StoredEntry e : entries) {
            parts.add(LoggedEntry.of(e));
        }
        return linkLogged(id, head, parts, keys);
    }

    /** {@link #link(EscalationId, String, List, Keys)} of entries as logged. */
    List<StoredEntry> linkLogged(
            EscalationId id, @org.jspecify.annotations.Nullable String head, List<LoggedEntry> entries, Keys keys) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Linker linker = new Linker(id, keys);
        String previous = head;
        List<StoredEntry> out = new ArrayList<>(entries.size());
        for (LoggedEntry e : entries) {
            Instant at = truncate(e.at());
            if (previous == null) {
                previous =
                        e.sequence() == 1 ? AuditEncoding.ZEROS : AuditEncoding.genesisHash(id, e.sequence() - 1, at);
            }
            StoredEntry linked = linker.link(e, at, previous);
            if (linked != null) {
                out.add(linked);
                previous = linked.chain().orElseThrow().hash();
            }
        }
        if (linker.missing != null) {
            keys.supply(linker.missing); // throws Missing unless the store keeps the keys in this transaction
            return linkLogged(id, head, entries, keys);
        }
        return out;
    }

    /** Links the entries of one command, one at a time, visiting each entry's parameters once. */
    private final class Linker implements BiConsumer<String, EntryParam> {
        private final EscalationId id;
        private final Keys keys;
        /** Subjects whose key was not read, in the order they were needed; null while none is missing. */
        @org.jspecify.annotations.Nullable
        Set<PartyRef> missing;

        // the entry being linked: its hash being written, its stored parameters and commitments (name, value pairs)
        private LoggedEntry entry;
        private PartyRef author;
        private AuditWriter hash;
        private Object[] params = NONE; // sized by the first entry's parameters, grown as needed
        private int n;
        private Object[] commitments = NONE;
        private int c;
        private boolean truncated;

        Linker(EscalationId id, Keys keys) {
            this.id = id;
            this.keys = keys;
        }

        /** The entry linked to {@code previous}, or null if a key is missing. */
        @org.jspecify.annotations.Nullable
        StoredEntry link(LoggedEntry e, Instant at, String previous) {
            entry = e;
            if (params.length < 2 * e.params().size()) {
                params = new Object[2 * e.params().size()];
            }
            author = AuditEncoding.textSubject(e.actor());
            n = 0;
            c = 0;
            truncated = false;
            String text = null;
            if (e.text().isPresent()) {
                byte[] key = key(author);
                if (key != null) {
                    text = AuditEncoding.commit(
                            key, id, e.sequence(), "text", e.text().get());
                }
            }
            hash = AuditEncoding.entryStart(
                    id,
                    e.sequence(),
                    at,
                    e.kind(),
                    e.actor(),
                    e.visibility(),
                    text,
                    e.params().size());
            e.params().forEach(this);
            if (missing != null) {
                return null; // the command runs again with the missing keys
            }
            ChainLink link = new ChainLink(AuditEncoding.entryEnd(hash, previous), previous);
            Map<String, EntryParam> stored = e.params();
            if (truncated || c > 0 || text != null) {
                ParamArray copy = new ParamArray(n / 2 + c / 2 + 1);
                for (int i = 0; i < n; i += 2) {
                    copy.append((String) params[i], (EntryParam) params[i + 1]);
                }
                for (int i = 0; i < c; i += 2) { // put: as a map's put, should a name be taken already
                    copy.put((String) commitments[i], (EntryParam) commitments[i + 1]);
                }
                if (text != null) {
                    copy.put(AuditEncoding.TEXT_COMMITMENT, new EntryParam.Ref(text));
                }
                stored = copy;
            }
            return new StoredEntry(
                    e.sequence(), at, e.kind(), e.actor(), e.visibility(), e.text(), stored, Optional.of(link));
        }

        /** One parameter: into the hash (a Text value as its commitment) and the stored parameters. */
        @Override
        public void accept(String name, EntryParam v) {
            EntryParam value = v;
            if (v instanceof EntryParam.Text t) {
                PartyRef participant = AuditEncoding.participantSubject(entry.kind(), entry.params(), name);
                byte[] key = key(participant != null ? participant : author);
                if (key != null) {
                    AuditEncoding.ParamNames names = AuditEncoding.names(name);
                    String commitment = AuditEncoding.commit(key, id, entry.sequence(), names.field(), t.value());
                    commitments = pair(commitments, c, names.commitment(), new EntryParam.Ref(commitment));
                    c += 2;
                    hash.committed(name, commitment);
                }
            } else {
                if (v instanceof EntryParam.At a) {
                    Instant at = truncate(a.value());
                    if (!at.equals(a.value())) {
                        value = new EntryParam.At(at);
                        truncated = true;
                    }
                }
                hash.param(name, value);
            }
            params = pair(params, n, name, value);
            n += 2;
        }

        private byte @org.jspecify.annotations.Nullable [] key(PartyRef subject) {
            byte[] key = keys.of(subject);
            if (key == null) {
                if (missing == null) {
                    missing = new LinkedHashSet<>();
                }
                missing.add(subject);
            }
            return key;
        }
    }

    private static final Object[] NONE = new Object[0];

    private static Object[] pair(Object[] array, int at, Object name, Object value) {
        Object[] a = at + 2 <= array.length ? array : Arrays.copyOf(array, Math.max(4, array.length * 2));
        a[at] = name;
        a[at + 1] = value;
        return a;
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
                    valueMismatch |= stored.isEmpty() || !stored.get().equals(c); // the engine always stores it
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
                valueMismatch |= stored.isEmpty() || !stored.get().equals(c); // the engine always stores it
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
