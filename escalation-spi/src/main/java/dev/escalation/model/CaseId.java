package dev.escalation.model;

/**
 * Identifies a support case of a customer account, as tracked in the ticketing system.
 *
 * <p>Immutable value; equal when the values are equal. The value is 1 to 128 characters without control characters.
 *
 * @param value the identifier as the host knows it
 */
public record CaseId(String value) implements Comparable<CaseId> {

    /**
     * Validates the value.
     *
     * @param value the identifier as the host knows it
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than 128 characters or has control characters
     */
    public CaseId {
        Ids.check(value, "CaseId");
    }

    /**
     * Creates an id from its text.
     *
     * @param value the identifier
     * @return the id
     * @throws IllegalArgumentException see the canonical constructor
     */
    public static CaseId of(String value) {
        return new CaseId(value);
    }

    @Override
    public int compareTo(CaseId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
