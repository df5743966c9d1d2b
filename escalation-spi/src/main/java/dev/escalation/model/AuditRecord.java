package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One link of an escalation's audit chain as the engine exports it: the entry's fields that enter the hash, with every
 * personal value replaced by its HMAC commitment, and the stored hashes. The canonical encoding that is hashed is
 * described in {@code docs/audit.md}; {@code docs/audit-verify.py} recomputes it from a JSON Lines export.
 *
 * @param sequence   the entry's position (1-based)
 * @param at         when it was recorded, at the store's instant precision
 * @param kind       what it records
 * @param actor      who did it
 * @param visibility whether the customer may read it
 * @param text       the HMAC-SHA256 commitment (hex) of the entry's free text, if it has one
 * @param params     the entry's parameters in stored order; each {@link EntryParam.Text} holds the commitment (hex) of
 *                   the person's words, never the words
 * @param previous   the stored hash of the previous link (64 zeros, or the genesis hash)
 * @param hash       the stored hash of this link
 */
public record AuditRecord(
        long sequence,
        Instant at,
        ProgressKind kind,
        ActorRef actor,
        Visibility visibility,
        Optional<String> text,
        Map<String, EntryParam> params,
        String previous,
        String hash) {
    /**
     * Validates and copies the components.
     *
     * @param sequence the entry's position (1-based)
     * @param at when it was recorded
     * @param kind what it records
     * @param actor who did it
     * @param visibility whether the customer may read it
     * @param text the commitment of the free text, if any
     * @param params the parameters with personal values as commitments
     * @param previous the stored hash of the previous link
     * @param hash the stored hash of this link
     * @throws NullPointerException if a component is null
     */
    public AuditRecord {
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(actor, "actor");
        requireNonNull(visibility, "visibility");
        requireNonNull(text, "text");
        params = Maps.copyOrdered(params, "params");
        requireNonNull(previous, "previous");
        requireNonNull(hash, "hash");
    }
}
