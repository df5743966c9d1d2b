package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * One typed parameter of a structured progress entry, notification or hotline advice. Entries store no rendered
 * sentence: a renderer turns the entry's {@link ProgressKind} and its parameters into text for a reader's locale and
 * time zone. Each kind documents its parameter names (see {@link ProgressKind}).
 *
 * <p>Only {@link Text} may carry personal data (a person's own words); all other variants carry instants, durations,
 * enum constant names, ids and counts. Stores persist the variant and its value and must return both unchanged.
 */
public sealed interface EntryParam {

    /**
     * Free text a person wrote. Personal data: never logged, erased on request.
     *
     * @param value the text
     */
    record Text(String value) implements EntryParam {
        /**
         * Validates the component.
         *
         * @param value the text
         * @throws NullPointerException if {@code value} is null
         */
        public Text {
            requireNonNull(value, "value");
        }
    }

    /**
     * An instant, rendered in the reader's time zone.
     *
     * @param value the instant
     */
    record At(Instant value) implements EntryParam {
        /**
         * Validates the component.
         *
         * @param value the instant
         * @throws NullPointerException if {@code value} is null
         */
        public At {
            requireNonNull(value, "value");
        }
    }

    /**
     * A duration, rendered with the reader's plural rules.
     *
     * @param value the duration
     */
    record Span(Duration value) implements EntryParam {
        /**
         * Validates the component.
         *
         * @param value the duration
         * @throws NullPointerException if {@code value} is null
         */
        public Span {
            requireNonNull(value, "value");
        }
    }

    /**
     * The name of an enum constant (a state, a channel, a criticality, a reason code), rendered by look-up.
     *
     * @param value the constant's name
     */
    record Code(String value) implements EntryParam {
        /**
         * Validates the component.
         *
         * @param value the constant's name
         * @throws NullPointerException if {@code value} is null
         */
        public Code {
            requireNonNull(value, "value");
        }

        /**
         * The code of an enum constant.
         *
         * @param constant the constant
         * @return its code
         */
        public static Code of(Enum<?> constant) {
            return new Code(constant.name());
        }
    }

    /**
     * The id of a person or thing (a staff id, a contact id, a policy id); never a name or an address.
     *
     * @param value the id
     */
    record Ref(String value) implements EntryParam {
        /**
         * Validates the component.
         *
         * @param value the id
         * @throws NullPointerException if {@code value} is null
         */
        public Ref {
            requireNonNull(value, "value");
        }
    }

    /**
     * A whole number.
     *
     * @param value the number
     */
    record Count(long value) implements EntryParam {}
}
