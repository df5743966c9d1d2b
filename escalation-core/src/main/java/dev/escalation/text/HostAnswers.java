package dev.escalation.text;

import dev.escalation.internal.validation.TextRules;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's text sources, asked at most once per key and reader within one rendering. A rendering (a notification,
 * an entry, hotline advice, an explanation) may need a key more than once: the pattern its body is made from, once
 * for the text and once for the language the message says it is in; {@code format.at}, for the locale of every date
 * and number. A source may be a database or a remote service, and its answer may change between two calls: within
 * {@link #during} a key is asked once and every later need of it gets that first answer, so a message's language is
 * the language of the very pattern its body was made from. Outside a rendering each look-up asks the sources.
 */
final class HostAnswers {
    private record Asked(String key, Locale locale) {}

    private final List<TextSource> sources;
    /** The answers of the rendering running on this thread, if one is. */
    private final ThreadLocal<Map<Asked, Optional<String>>> rendering = new ThreadLocal<>();

    HostAnswers(List<TextSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Whether there are no host sources (then only the shipped bundles answer). */
    boolean none() {
        return sources.isEmpty();
    }

    /** Runs one rendering with answers of its own; a rendering inside another keeps the outer one's answers. */
    <T> T during(Supplier<T> render) {
        if (sources.isEmpty() || rendering.get() != null) {
            return render.get();
        }
        rendering.set(new HashMap<>());
        try {
            return render.get();
        } finally {
            rendering.remove();
        }
    }

    /** The first source's pattern of a key for a reader, or empty. */
    Optional<String> find(String key, Locale locale) {
        Map<Asked, Optional<String>> answers = rendering.get();
        if (answers == null) {
            return ask(key, locale);
        }
        Asked asked = new Asked(key, locale);
        Optional<String> found = answers.get(asked);
        if (found == null) {
            found = ask(key, locale);
            answers.put(asked, found);
        }
        return found;
    }

    /**
     * The first source's answer. An answer holding a control character other than a line break or tab, or an unpaired
     * surrogate, is no pattern: a text made from it could not be stored (PostgreSQL keeps no NUL in text, its driver
     * writes an unpaired surrogate as '?') nor sent as it is, the same way every time, so it is refused as a
     * {@link TextPatternException} like a pattern that does not parse.
     */
    private Optional<String> ask(String key, Locale locale) {
        for (TextSource s : sources) {
            Optional<String> t = s.text(key, locale);
            if (t.isPresent()) {
                String pattern = t.get();
                if (TextRules.hasControl(pattern, true) || TextRules.hasUnpairedSurrogate(pattern)) {
                    throw TextPatternException.refused(
                            key,
                            locale,
                            "it holds a control character other than a line break or tab, or an unpaired surrogate");
                }
                return t;
            }
        }
        return Optional.empty();
    }
}
