package dev.escalation.model;

/** Shared validation of typed identifiers. */
final class Ids {
    static final int MAX_LENGTH = 128;

    private Ids() {}

    static void check(String value, String type) {
        if (value == null) { // the message is built only on failure: ids are checked on every command and delivery
            throw new NullPointerException(type + " value");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(type + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(type + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(type + " must not contain control characters");
            }
        }
    }
}
