package dev.escalation.examples.portal;

/** A form value the portal itself cannot read (such as a malformed date), shown like an engine validation error. */
final class FormException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    FormException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
