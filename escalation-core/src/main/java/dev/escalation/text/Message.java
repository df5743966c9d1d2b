package dev.escalation.text;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A notification's subject and body as rendered for its recipient, and the language they are written in.
 *
 * @param subject  the subject line
 * @param body     the body text
 * @param language the language the body's text is in (see {@link Texts#notification}): the recipient's when a text
 *                 source has it, else the one that stood in (English, the root texts); {@link Locale#ROOT} if unknown
 */
public record Message(String subject, String body, Locale language) {
    /**
     * Validates the components.
     *
     * @param subject the subject line
     * @param body the body text
     * @param language the language the body's text is in
     * @throws NullPointerException if a component is null
     */
    public Message {
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        requireNonNull(language, "language");
    }

    /**
     * A message whose language is not known ({@link Locale#ROOT}, "undetermined"), such as one rendered by 0.1.0.
     *
     * @param subject the subject line
     * @param body the body text
     * @throws NullPointerException if a component is null
     */
    public Message(String subject, String body) {
        this(subject, body, Locale.ROOT);
    }
}
