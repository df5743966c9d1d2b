package dev.escalation;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The command or an argument has missing or wrong values. Each {@link Violation} names the field and the rule.
 *
 * <p>Bad input never escapes an engine method as {@link NullPointerException} or {@link IllegalArgumentException}:
 * a {@code null} command, id, page or actor, an actor with a {@code null} kind or an id that is blank (in Unicode
 * terms), longer than 128 characters or has control characters, unpaired surrogates or invisible formatting
 * characters (Unicode Cf: zero-width, bidirectional, soft hyphen), a limit outside 1 to 500, and a text breaking
 * the rules of {@link dev.escalation.command.SafeText} are refused with this exception, whose
 * violations name the field (such as {@code "actor.id"}, {@code "command"}, {@code "id"}, {@code "page"},
 * {@code "limit"}, {@code "message"}) and the rule ({@code "NotNull"}, {@code "Id"}, {@code "Range"},
 * {@code "Cursor"}, {@code "Size"}, {@code "Text"}, {@code "BidiBalanced"}: bidirectional embeddings, overrides or
 * isolates a text does not close, {@code "NotBlank"}), before any port is called. Reads re-check
 * the customer of what the store returns, so a store that hands a customer contact another customer's escalation,
 * summary or internal entries cannot leak them. Log lines carry ids only after they were validated and never a free
 * text of a command.
 */
public final class InvalidCommandException extends EscalationException {
    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    InvalidCommandException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).sorted().collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    /**
     * A refusal of one argument, for the SDK's helpers outside this package (the texts' renderer).
     *
     * @param field   the argument, such as {@code "zone"}
     * @param rule    the rule, such as {@code "NotNull"}
     * @param message what is wrong
     * @return the exception
     */
    public static InvalidCommandException of(String field, String rule, String message) {
        return new InvalidCommandException(List.of(Violation.of(field, rule, message)));
    }

    /**
     * What is wrong, one entry per field and rule.
     *
     * @return the violations, never empty
     */
    public List<Violation> violations() {
        return violations;
    }

    /** The violations' codes ({@code message.NotBlank}, ...), in order: field and rule, never a rejected value. */
    List<String> codes() {
        List<String> codes = new java.util.ArrayList<>(violations.size());
        violations.forEach(v -> codes.add(v.code()));
        return codes;
    }

    @Override
    Object[] messageArgs(dev.escalation.text.Texts texts, java.util.Locale locale) {
        return args(texts, locale, null, null, null, String.join(texts.text("list.separator", locale), codes()));
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
