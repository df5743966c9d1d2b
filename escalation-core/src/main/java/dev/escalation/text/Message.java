package dev.escalation.text;

import static java.util.Objects.requireNonNull;

/**
 * A notification's subject and body as rendered for its recipient.
 *
 * @param subject the subject line
 * @param body    the body text
 */
public record Message(String subject, String body) {
    /**
     * Validates the components.
     *
     * @param subject the subject line
     * @param body the body text
     * @throws NullPointerException if a component is null
     */
    public Message {
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
    }
}
