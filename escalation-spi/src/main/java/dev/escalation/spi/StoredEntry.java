package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ActorRef;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of an escalation's append-only progress log, structured: a kind, the free text a person wrote and typed
 * parameters (documented per {@link ProgressKind}). Once stored, an entry never changes, except that erasure of a
 * person replaces their text and personal parameters by a marker.
 *
 * @param sequence   1-based position in the log, without gaps
 * @param at         when it was recorded (engine clock)
 * @param kind       what it records
 * @param actor      who did it
 * @param visibility whether the customer may read it
 * @param text       the free text a person wrote, if any (personal data, never logged)
 * @param params     the kind's parameters, in a stable order
 * @param chain      the audit-chain link, once the audit trail is on
 */
public record StoredEntry(
        long sequence,
        Instant at,
        ProgressKind kind,
        ActorRef actor,
        Visibility visibility,
        Optional<String> text,
        Map<String, EntryParam> params,
        Optional<ChainLink> chain) {

    /**
     * Validates and copies the components.
     *
     * @param sequence 1-based position in the log, without gaps
     * @param at when it was recorded (engine clock)
     * @param kind what it records
     * @param actor who did it
     * @param visibility whether the customer may read it
     * @param text the free text a person wrote, if any (personal data, never logged)
     * @param params the kind's parameters, in a stable order
     * @param chain the audit-chain link, once the audit trail is on
     * @throws NullPointerException if a component, key or value is null
     * @throws IllegalArgumentException if {@code sequence} is not positive
     */
    public StoredEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive: " + sequence);
        }
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(actor, "actor");
        requireNonNull(visibility, "visibility");
        requireNonNull(text, "text");
        params = Maps.copyOrdered(params, "params");
        requireNonNull(chain, "chain");
    }
}
