package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Tells the customer to call the hotline: given for a critical escalation raised outside the vendor's coverage
 * hours.
 *
 * @param numbers the hotline numbers configured by the host
 * @param reason  why, such as {@code "outside business hours: Saturday"}
 */
public record HotlineAdvice(List<HotlineNumber> numbers, String reason) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public HotlineAdvice {
        numbers = List.copyOf(numbers);
        requireNonNull(reason, "reason");
    }

    /**
     * A sentence a portal can show.
     *
     * @return for example {@code "Critical escalation outside business hours: Saturday. Please call the hotline:
     *         Germany +49 …, USA +1 …"}
     */
    public String message() {
        StringBuilder sb =
                new StringBuilder("Critical escalation ").append(reason).append(". Please call the hotline: ");
        for (int i = 0; i < numbers.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(numbers.get(i).label()).append(' ').append(numbers.get(i).number());
        }
        return sb.toString();
    }
}
