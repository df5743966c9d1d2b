package dev.escalation.calendar;

/**
 * A {@link HolidaySource} has no holiday data for a date: the date lies outside the range its data cover (Jollyday's
 * Islamic holidays end in 2174, for example). Not an outage: asking again gives the same answer, so a calendar passes
 * it on unchanged instead of reporting its source unavailable, and the engine refuses the request with a stable,
 * non-retryable code.
 */
public final class NoHolidayDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which source and which date or year, without personal data
     */
    public NoHolidayDataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the source's own failure.
     *
     * @param message which source and which date or year, without personal data
     * @param cause   what the source's data library threw
     */
    public NoHolidayDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
