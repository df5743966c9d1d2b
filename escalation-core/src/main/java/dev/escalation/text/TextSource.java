package dev.escalation.text;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Function;

/**
 * Texts a host supplies: overrides of the shipped English and German texts, or a whole new language. Host sources
 * are chained in front of the shipped bundles ({@code EscalationEngineBuilder.texts(TextSource...)}); the first
 * source that has a key for the reader's locale wins, and a key no source has falls back to the shipped text of
 * the reader's language and then to English, never to the key name.
 *
 * <p>Keys and the arguments of each pattern are listed in the shipped {@code dev/escalation/text/texts.properties}
 * (English, the root). Values are {@link java.text.MessageFormat} patterns (a literal apostrophe is {@code ''});
 * the {@code format.*} keys are {@link java.time.format.DateTimeFormatter} patterns.
 *
 * <p><b>Module path:</b> a named module's resource bundles are visible only to the module itself. A host that keeps
 * its texts in {@code .properties} files therefore loads them in its own code, for example
 * {@code TextSource.fromBundles(l -> ResourceBundle.getBundle("com.acme.texts.Texts", l))}: the lambda is the
 * caller of {@code getBundle}, so the bundle is found on the class path and on the module path alike.
 *
 * <p>A source's answer is taken to be in the reader's language (it answered for that reader): a notification made
 * from it names that language as the language of its text ({@code Notification.textLocale}, see
 * {@link Texts#notification}). A source for {@link Locale#ROOT} answering a reader who names no language leaves that
 * language undetermined.
 *
 * <p>Implementations must be thread-safe and fast; they are asked at every rendering, at most once per key and
 * reader within one (a notification, an entry, hotline advice, an explanation): a rendering that needs a key again
 * uses the first answer, so a source whose answers change meanwhile cannot make one message disagree with itself.
 */
@FunctionalInterface
public interface TextSource {

    /**
     * The pattern of a key for a reader's locale.
     *
     * @param key    a key such as {@code entry.ESCALATED}
     * @param locale the reader's locale
     * @return the pattern, or empty to let the next source (in the end the shipped bundles) answer
     */
    Optional<String> text(String key, Locale locale);

    /**
     * Texts in code for one language.
     *
     * @param locale the language they are for: readers whose locale has the same language (and the same country, if
     *               {@code locale} names one) get them; {@link Locale#ROOT} for every reader
     * @param texts  patterns by key
     * @return the source
     */
    static TextSource of(Locale locale, Map<String, String> texts) {
        requireNonNull(locale, "locale");
        Map<String, String> copy = Map.copyOf(texts);
        return (key, reader) -> matches(locale, reader) ? Optional.ofNullable(copy.get(key)) : Optional.empty();
    }

    /**
     * Texts from resource bundles the host loads, such as
     * {@code l -> ResourceBundle.getBundle("com.acme.texts.Texts", l)}. A bundle whose language is neither the
     * reader's nor the root (a fallback to the JVM's default locale) is ignored, and so is a missing bundle.
     *
     * @param loader the bundle for a locale; called with the reader's locale
     * @return the source
     */
    static TextSource fromBundles(Function<Locale, ResourceBundle> loader) {
        requireNonNull(loader, "loader");
        return (key, reader) -> {
            ResourceBundle bundle;
            try {
                bundle = loader.apply(reader);
            } catch (MissingResourceException e) {
                return Optional.empty();
            }
            if (bundle == null || !matches(bundle.getLocale(), reader) || !bundle.containsKey(key)) {
                return Optional.empty();
            }
            return Optional.of(bundle.getString(key));
        };
    }

    private static boolean matches(Locale source, Locale reader) {
        if (source.getLanguage().isEmpty()) {
            return true;
        }
        return source.getLanguage().equals(reader.getLanguage())
                && (source.getCountry().isEmpty() || source.getCountry().equals(reader.getCountry()));
    }
}
