package dev.escalation.spring.boot;

import java.time.Duration;
import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * The range checks of {@link EscalationProperties}, run by its records' constructors while Spring Boot binds them.
 * Each failure names the property as it is written in {@code application.properties} (Boot's report of a failed
 * binding shows the message): bean-validation constraints on constructor-bound records would name the Java field
 * ({@code batchSize}) instead.
 */
final class PropertyChecks {
    private PropertyChecks() {}

    static <T> T present(String property, @Nullable T value) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must be set");
        }
        return value;
    }

    static Duration duration(String property, @Nullable Duration value, Duration min, Duration max) {
        present(property, value);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    property + " must be between " + min + " and " + max + " (ISO-8601), not " + value);
        }
        return value;
    }

    static long range(String property, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(property + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /**
     * The collection, if it has no {@code null} entry: what Spring Boot binds for an empty entry of a list such as
     * {@code MONDAY,,FRIDAY}, which {@code Set.copyOf} would refuse with a {@link NullPointerException} that names no
     * property.
     */
    static <C extends Collection<?>> C entries(String property, @Nullable C values) {
        present(property, values);
        for (Object v : values) {
            if (v == null) {
                throw new IllegalArgumentException(property + " has an empty entry: " + values);
            }
        }
        return values;
    }

    static String text(String property, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " must not be blank");
        }
        return value;
    }
}
