package dev.escalation.text;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A host {@link TextSource}'s answer that does not format: a {@link java.text.MessageFormat} pattern that does not
 * parse or cannot take the key's arguments (a brace left open, {@code {0,number}} for a text argument), or a
 * {@code format.*} date pattern {@link java.time.format.DateTimeFormatter} refuses, or any answer that holds a control
 * character other than a line break or tab, or an unpaired surrogate (no store could keep a text made from it, and no
 * message should carry it). Every rendering of the key for that reader fails the same way until the source is fixed,
 * so retrying cannot help: the engine dead-letters such a notification at once with the code {@code TEXT_PATTERN} and
 * the key and language as its last error (replay it once the source is fixed), and {@link Texts}' renderings throw this
 * exception to their callers. The shipped texts never cause it (a test parses each of them).
 */
public final class TextPatternException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The key whose pattern does not format. */
    private final String key;

    /** The reader's locale the source answered for. */
    private final Locale locale;

    private TextPatternException(String key, Locale locale, IllegalArgumentException cause) {
        super(
                "the text '" + key + "' for " + locale.toLanguageTag() + " does not format: " + cause.getMessage(),
                cause);
        this.key = key;
        this.locale = locale;
    }

    /**
     * The key whose pattern does not format, such as {@code notification.ESCALATION_CONFIRMED.body}.
     *
     * @return the key
     */
    public String key() {
        return key;
    }

    /**
     * The reader's locale the host source answered for.
     *
     * @return the locale
     */
    public Locale locale() {
        return locale;
    }

    /** A host's answer for {@code key} refused for {@code reason} before it is formatted. */
    static TextPatternException refused(String key, Locale locale, String reason) {
        return new TextPatternException(key, locale, new IllegalArgumentException(reason));
    }

    /** {@code rendering} of a host's pattern of {@code key}; its {@link IllegalArgumentException} as this exception. */
    static <T> T guard(String key, Locale locale, Supplier<T> rendering) {
        try {
            return rendering.get();
        } catch (TextPatternException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new TextPatternException(key, locale, e);
        }
    }
}
