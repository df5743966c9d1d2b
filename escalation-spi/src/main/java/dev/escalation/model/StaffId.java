package dev.escalation.model;

/**
 * Identifies a member of the vendor's staff (Support Management, Escalation Managers, heads of support).
 *
 * <p>Immutable value; equal when the values are equal. The value is 1 to 128 characters without control characters.
 *
 * @param value the identifier as the host knows it
 */
public record StaffId(String value) implements Comparable<StaffId> {

    /**
     * Validates the value.
     *
     * @param value the identifier as the host knows it
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank, longer than 128 characters or has control characters
     */
    public StaffId {
        Ids.check(value, "StaffId");
    }

    /**
     * Creates an id from its text.
     *
     * @param value the identifier
     * @return the id
     * @throws IllegalArgumentException see the canonical constructor
     */
    public static StaffId of(String value) {
        return new StaffId(value);
    }

    @Override
    public int compareTo(StaffId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
