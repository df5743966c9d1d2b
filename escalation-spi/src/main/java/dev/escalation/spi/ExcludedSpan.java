package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * A closed span of time that does not count towards an escalation's SLA deadlines: an explicit pause of the clock,
 * or the time it stood resolved before it was reopened. Part of {@link EscalationFacts}.
 *
 * @param from   start (inclusive)
 * @param to     end (exclusive); not before {@code from}
 * @param kind   why the span is excluded
 * @param reason the pause reason a person gave (personal data; empty for resolved spans)
 */
public record ExcludedSpan(Instant from, Instant to, Kind kind, Optional<String> reason) {

    /** Why a span is excluded. Stable codes: stores persist the name. */
    public enum Kind {
        /** The clock was paused explicitly. */
        PAUSED,
        /** The escalation stood resolved until it was reopened. */
        RESOLVED_UNTIL_REOPENED
    }

    /**
     * Validates the components.
     *
     * @param from start (inclusive)
     * @param to end (exclusive); not before {@code from}
     * @param kind why the span is excluded
     * @param reason the pause reason a person gave (personal data; empty for resolved spans)
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code to} is before {@code from}
     */
    public ExcludedSpan {
        requireNonNull(from, "from");
        requireNonNull(to, "to");
        requireNonNull(kind, "kind");
        requireNonNull(reason, "reason");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("span ends before it starts: " + from + " > " + to);
        }
    }
}
