package dev.escalation.calendar;

/**
 * A business calendar never opens where an opening is needed: it has no opening hours at all, or its hours and
 * holidays leave no opening within {@link BusinessCalendar#MAX_CLOSED_DAYS} days. An {@link IllegalStateException}, as
 * the calendar's arithmetic methods document; the engine reports it, for a calendar built from a port's data (the
 * vendor's coverage with its holiday source, a customer's contract calendar), as the retryable {@code UNAVAILABLE}
 * error with nothing applied, like any other unusable answer of a port.
 */
public final class NoOpeningException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what never opens, and where (no personal data: zones, dates and counts)
     */
    public NoOpeningException(String message) {
        super(message);
    }
}
