package dev.escalation.text;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The labels of the shipped bundles per locale, group and code ({@link Catalog#label(String, String, Locale)} is a
 * pure function of them while no host source is configured): found with three look-ups of strings whose hashes are
 * kept, no key string made and hashed per label. Bounded (per level) and thread-safe; a race only recomputes.
 */
final class LabelMemo {
    private static final int MAX = 1_024;

    private static final int MAX_LOCALES = 64;

    private static final Map<Locale, Map<String, Map<String, String>>> LABELS = new ConcurrentHashMap<>();

    private LabelMemo() {}

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
}
