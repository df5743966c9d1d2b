package dev.escalation;

/**
 * The store holds data the engine cannot read back: a value it never writes (an unknown code, a document that is not
 * its JSON, an instant out of range, a key that is not one), changed outside the engine. Nothing was applied. Not
 * retryable: reading again gives the same until the data is repaired; {@link AuditOperations#verify} names the entry
 * (finding {@link AuditVerification.Reason#UNREADABLE}). The message names the store's read, never the value.
 */
public final class CorruptDataException extends EscalationException {
    private static final long serialVersionUID = 1L;

    CorruptDataException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "CORRUPT_DATA";
    }
}
