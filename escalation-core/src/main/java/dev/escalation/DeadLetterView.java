package dev.escalation;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import java.time.Instant;
import java.util.Optional;

/**
 * A side effect given up (dead-lettered), as Support Management sees it: what it was and why it failed, without its
 * content. Replay it with {@link EscalationOperations#replay} or all of its escalation's with
 * {@link EscalationOperations#replayAll}.
 *
 * @param id         the message, for {@link EscalationOperations#replay}
 * @param escalation the escalation
 * @param customer   its customer
 * @param target     a notification or a ticket call
 * @param effect     the notification kind (such as {@code ESCALATION_CONFIRMED}) or the ticket call (such as
 *                   {@code OPEN}, {@code POST_UPDATE}); {@value #UNKNOWN_EFFECT} for a message the store cannot read
 *                   back whose notification kind or type is in the part it cannot read
 * @param recipient  for a notification: the recipient as {@code KIND:id} (such as {@code CONTACT:ina}); empty for a
 *                   message the store cannot read back (the recipient is in the part it cannot read)
 * @param createdAt  when it was queued
 * @param attempts   the failed attempts
 * @param code       why it was given up, a stable code: {@code PERMANENT} (the adapter said retrying cannot help),
 *                   {@code ATTEMPTS_EXHAUSTED}, {@code NO_CHANNEL} (the recipient has no channel with a notifier),
 *                   {@code UNKNOWN_RECIPIENT} (no longer in the directory, inactive, a contact now of another customer,
 *                   or an external stakeholder erased since), {@code TEXT_PATTERN} (a host text source's pattern does
 *                   not format; the last error names the key: fix the source, then replay), {@code UNRENDERABLE} (the
 *                   stored request holds a value the texts refuse, such as an instant the reader's zone cannot show;
 *                   the last error names the parameter and the rule) or {@code UNREADABLE} (a JDBC store cannot read
 *                   the stored message back: its row was changed outside the store; mend it, then replay; a replay
 *                   before is refused as {@code CORRUPT_DATA}). A message the store cannot read back is listed with
 *                   {@code UNREADABLE} whatever code it was given up with, and with what the store keeps beside its
 *                   content (id, escalation, customer, target, creation, attempts, last error; for a ticket call its
 *                   name)
 * @param lastError  the last failure in words, such as the exception type; never the adapter's message
 */
public record DeadLetterView(
        MessageId id,
        EscalationId escalation,
        CustomerId customer,
        Target target,
        String effect,
        Optional<String> recipient,
        Instant createdAt,
        int attempts,
        Optional<String> code,
        Optional<String> lastError) {

    /** The code of a message the store cannot read back (its stored form was changed outside the store). */
    public static final String UNREADABLE = "UNREADABLE";

    /** The {@link #effect()} of a message the store cannot read back whose kind or type it cannot tell. */
    public static final String UNKNOWN_EFFECT = "UNKNOWN";

    /** Who delivers the side effect. */
    public enum Target {
        /** A notifier. */
        NOTIFICATION,
        /** The ticketing system. */
        TICKETING
    }

    /**
     * Validates the components.
     *
     * @param id the message, for {@link EscalationOperations#replay}
     * @param escalation the escalation
     * @param customer its customer
     * @param target a notification or a ticket call
     * @param effect the notification kind (such as {@code ESCALATION_CONFIRMED}) or the ticket call (such as
     *     {@code OPEN}, {@code POST_UPDATE}); {@value #UNKNOWN_EFFECT} where the store cannot read it back
     * @param recipient for a notification: the recipient as {@code KIND:id} (such as {@code CONTACT:ina}); empty
     *     where the store cannot read it back
     * @param createdAt when it was queued
     * @param attempts the failed attempts
     * @param code why it was given up, a stable code: {@code PERMANENT} (the adapter said retrying cannot help),
     *     {@code ATTEMPTS_EXHAUSTED}, {@code NO_CHANNEL} (the recipient has no channel with a notifier),
     *     {@code UNKNOWN_RECIPIENT} (no longer in the directory, inactive, or a contact now of another customer),
     *     {@code TEXT_PATTERN} (a host text source's pattern does not format; the last error names the key),
     *     {@code UNRENDERABLE} (the stored request holds a value the texts refuse) or {@code UNREADABLE} (the store
     *     could not read the stored message back)
     * @param lastError the last failure in words, such as the exception type; never the adapter's message
     * @throws NullPointerException if a component is null
     */
    public DeadLetterView {
        requireNonNull(id, "id");
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(target, "target");
        requireNonNull(effect, "effect");
        requireNonNull(recipient, "recipient");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(code, "code");
        requireNonNull(lastError, "lastError");
    }
}
