package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.ActorRef;
import dev.escalation.model.ProgressKind;
import dev.escalation.model.Visibility;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of an escalation's append-only progress log. Once stored, an entry never changes.
 *
 * @param sequence   1-based position in the log, without gaps
 * @param at         when it was recorded (engine clock)
 * @param kind       what it records
 * @param actor      who did it
 * @param visibility whether the customer may read it
 * @param text       free text (may be empty; personal data, never logged)
 * @param details    structured facts of the entry, such as {@code "manager" -> "S-7"}; iteration order is kept
 */
public record ProgressEntry(
        long sequence,
        Instant at,
        ProgressKind kind,
        ActorRef actor,
        Visibility visibility,
        String text,
        Map<String, String> details) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code sequence} is not positive
     */
    public ProgressEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive: " + sequence);
        }
        requireNonNull(at, "at");
        requireNonNull(kind, "kind");
        requireNonNull(actor, "actor");
        requireNonNull(visibility, "visibility");
        requireNonNull(text, "text");
        details = Maps.copyOrdered(details, "details");
    }
}
