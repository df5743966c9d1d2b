package dev.escalation.spring.boot;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.sla.SlaPolicy;
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

    /**
     * The longest business-time target any calendar reaches: {@link SlaPolicy#MAX_TARGET_WEEKS} weeks of one open
     * around the clock ({@link BusinessCalendar#alwaysOpen()}, 168 hours a week), 17,472 hours. The engine's build
     * refuses a target longer than {@code MAX_TARGET_WEEKS} weeks of the coverage calendar it is measured in, which
     * never exceeds this.
     */
    static final Duration MAX_TARGET =
            BusinessCalendar.alwaysOpen().weeklyOpenTime().multipliedBy(SlaPolicy.MAX_TARGET_WEEKS);

    /**
     * A business-time SLA target: positive and at most {@link #MAX_TARGET}, what no coverage calendar could ever
     * accept. How far the configured coverage reaches is the engine's check, when it is built (an {@link
     * EscalationEngineCustomizer} may set another calendar).
     */
    static Duration target(String property, @Nullable Duration value) {
        present(property, value);
        if (value.isNegative() || value.isZero() || value.compareTo(MAX_TARGET) > 0) {
            throw new IllegalArgumentException(property + " must be positive and at most " + SlaPolicy.MAX_TARGET_WEEKS
                    + " weeks of a calendar open around the clock, " + MAX_TARGET + " (no coverage calendar reaches"
                    + " further; see SlaPolicy.MAX_TARGET_WEEKS), not " + value);
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
