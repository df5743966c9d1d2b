package dev.escalation.spi;

/**
 * What {@link DataRetention#erasePerson} changed.
 *
 * @param escalations escalation rows changed (message, participants, attendees, pause reasons)
 * @param entries     log entries changed
 * @param messages    outbox messages changed (pending, delivered or dead)
 * @param dueItems    due items changed
 */
public record ErasureCounts(long escalations, long entries, long messages, long dueItems) {
    /**
     * Validates the components.
     *
     * @param escalations escalation rows changed (message, participants, attendees, pause reasons)
     * @param entries log entries changed
     * @param messages outbox messages changed (pending, delivered or dead)
     * @param dueItems due items changed
     * @throws IllegalArgumentException if a count is negative
     */
    public ErasureCounts {
        if (escalations < 0 || entries < 0 || messages < 0 || dueItems < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
    }

    /**
     * Whether nothing changed.
     *
     * @return {@code true} if every count is 0
     */
    public boolean isEmpty() {
        return escalations + entries + messages + dueItems == 0;
    }
}
