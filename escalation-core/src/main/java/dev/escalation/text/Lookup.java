package dev.escalation.text;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A key (or pattern) for a reader's locale, in {@link Catalog}'s caches; equality and hash written out as the record's
 * own (so that they inline).
 */
record Lookup(String key, Locale locale) {
    @Override
    public boolean equals(@Nullable Object o) {
        return this == o || o instanceof Lookup l && key.equals(l.key) && locale.equals(l.locale);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + locale.hashCode();
    }
}
