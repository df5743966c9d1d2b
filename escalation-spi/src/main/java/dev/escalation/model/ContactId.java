package dev.escalation.model;

/**
 * Identifies a customer touchpoint, a customer-authorised contact registered at onboarding.
 *
 * <p>Immutable value; equal when the values are equal. The value is 1 to 128 characters without control characters.
 *
 * @param value the identifier as the host knows it
 */
public record ContactId(String value) implements Comparable<ContactId> {

    /**
     * Validates the value.
     *
     * @param value the identifier as the host knows it
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than 128 characters or has control characters
     */
    public ContactId {
        Ids.check(value, "ContactId");
    }

    /**
     * Creates an id from its text.
     *
     * @param value the identifier
     * @return the id
     * @throws IllegalArgumentException see the canonical constructor
     */
    public static ContactId of(String value) {
        return new ContactId(value);
    }

    @Override
    public int compareTo(ContactId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
