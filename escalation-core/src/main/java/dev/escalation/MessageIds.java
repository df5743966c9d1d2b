package dev.escalation;

import dev.escalation.model.MessageId;
import java.nio.charset.StandardCharsets;

/**
 * The outbox message id of a side effect: its idempotency key, when that fits a {@link MessageId} (128 characters).
 *
 * <p>Keys are made of ids, and ids may be 128 characters long: a due item's follow-up adds the recipient (its kind
 * and id) to the item's key (a staff id such as {@code CN=Eve Example,OU=Support,DC=vendor,DC=example} already makes
 * it too long for the default escalation ids), and a host's escalation id of up to 128 characters comes before every
 * key of its escalation. Such a key's message id keeps the key's first characters and ends in {@code #} and the whole
 * key's SHA-256 in hex: the same key always gives the same id, so a repeated write is still recognised as one, and two
 * keys give two ids. The side effect's own idempotency key, which notifiers and ticketing systems see, stays whole.
 */
final class MessageIds {
    private static final int MAX = 128;
    private static final int HASH = 64;

    private MessageIds() {}

    /** The message id of the side effect with idempotency key {@code key}. */
    static MessageId forKey(String key) {
        if (key.length() <= MAX) {
            return MessageId.of(key);
        }
        int cut = MAX - 1 - HASH;
        if (Character.isHighSurrogate(key.charAt(cut - 1))) {
            cut--; // never half a character
        }
        return MessageId.of(key.substring(0, cut) + "#" + AuditEncoding.sha256(key.getBytes(StandardCharsets.UTF_8)));
    }
}
