package dev.escalation.spi;

/**
 * <b>SPI v2.</b> Thrown by a store (or {@link AuditAnchors}, {@link SubjectKeys}) that finds stored data it cannot
 * read back: a value it never writes, such as an unknown code, a document that is not its JSON, an instant out of
 * range or a key that is not one, changed outside it. Not retryable: reading again gives the same. The engine reports
 * it as the non-retryable {@code CORRUPT_DATA}, and its audit verification as a finding where the data is.
 */
public class StoredDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The entry's sequence (or the anchor's length) where the data is, or 0 if the data is not at one. */
    private final long position;

    /**
     * Creates the exception.
     *
     * @param message  what could not be read, naming the table and column (no personal data, no stored value)
     * @param position the sequence of the entry that holds it (or the length of the anchor), 0 if none or unknown
     * @param cause    the failure of reading it, or {@code null}
     */
    public StoredDataException(String message, long position, @org.jspecify.annotations.Nullable Throwable cause) {
        super(message, cause);
        this.position = Math.max(0, position);
    }

    /**
     * Where the unreadable data is: the sequence of the progress entry that holds it, or the length of the anchor.
     *
     * @return the position, at least 1, or 0 if the data is not at one (or the position itself is unreadable)
     */
    public long position() {
        return position;
    }
}
