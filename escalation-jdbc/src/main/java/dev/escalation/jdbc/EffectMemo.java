package dev.escalation.jdbc;

import dev.escalation.spi.SideEffect;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * An exact memo of the side effects of outbox rows (format {@link Json#FORMAT}): per message id the payload text this
 * store wrote, with the side effect it was written from. A claim that reads the same text (and type) for that message
 * takes the remembered effect instead of parsing the payload; any other text is parsed. Compared by the whole text, so
 * it answers only what parsing the same text answers (the storage format's round trip, {@code
 * StorageFormatPropertyTest}, and {@code DocumentMemoPropertyTest}).
 *
 * <p>Bounded: a fixed number of slots, one message per slot by the hash of its id (a newer message takes the slot).
 * Thread-safe: a slot holds an immutable entry, replaced as a whole. One memo per store instance.
 */
final class EffectMemo {
    /** Slots: at most this many messages are remembered. */
    static final int SLOTS = 4096;

    private record Entry(String id, String type, String text, SideEffect effect) {}

    private final Json json;
    private final AtomicReferenceArray<@Nullable Entry> slots = new AtomicReferenceArray<>(SLOTS);

    EffectMemo(Json json) {
        this.json = json;
    }

    private static int slot(String id) {
        int h = id.hashCode();
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** Remembers the payload written for message {@code id}. */
    void wrote(String id, String type, String text, SideEffect effect) {
        slots.set(slot(id), new Entry(id, type, text, effect));
    }

    /**
     * The side effect of message {@code id}'s payload: the remembered one if type and text equal the remembered ones,
     * else parsed (and the slot left to the message written last).
     */
    SideEffect read(String id, String type, String text, int format) {
        int slot = slot(id);
        @Nullable Entry known = slots.get(slot);
        if (format == Json.FORMAT
                && known != null
                && known.id().equals(id)
                && known.type().equals(type)
                && known.text().equals(text)) {
            slots.compareAndSet(slot, known, null); // a message is claimed once, as a rule: free the slot
            return known.effect();
        }
        return json.readEffect(type, text, format);
    }

    /** Forgets every message (payloads were erased). */
    void clear() {
        for (int i = 0; i < SLOTS; i++) {
            slots.set(i, null);
        }
    }
}
