package dev.escalation.model;

/**
 * Identifies one outbox message (one pending side effect).
 *
 * <p>Immutable value; equal when the values are equal. The value is 1 to 128 characters without control characters.
 *
 * @param value the identifier as the host knows it
 */
public record MessageId(String value) implements Comparable<MessageId> {

    /**
     * Validates the value.
     *
     * @param value the identifier as the host knows it
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than 128 characters or has control characters
     */
    public MessageId {
        Ids.check(value, "MessageId");
    }

    /**
     * Creates an id from its text.
     *
     * @param value the identifier
     * @return the id
     * @throws IllegalArgumentException see the canonical constructor
     */
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    @Override
    public int compareTo(MessageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
