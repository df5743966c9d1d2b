package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import java.time.Instant;
import java.util.Optional;

/**
 * One dead-lettered message as {@link Outbox#deadLetterEntries} lists it: a message the store reads back
 * ({@link Readable}), or one whose stored form it cannot read back ({@link Unreadable}: changed outside the store, such
 * as a payload that is not the store's document), described by what the store can still read of it.
 */
public sealed interface DeadLetterEntry permits DeadLetterEntry.Readable, DeadLetterEntry.Unreadable {

    /**
     * The message id, for {@link Outbox#replay}.
     *
     * @return the id
     */
    MessageId id();

    /**
     * When the message was written (engine clock); the list is ascending by it, then by {@link #id()}.
     *
     * @return the instant
     */
    Instant createdAt();

    /**
     * A dead letter the store reads back whole.
     *
     * @param message the message, as {@link Outbox#deadLetters} returns it
     */
    record Readable(OutboxMessage message) implements DeadLetterEntry {
        /**
         * Validates the component.
         *
         * @param message the message
         * @throws NullPointerException if {@code message} is null
         */
        public Readable {
            requireNonNull(message, "message");
        }

        @Override
        public MessageId id() {
            return message.id();
        }

        @Override
        public Instant createdAt() {
            return message.createdAt();
        }
    }

    /**
     * A dead letter whose side effect the store cannot read back (its stored form was changed outside the store):
     * what the store keeps beside the side effect. Its content (recipient, notification kind, texts) is in the part
     * that cannot be read. {@link Outbox#replay} of it fails as long as it stays unreadable; once mended it is a
     * {@link Readable} again.
     *
     * @param id         the message id
     * @param escalation the escalation, as stored beside the side effect
     * @param customer   the tenant of the escalation
     * @param target     the adapter that would deliver it
     * @param effectType the type of side effect where the store can tell it without reading it (such as
     *                   {@code TicketCommand.Open.class}); empty if the stored type is unknown
     * @param createdAt  when it was written (engine clock)
     * @param attempts   failed deliveries so far
     * @param lastError  a short, personal-data-free reason of the last failure (for a message the store gave up
     *                   because it could not read it: the failure's type)
     */
    record Unreadable(
            MessageId id,
            EscalationId escalation,
            CustomerId customer,
            OutboxMessage.Target target,
            Optional<Class<? extends SideEffect>> effectType,
            Instant createdAt,
            int attempts,
            Optional<String> lastError)
            implements DeadLetterEntry {
        /**
         * Validates the components.
         *
         * @param id the message id
         * @param escalation the escalation, as stored beside the side effect
         * @param customer the tenant of the escalation
         * @param target the adapter that would deliver it
         * @param effectType the type of side effect where the store can tell it without reading it; empty if unknown
         * @param createdAt when it was written (engine clock)
         * @param attempts failed deliveries so far
         * @param lastError a short, personal-data-free reason of the last failure
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if {@code attempts} is negative
         */
        public Unreadable {
            requireNonNull(id, "id");
            requireNonNull(escalation, "escalation");
            requireNonNull(customer, "customer");
            requireNonNull(target, "target");
            requireNonNull(effectType, "effectType");
            requireNonNull(createdAt, "createdAt");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative: " + attempts);
            }
            requireNonNull(lastError, "lastError");
        }
    }
}
