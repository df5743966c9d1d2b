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
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The log of one escalation in a compact form: each entry as a {@link Packed} (no {@link Optional} wrappers, audit
 * hashes as 32 bytes instead of 64-character strings, the previous hash shared with the entry before, equal actors
 * parameter keys and values shared through the store's {@link Interner}); {@link #get} rebuilds an equal
 * {@link StoredEntry}. Not thread-safe: guarded by its {@link Slot}'s monitor, as the list it replaces.
 */
final class CompactLog extends AbstractList<StoredEntry> implements RandomAccess {

    private static final HexFormat HEX = HexFormat.of();
    private static final Object[] EMPTY = {};

    /** An entry without its sequence (its position) and without wrappers. */
    private static final class Packed {
        final Instant at;
        final ProgressKind kind;
        final ActorRef actor;
        final Visibility visibility;
        final @Nullable String text;
        /** Keys and values in order; a reference that is a 64-digit hexadecimal commitment as its 32 bytes. */
        final Object[] params;
        /** The link's hash and previous hash as bytes; null without a link. */
        final byte @Nullable [] hash;

        final byte @Nullable [] previous;

        Packed(StoredEntry e, @Nullable Packed before, Interner interner) {
            this.at = before != null && before.at.equals(e.at()) ? before.at : e.at();
            this.kind = e.kind();
            this.actor = interner.intern(e.actor());
            this.visibility = e.visibility();
            this.text = e.text().orElse(null);
            this.params = pack(e.params(), interner);
            if (e.chain().isPresent()) {
                ChainLink link = e.chain().get();
                this.hash = HEX.parseHex(link.hash());
                byte[] prev = HEX.parseHex(link.previous());
                this.previous = before != null && Arrays.equals(before.hash, prev) ? before.hash : prev;
            } else {
                this.hash = null;
                this.previous = null;
            }
        }

        StoredEntry toEntry(long sequence) {
            Optional<ChainLink> chain = hash == null
                    ? Optional.empty()
                    : Optional.of(new ChainLink(HEX.formatHex(hash), HEX.formatHex(previous)));
            return new StoredEntry(
                    sequence, at, kind, actor, visibility, Optional.ofNullable(text), unpack(params), chain);
        }

        private static Object[] pack(Map<String, EntryParam> params, Interner interner) {
            if (params.isEmpty()) {
                return EMPTY;
            }
            Object[] kv = new Object[params.size() * 2];
            int i = 0;
            for (Map.Entry<String, EntryParam> p : params.entrySet()) {
                kv[i++] = interner.intern(p.getKey());
                EntryParam v = p.getValue();
                if (v instanceof EntryParam.Ref r && isHex64(r.value())) {
                    kv[i++] = HEX.parseHex(r.value());
                } else {
                    kv[i++] = v instanceof EntryParam.Text || v instanceof EntryParam.At ? v : interner.intern(v);
                }
            }
            return kv;
        }

        private static Map<String, EntryParam> unpack(Object[] kv) {
            if (kv.length == 0) {
                return Map.of();
            }
            Map<String, EntryParam> params = new LinkedHashMap<>(kv.length);
            for (int i = 0; i < kv.length; i += 2) {
                Object v = kv[i + 1];
                params.put(
                        (String) kv[i], v instanceof byte[] b ? new EntryParam.Ref(HEX.formatHex(b)) : (EntryParam) v);
            }
            return params;
        }

        /** Whether {@code s} is 64 lower-case hexadecimal digits (it then round-trips through 32 bytes exactly). */
        private static boolean isHex64(String s) {
            if (s.length() != 64) {
                return false;
            }
            for (int i = 0; i < 64; i++) {
                char c = s.charAt(i);
                if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                    return false;
                }
            }
            return true;
        }
    }

    private final Interner interner;
    /** A {@link Packed} per entry, or the {@link StoredEntry} itself when its sequence is not its position. */
    private Object[] entries = EMPTY;

    private int size;

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
        Object o = entries[index];
        return o instanceof Packed p ? p.toEntry(index + 1L) : (StoredEntry) o;
    }

    @Override
    public boolean add(StoredEntry e) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size == 0 ? 8 : size + (size >> 1));
        }
        entries[size] = pack(e, size);
        size++;
        modCount++;
        return true;
    }

    @Override
    public StoredEntry set(int index, StoredEntry e) {
        StoredEntry old = get(index);
        entries[index] = pack(e, index);
        return old;
    }

    private Object pack(StoredEntry e, int index) {
        if (e.sequence() != index + 1L) {
            return e; // kept as it is: reads return it unchanged
        }
        Object before = index > 0 ? entries[index - 1] : null;
        return new Packed(e, before instanceof Packed p ? p : null, interner);
    }
}
