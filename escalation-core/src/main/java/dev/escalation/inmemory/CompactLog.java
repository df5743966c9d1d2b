package dev.escalation.inmemory;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChainLink;
import dev.escalation.spi.StoredEntry;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The log of one escalation in a compact form, column-free and object-free: every entry is a run of bytes in one
 * array ({@link #data}, found through {@link #starts}) holding its instant (seconds from the log's first entry and
 * nanos), kind, visibility, audit hashes as 32 bytes each (the previous hash not repeated when it is the hash of the
 * entry before, nor when it is the genesis hash of zeros), 64-digit hexadecimal references as 32 bytes, instants of
 * parameters, and the numbers the store's {@link Interner} gives equal actors, parameter keys and values; what is
 * neither (free texts, the texts of {@link EntryParam.Text} parameters, values the full interner could not number)
 * is a reference in {@link #refs}. {@link #get} rebuilds an equal {@link StoredEntry}. An entry whose sequence is not
 * its position is kept as written. Not thread-safe: guarded by its {@link Slot}'s monitor, as the list it replaces.
 *
 * <p>{@link #set} (erasure) writes the new entry at the end and clears the old entry's references, so a replaced text
 * is no longer reachable from the log; the old entry's bytes (hashes, instants, codes: no personal data) stay unused.
 */
final class CompactLog extends AbstractList<StoredEntry> implements RandomAccess {

    private static final HexFormat HEX = HexFormat.of();
    private static final ProgressKind[] KINDS = ProgressKind.values();
    private static final Visibility[] VISIBILITIES = Visibility.values();
    private static final Object[] NO_REFS = {};
    private static final byte[] NO_BYTES = {};
    private static final int[] NO_STARTS = {};
    /** The genesis hash: 32 zero bytes. */
    private static final String GENESIS_HEX = "0".repeat(64);

    /** Entry tags: kept as written (one reference), or packed. */
    private static final int RAW = 0;

    private static final int PACKED = 1;

    /** Chain tags: none; previous = hash of the entry before; previous written; previous = 32 zero bytes. */
    private static final int NO_CHAIN = 0;

    private static final int AFTER_PREVIOUS = 1;
    private static final int OWN_PREVIOUS = 2;
    private static final int GENESIS = 3;

    /** Value tags: an interner number, a reference, a 32-byte reference, a text parameter, an instant parameter. */
    private static final int V_ID = 0;

    private static final int V_REF = 1;
    private static final int V_HEX = 2;
    private static final int V_TEXT = 3;
    private static final int V_AT = 4;

    private final Interner interner;
    private byte[] data = NO_BYTES;
    private int length;
    private int[] starts = NO_STARTS;
    private Object[] refs = NO_REFS;
    private int refCount;
    private int size;
    /** The seconds of the first packed entry's instant; the others are written relative to it. */
    private long baseSeconds;

    private boolean based;

    CompactLog(Interner interner) {
        this.interner = interner;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public StoredEntry get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new Reader(starts[index]).entry(index);
    }

    @Override
    public boolean add(StoredEntry e) {
        append(e, null);
        return true;
    }

    /**
     * Appends {@code entries} in order, as {@link #addAll} would; {@code tail} is null or a string holding the digits
     * of the last entry's own hash (the caller knows it is: the audit-chain head it read of the escalation): an entry
     * whose previous hash is that very string, or the very string of the hash of the entry appended before it, is
     * written as following its predecessor without comparing digits. The same bytes either way.
     */
    void append(List<StoredEntry> entries, @Nullable String tail) {
        String before = tail;
        for (int i = 0, n = entries.size(); i < n; i++) {
            before = append(entries.get(i), before);
        }
    }

    /** Appends {@code e} (see {@link #append(List, String)}); returns the string of its hash if it has one written. */
    private @Nullable String append(StoredEntry e, @Nullable String before) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size == 0 ? 8 : size + (size >> 1));
        }
        int start = encode(e, size, before);
        starts[size] = start;
        size++;
        modCount++;
        return data[start] == PACKED && data[start + 1] != NO_CHAIN
                ? e.chain().get().hash()
                : null;
    }

    @Override
    public StoredEntry set(int index, StoredEntry e) {
        StoredEntry old = get(index);
        // the entry after may say "previous = hash of the entry before": write it again against the new one
        boolean follows =
                index + 1 < size && data[starts[index + 1]] == PACKED && data[starts[index + 1] + 1] == AFTER_PREVIOUS;
        StoredEntry next = follows ? get(index + 1) : null;
        clearRefs(index);
        starts[index] = encode(e, index, null);
        if (next != null) {
            clearRefs(index + 1);
            starts[index + 1] = encode(next, index + 1, null);
        }
        return old;
    }

    /** Clears the references of entry {@code index} (it is being replaced). */
    private void clearRefs(int index) {
        Reader r = new Reader(starts[index]);
        r.entry(index);
        Arrays.fill(refs, r.refBase, r.ref, null);
    }

    /** The bytes of the entries (a reference to them: written bytes never change; a grown log has a new array). */
    byte[] data() {
        return data;
    }

    /** Where the last entry's hash starts in {@link #data()}, or -1 if there is none (see {@link #hashAt}). */
    int lastHashAt() {
        return size == 0 ? -1 : hashAt(size - 1);
    }

    /** Where entry {@code index}'s own hash starts in {@link #data}, or -1 if it has none (or is kept as written). */
    private int hashAt(int index) {
        int p = starts[index];
        return data[p] == PACKED && data[p + 1] != NO_CHAIN ? p + 2 : -1;
    }

    /**
     * Writes entry {@code e} at position {@code index} at the end of the data; returns where it starts. {@code before}
     * is null or a string holding the digits of entry {@code index - 1}'s own (written) hash.
     */
    private int encode(StoredEntry e, int index, @Nullable String before) {
        int start = length;
        int refBase = refCount;
        if (e.sequence() != index + 1L) {
            put(RAW);
            varLong(refBase);
            ref(e);
            return start;
        }
        put(PACKED);
        if (e.chain().isEmpty()) {
            put(NO_CHAIN);
        } else {
            // a link holds 64 lower-case hexadecimal digits (ChainLink checks them): written as 32 bytes, no copy
            ChainLink link = e.chain().get();
            String previous = link.previous();
            int tag;
            if (previous == before) { // the very string of the hash before: its digits, no comparison
                tag = AFTER_PREVIOUS;
            } else {
                int at = index > 0 ? hashAt(index - 1) : -1;
                tag = at >= 0 && HexDigits.equal(previous, data, at)
                        ? AFTER_PREVIOUS
                        : previous.equals(GENESIS_HEX) ? GENESIS : OWN_PREVIOUS;
            }
            put(tag);
            putHex(link.hash());
            if (tag == OWN_PREVIOUS) {
                putHex(previous);
            }
        }
        varLong(refBase);
        if (!based) {
            baseSeconds = e.at().getEpochSecond();
            based = true;
        }
        instant(e.at());
        varLong(e.kind().ordinal());
        varLong(e.visibility().ordinal());
        value(e.actor());
        if (e.text().isPresent()) {
            put(1);
            ref(e.text().get());
        } else {
            put(0);
        }
        varLong(e.params().size());
        for (Map.Entry<String, EntryParam> p : e.params().entrySet()) {
            value(p.getKey());
            EntryParam v = p.getValue();
            if (v instanceof EntryParam.Ref r && putTaggedHex(r.value())) {
                // written as 32 bytes
            } else if (v instanceof EntryParam.Text t) {
                put(V_TEXT);
                ref(t.value());
            } else if (v instanceof EntryParam.At a) {
                put(V_AT);
                instant(a.value());
            } else {
                value(v);
            }
        }
        return start;
    }

    /** An interned value as its number, or as a reference once the interner is full. */
    private void value(Object v) {
        int id = interner.id(v);
        if (id >= 0) {
            put(V_ID);
            varLong(id);
        } else {
            put(V_REF);
            ref(v);
        }
    }

    private void instant(Instant at) {
        long d = at.getEpochSecond() - baseSeconds;
        varLong((d << 1) ^ (d >> 63));
        varLong(at.getNano());
    }

    private void ref(Object o) {
        if (refCount == refs.length) {
            refs = Arrays.copyOf(refs, refCount < 32 ? refCount + 4 : refCount + (refCount >> 1));
        }
        refs[refCount++] = o;
    }

    private void ensure(int more) {
        if (length + more > data.length) {
            int grown = data.length < 1024 ? data.length + 96 : data.length + (data.length >> 1);
            data = Arrays.copyOf(data, Math.max(length + more, grown));
        }
    }

    private void put(int b) {
        ensure(1);
        data[length++] = (byte) b;
    }

    private void varLong(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            data[length++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[length++] = (byte) v;
    }

    /**
     * Writes {@link #V_HEX} and the 32 bytes of {@code s} when it is 64 lower-case hexadecimal digits (it then
     * round-trips exactly); returns false, writing nothing, when it is not. One pass, no array made.
     */
    private boolean putTaggedHex(String s) {
        if (s.length() != 64) {
            return false;
        }
        ensure(33);
        if (!HexDigits.decode(s, data, length + 1)) {
            return false;
        }
        data[length] = V_HEX;
        length += 33;
        return true;
    }

    /** Writes the 32 bytes of a hash (64 lower-case hexadecimal digits). */
    private void putHex(String hash) {
        ensure(32);
        if (!HexDigits.decode(hash, data, length)) {
            throw new IllegalArgumentException("not a hash");
        }
        length += 32;
    }

    /** Whether the 32 bytes at {@code at} (see {@link #lastHashAt}) are those of {@code hash} (a hash's digits). */
    boolean hashIs(String hash, int at) {
        return HexDigits.equal(hash, data, at);
    }

    /** Reads one entry from its start; {@link #refBase} and {@link #ref} tell which references it used. */
    private final class Reader {
        private int p;
        int refBase;
        int ref;

        Reader(int start) {
            this.p = start;
        }

        StoredEntry entry(int index) {
            int tag = data[p++];
            if (tag == RAW) {
                refBase = (int) varLong();
                ref = refBase + 1;
                return (StoredEntry) refs[refBase];
            }
            int chainTag = data[p++];
            Optional<ChainLink> chain = Optional.empty();
            if (chainTag != NO_CHAIN) {
                String hash = HEX.formatHex(data, p, p + 32);
                p += 32;
                String previous;
                if (chainTag == OWN_PREVIOUS) {
                    previous = HEX.formatHex(data, p, p + 32);
                    p += 32;
                } else if (chainTag == GENESIS) {
                    previous = HEX.formatHex(new byte[32]);
                } else {
                    int before = hashAt(index - 1);
                    previous = HEX.formatHex(data, before, before + 32);
                }
                chain = Optional.of(new ChainLink(hash, previous));
            }
            refBase = (int) varLong();
            ref = refBase;
            Instant at = instant();
            ProgressKind kind = KINDS[(int) varLong()];
            Visibility visibility = VISIBILITIES[(int) varLong()];
            ActorRef actor = (ActorRef) value(data[p++]);
            Optional<String> text = data[p++] == 0 ? Optional.empty() : Optional.of((String) refs[ref++]);
            int count = (int) varLong();
            Map<String, EntryParam> params = count == 0 ? Map.of() : new LinkedHashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                String key = (String) value(data[p++]);
                int vt = data[p++];
                EntryParam v;
                if (vt == V_HEX) {
                    v = new EntryParam.Ref(HEX.formatHex(data, p, p + 32));
                    p += 32;
                } else if (vt == V_TEXT) {
                    v = new EntryParam.Text((String) refs[ref++]);
                } else if (vt == V_AT) {
                    v = new EntryParam.At(instant());
                } else {
                    v = (EntryParam) value(vt);
                }
                params.put(key, v);
            }
            return new StoredEntry(index + 1L, at, kind, actor, visibility, text, params, chain);
        }

        private Object value(int tag) {
            return tag == V_ID ? interner.byId((int) varLong()) : refs[ref++];
        }

        private Instant instant() {
            long z = varLong();
            long seconds = baseSeconds + ((z >>> 1) ^ -(z & 1));
            return Instant.ofEpochSecond(seconds, varLong());
        }

        private long varLong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[p++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }
    }
}
