package dev.escalation.examples.portal;

/** A form value the portal cannot turn into a command value (the engine never sees it). */
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
