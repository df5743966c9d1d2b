package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything one command writes for one escalation, in one transaction: the new version, the entries it appends, the
 * side effects it queues and the escalation's due items from now on.
 *
 * <p>{@code entries} continue the log without gaps: their sequences are {@code previous.facts().entryCount() + 1} and
 * on, and {@code next.facts().entryCount()} is the last of them. {@code due} is the complete set of the escalation's
 * pending due items: pending (unclaimed) items not in it are removed; items whose key was already queued or
 * completed are left as they are.
 *
 * @param next     the new version ({@code 1} for a new escalation)
 * @param entries  the entries it appends, ordered by sequence
 * @param messages the side effects it queues
 * @param due      the escalation's due items from now on
 */
public record EscalationWrite(
        StoredEscalation next, List<StoredEntry> entries, List<OutboxMessage> messages, List<DueItem> due) {

    /**
     * Validates and copies the components.
     *
     * @param next the new version ({@code 1} for a new escalation)
     * @param entries the entries it appends, ordered by sequence
     * @param messages the side effects it queues
     * @param due the escalation's due items from now on
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if the entries do not end at {@code next.facts().entryCount()} or have gaps
     */
    public EscalationWrite {
        requireNonNull(next, "next");
        entries = List.copyOf(entries);
        messages = List.copyOf(messages);
        due = List.copyOf(due);
        long expected = next.facts().entryCount() - entries.size() + 1;
        for (StoredEntry e : entries) {
            if (e.sequence() != expected++) {
                throw new IllegalArgumentException("entry sequences must continue the log up to facts().entryCount()");
            }
        }
    }
}
