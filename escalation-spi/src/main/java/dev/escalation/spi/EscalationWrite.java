package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.spi.internal.Copies;
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
 * <p>{@code metrics} are appended to the store's metric rows in the same transaction (stores that declare
 * {@link Capability#METRICS}; others may drop them).
 *
 * @param next     the new version ({@code 1} for a new escalation)
 * @param entries  the entries it appends, ordered by sequence
 * @param messages the side effects it queues
 * @param due      the escalation's due items from now on
 * @param metrics  the metric rows it records (transitions and SLA targets settled by this write)
 */
public record EscalationWrite(
        StoredEscalation next,
        List<StoredEntry> entries,
        List<OutboxMessage> messages,
        List<DueItem> due,
        List<MetricRow> metrics) {

    /**
     * A write without metric rows (the shape before metrics were added).
     *
     * @param next the new version ({@code 1} for a new escalation)
     * @param entries the entries it appends, ordered by sequence
     * @param messages the side effects it queues
     * @param due the escalation's due items from now on
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if the entries do not end at {@code next.facts().entryCount()} or have gaps
     */
    public EscalationWrite(
            StoredEscalation next, List<StoredEntry> entries, List<OutboxMessage> messages, List<DueItem> due) {
        this(next, entries, messages, due, List.of());
    }

    /**
     * Validates and copies the components.
     *
     * @param next the new version ({@code 1} for a new escalation)
     * @param entries the entries it appends, ordered by sequence
     * @param messages the side effects it queues
     * @param due the escalation's due items from now on
     * @param metrics the metric rows it records (transitions and SLA targets settled by this write)
     * @throws NullPointerException if a component or element is null
     * @throws IllegalArgumentException if the entries do not end at {@code next.facts().entryCount()} or have gaps,
     *     or a metric row belongs to another escalation
     */
    public EscalationWrite {
        requireNonNull(next, "next");
        entries = Copies.list(entries, "entries");
        messages = Copies.list(messages, "messages");
        due = Copies.list(due, "due");
        metrics = Copies.list(metrics, "metrics");
        for (MetricRow m : metrics) {
            if (!m.escalation().equals(next.id()) || !m.customer().equals(next.customer())) {
                throw new IllegalArgumentException("metric rows must belong to the written escalation");
            }
        }
        long expected = next.facts().entryCount() - entries.size() + 1;
        for (StoredEntry e : entries) {
            if (e.sequence() != expected++) {
                throw new IllegalArgumentException("entry sequences must continue the log up to facts().entryCount()");
            }
        }
    }
}
