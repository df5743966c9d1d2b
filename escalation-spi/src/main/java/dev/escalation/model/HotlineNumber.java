package dev.escalation.model;

import static java.util.Objects.requireNonNull;

/**
 * A hotline number configured by the host.
 *
 * @param label  where it is answered, such as {@code "Germany"}
 * @param number the number in international format, such as {@code "+49 …"}
 */
public record HotlineNumber(String label, String number) {

    /**
     * Validates the components.
     *
     * @param label where it is answered, such as {@code "Germany"}
     * @param number the number in international format, such as {@code "+49 …"}
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component is blank
     */
    public HotlineNumber {
        requireNonNull(label, "label");
        requireNonNull(number, "number");
        if (label.isBlank() || number.isBlank()) {
            throw new IllegalArgumentException("hotline label and number must not be blank");
        }
    }
}
