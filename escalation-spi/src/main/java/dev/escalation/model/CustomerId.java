package dev.escalation.model;

/**
 * Identifies a customer account (a tenant): every customer-side look-up is scoped by it.
 *
 * <p>Immutable value; equal when the values are equal. The value is 1 to 128 characters without control characters.
 *
 * @param value the identifier as the host knows it
 */
public record CustomerId(String value) implements Comparable<CustomerId> {

    /**
     * Validates the value.
     *
     * @param value the identifier as the host knows it
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than 128 characters or has control characters
     */
    public CustomerId {
        Ids.check(value, "CustomerId");
    }

    /**
     * Creates an id from its text.
     *
     * @param value the identifier
     * @return the id
     * @throws IllegalArgumentException see the canonical constructor
     */
    public static CustomerId of(String value) {
        return new CustomerId(value);
    }

    @Override
    public int compareTo(CustomerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
