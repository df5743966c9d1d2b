package dev.escalation.model;

/**
 * Identifies one escalation of a case.
 *
 * <p>Immutable value; equal when the values are equal. The value is 1 to 128 characters without control characters.
 *
 * @param value the identifier as the host knows it
 */
public record EscalationId(String value) implements Comparable<EscalationId> {

    /**
     * Validates the value.
     *
     * @param value the identifier as the host knows it
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than 128 characters or has control characters
     */
    public EscalationId {
        Ids.check(value, "EscalationId");
    }

    /**
     * Creates an id from its text.
     *
     * @param value the identifier
     * @return the id
     * @throws IllegalArgumentException see the canonical constructor
     */
    public static EscalationId of(String value) {
        return new EscalationId(value);
    }

    @Override
    public int compareTo(EscalationId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
