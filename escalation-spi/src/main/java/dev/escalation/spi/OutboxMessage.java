package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import java.time.Instant;
import java.util.Optional;

/**
 * A side effect waiting in the outbox.
 *
 * @param id            the message id
 * @param customer      the tenant of the escalation
 * @param effect        what to deliver; {@link SideEffect#idempotencyKey()} is unique in the outbox
 * @param createdAt     when it was written (engine clock)
 * @param nextAttemptAt not delivered before this instant (engine clock)
 * @param attempts      failed deliveries so far
 * @param lastError     a short, personal-data-free reason of the last failure
 * @param deadCode      while dead-lettered: the stable reason code ({@code PERMANENT}, {@code ATTEMPTS_EXHAUSTED},
 *                      {@code NO_CHANNEL}, …) the dispatcher gave
 */
public record OutboxMessage(
        MessageId id,
        CustomerId customer,
        SideEffect effect,
        Instant createdAt,
        Instant nextAttemptAt,
        int attempts,
        Optional<String> lastError,
        Optional<String> deadCode) {

    /** Whether a message goes to the notifier or to the ticketing system; ordering holds per target. */
    public enum Target {
        /** Delivered by the {@link Notifier}. */
        NOTIFICATION,
        /** Delivered by {@link Ticketing}. */
        TICKETING
    }

    /**
     * Validates the components.
     *
     * @param id the message id
     * @param customer the tenant of the escalation
     * @param effect what to deliver; {@link SideEffect#idempotencyKey()} is unique in the outbox
     * @param createdAt when it was written (engine clock)
     * @param nextAttemptAt not delivered before this instant (engine clock)
     * @param attempts failed deliveries so far
     * @param lastError a short, personal-data-free reason of the last failure
     * @param deadCode while dead-lettered: the stable reason code ({@code PERMANENT}, {@code ATTEMPTS_EXHAUSTED},
     *     {@code NO_CHANNEL}, …) the dispatcher gave
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code attempts} is negative
     */
    public OutboxMessage {
        requireNonNull(id, "id");
        requireNonNull(customer, "customer");
        requireNonNull(effect, "effect");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative: " + attempts);
        }
        requireNonNull(lastError, "lastError");
        requireNonNull(deadCode, "deadCode");
    }

    /**
     * A message that is not dead-lettered.
     *
     * @param id            the message id
     * @param customer      the tenant
     * @param effect        what to deliver
     * @param createdAt     when it was written
     * @param nextAttemptAt not delivered before this instant
     * @param attempts      failed deliveries so far
     * @param lastError     the reason of the last failure
     */
    public OutboxMessage(
            MessageId id,
            CustomerId customer,
            SideEffect effect,
            Instant createdAt,
            Instant nextAttemptAt,
            int attempts,
            Optional<String> lastError) {
        this(id, customer, effect, createdAt, nextAttemptAt, attempts, lastError, Optional.empty());
    }

    /**
     * A new message, due at once.
     *
     * @param id       the id
     * @param customer the tenant
     * @param effect   the effect
     * @param now      the engine's time
     * @return the message with no attempts
     */
    public static OutboxMessage pending(MessageId id, CustomerId customer, SideEffect effect, Instant now) {
        return new OutboxMessage(id, customer, effect, now, now, 0, Optional.empty());
    }

    /**
     * The effect's idempotency key.
     *
     * @return the key
     */
    public String idempotencyKey() {
        return effect.idempotencyKey();
    }

    /**
     * The escalation of the effect.
     *
     * @return the escalation
     */
    public EscalationId escalation() {
        return effect.escalation();
    }

    /**
     * The ordering chain of this message: (escalation, target, recipient, channel). A message is not delivered while
     * an older message of its chain is neither delivered nor dead-lettered; for ticket calls the chain is the
     * escalation's whole ticket (recipient and channel empty), so later ticket calls wait behind a dead-lettered one.
     *
     * @return the chain key
     */
    public ChainKey chain() {
        if (effect instanceof NotificationRequest n) {
            return new ChainKey(
                    effect.escalation(),
                    Target.NOTIFICATION,
                    PartyRef.of(n.recipient()).toString(),
                    n.channel().map(Enum::name).orElse(""));
        }
        return new ChainKey(effect.escalation(), Target.TICKETING, "", "");
    }

    /**
     * The key of an ordering chain.
     *
     * @param escalation the escalation
     * @param target     notifier or ticketing
     * @param recipient  the recipient's {@code kind:id} for notifications, empty for ticket calls
     * @param channel    the fixed channel's name, empty for "the recipient's preferred channel" and ticket calls
     */
    public record ChainKey(EscalationId escalation, Target target, String recipient, String channel) {
        /**
         * Validates the components.
         *
         * @param escalation the escalation
         * @param target notifier or ticketing
         * @param recipient the recipient's {@code kind:id} for notifications, empty for ticket calls
         * @param channel the fixed channel's name, empty for "the recipient's preferred channel" and ticket calls
         * @throws NullPointerException if a component is null
         */
        public ChainKey {
            requireNonNull(escalation, "escalation");
            requireNonNull(target, "target");
            requireNonNull(recipient, "recipient");
            requireNonNull(channel, "channel");
        }
    }

    /**
     * Which adapter delivers this message.
     *
     * @return the target
     */
    public Target target() {
        return effect instanceof NotificationRequest ? Target.NOTIFICATION : Target.TICKETING;
    }
}
