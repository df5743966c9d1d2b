package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The command has missing or wrong values. Each {@link Violation} names the field and the rule.
 */
public final class InvalidCommandException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    InvalidCommandException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).sorted().collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /**
     * What is wrong, one entry per field and rule.
     *
     * @return the violations, never empty
     */
    public List<Violation> violations() {
        return violations;
    }

    @Override
    public String code() {
        return "INVALID_COMMAND";
    }

    /**
     * One broken rule.
     *
     * @param field   the property path, such as {@code "message"} or {@code "actions[0].owner"}
     * @param rule    the rule's name, such as {@code "NotBlank"}, {@code "Size"} or {@code "NotInPast"}
     * @param code    a stable code a portal can translate: {@code field-without-indexes.rule}, such as
     *                {@code "message.NotBlank"}
     * @param message the rule in words, such as {@code "must not be blank"}
     */
    public record Violation(String field, String rule, String code, String message) {

        /**
         * Validates the components.
         *
         * @param field the property path, such as {@code "message"} or {@code "actions[0].owner"}
         * @param rule the rule's name, such as {@code "NotBlank"}, {@code "Size"} or {@code "NotInPast"}
         * @param code a stable code a portal can translate: {@code field-without-indexes.rule}, such as
         *     {@code "message.NotBlank"}
         * @param message the rule in words, such as {@code "must not be blank"}
         * @throws NullPointerException if a component is null
         */
        public Violation {
            requireNonNull(field, "field");
            requireNonNull(rule, "rule");
            requireNonNull(code, "code");
            requireNonNull(message, "message");
        }

        static Violation of(String field, String rule, String message) {
            return new Violation(field, rule, field.replaceAll("\\[\\d+]", "") + "." + rule, message);
        }

        @Override
        public String toString() {
            return field + " " + message;
        }
    }
}
