package dev.escalation.text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * Memos of the pure parts of rendering with the shipped bundles (while no host source is configured, which is asked
 * at every rendering): labels per locale, group and code ({@link Catalog#label(String, String, Locale)}: three
 * look-ups of strings whose hashes are kept, no key string made and hashed per label), durations in words per locale
 * ({@link Catalog#duration}: a choice pattern, parsed again by {@code MessageFormat} at every use) and formatted
 * instants ({@link Catalog#at}: the same deadline or meeting appears in an entry and in each recipient's
 * notification). Bounded and thread-safe; exact: a race or a collision only recomputes.
 */
final class TextMemo {
    private static final int MAX = 1_024;

    private static final int MAX_LOCALES = 64;

    private static final Map<Locale, Map<String, Map<String, String>>> LABELS = new ConcurrentHashMap<>();

    private static final Map<Locale, Map<Duration, String>> DURATIONS = new ConcurrentHashMap<>();

    /** One formatted instant: its formatter (the locale's, shared), instant and zone, and the text. */
    private record Formatted(DateTimeFormatter formatter, Instant at, ZoneId zone, String text) {}

    private static final int SLOTS = 256;

    /** Direct-mapped: a look-up is one read and three compares. */
    private static final AtomicReferenceArray<Formatted> INSTANTS = new AtomicReferenceArray<>(SLOTS);

    private TextMemo() {}

    /** The codes of one group in one locale, or null beyond the bound. */
    static @Nullable Map<String, String> codes(Locale locale, String group) {
        Map<String, Map<String, String>> groups = LABELS.get(locale);
        if (groups == null) {
            if (LABELS.size() >= MAX_LOCALES) {
                return null;
            }
            groups = LABELS.computeIfAbsent(locale, x -> new ConcurrentHashMap<>());
        }
        Map<String, String> codes = groups.get(group);
        if (codes == null && groups.size() < MAX) {
            codes = groups.computeIfAbsent(group, x -> new ConcurrentHashMap<>());
        }
        return codes;
    }

    /** Keeps a label found for {@code code} in {@code codes} (unless the group holds the most it may). */
    static void keep(Map<String, String> codes, String code, String label) {
        if (codes.size() < MAX) {
            codes.put(code, label);
        }
    }

    /**
     * The memo of {@code locale} in {@code byLocale}, made on first use; beyond {@value #MAX_LOCALES} locales a
     * throwaway map (nothing is kept for them).
     */
    static <K, V> Map<K, V> of(Map<Locale, Map<K, V>> byLocale, Locale locale) {
        Map<K, V> memo = byLocale.get(locale);
        if (memo == null) {
            memo = byLocale.size() < MAX_LOCALES
                    ? byLocale.computeIfAbsent(locale, x -> new ConcurrentHashMap<>())
                    : new HashMap<>();
        }
        return memo;
    }

    /** A duration in words in {@code locale}: remembered, or {@code words} of it. */
    static String duration(Duration d, Locale locale, BiFunction<Duration, Locale, String> words) {
        Map<Duration, String> known = of(DURATIONS, locale);
        String text = known.get(d);
        if (text == null) {
            text = words.apply(d, locale);
            if (known.size() < MAX) {
                known.put(d, text);
            }
        }
        return text;
    }

    /** {@code dates.format(at, zone)}: remembered, or formatted. */
    static String at(Dates dates, Instant at, ZoneId zone) {
        DateTimeFormatter formatter = dates.formatter();
        int h = (at.hashCode() * 31 + zone.hashCode()) * 31 + System.identityHashCode(formatter);
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Formatted f = INSTANTS.get(slot);
        if (f != null
                && f.formatter() == formatter
                && f.at().equals(at)
                && f.zone().equals(zone)) {
            return f.text();
        }
        String text = dates.format(at, zone);
        INSTANTS.set(slot, new Formatted(formatter, at, zone, text));
        return text;
    }
}
