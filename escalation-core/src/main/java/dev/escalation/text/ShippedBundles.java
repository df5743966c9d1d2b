package dev.escalation.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shipped bundles ({@code texts.properties}, {@code texts_de.properties}) by language tag, read once. Readers'
 * locales are the host's callers' to choose (often from a request's {@code Accept-Language}), so of the tags without
 * a bundle only a bounded number is remembered; a bundle found is always kept.
 */
final class ShippedBundles {
    /** Where the shipped bundles are, relative to this class. */
    static final String BASE = "texts";

    /** How many language tags without a shipped bundle are remembered (each costs a resource look-up). */
    static final int MAX_ABSENT = 1_024;

    private static final Map<String, Optional<ResourceBundle>> KNOWN = new ConcurrentHashMap<>();

    private ShippedBundles() {}

    /** The shipped bundle of exactly one language tag ({@code ""} for the root, {@code de}, {@code de_CH}), if any. */
    static Optional<ResourceBundle> of(String suffix) {
        Optional<ResourceBundle> known = KNOWN.get(suffix);
        if (known != null) {
            return known;
        }
        Optional<ResourceBundle> read = read(suffix);
        if (read.isEmpty() && KNOWN.size() >= MAX_ABSENT) {
            return read; // not remembered: looked up again when asked
        }
        Optional<ResourceBundle> raced = KNOWN.putIfAbsent(suffix, read);
        return raced == null ? read : raced;
    }

    /** How many language tags an answer is remembered for. */
    static int known() {
        return KNOWN.size();
    }

    private static Optional<ResourceBundle> read(String suffix) {
        String name = BASE + (suffix.isEmpty() ? "" : "_" + suffix) + ".properties";
        try (InputStream in = ShippedBundles.class.getResourceAsStream(name)) {
            return in == null
                    ? Optional.empty()
                    : Optional.of(new PropertyResourceBundle(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped texts " + name, e);
        }
    }
}
