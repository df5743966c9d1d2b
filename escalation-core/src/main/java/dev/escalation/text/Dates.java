package dev.escalation.text;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A date-time pattern's formatter and, for patterns of the shipped kind, its compiled form ({@link DateText}, which
 * prints the same text without the formatter's walk). Immutable, shared per pattern and locale.
 */
record Dates(DateTimeFormatter formatter, @Nullable DateText compiled) {
    /** Per pattern and locale; bounded as the catalog's other caches ({@link Catalog#MAX_CACHED}). */
    private static final Map<Key, Dates> KNOWN = new ConcurrentHashMap<>();

    private record Key(String pattern, Locale locale) {}

    /** {@code DateTimeFormatter.ofPattern(pattern, locale)} (so a bad pattern throws as it does), with its compiled form. */
    static Dates of(String pattern, Locale locale) {
        Key key = new Key(pattern, locale);
        Dates f = KNOWN.get(key);
        if (f == null) {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(pattern, locale);
            if (KNOWN.size() >= Catalog.MAX_CACHED) {
                return new Dates(formatter, null); // not kept: not worth compiling
            }
            f = new Dates(formatter, DateText.compile(pattern, locale));
            KNOWN.put(key, f);
        }
        return f;
    }

    /** {@code formatter.format(at.atZone(zone))}. */
    String format(Instant at, ZoneId zone) {
        if (compiled != null) {
            String text = compiled.format(at, zone);
            if (text != null) {
                return text;
            }
        }
        return formatter.format(at.atZone(zone));
    }
}
