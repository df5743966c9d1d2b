package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import java.time.Instant;
import java.util.Map;

/**
 * A piece of work that becomes due at an instant: a reminder, a warning before a deadline, a breach.
 *
 * <p>The {@link #key()} is unique and stable (escalation, kind, step, due instant): queueing an item whose key is
 * already pending or already completed queues nothing.
 *
 * @param key        unique key
 * @param escalation the escalation
 * @param customer   its tenant
 * @param kind       which deadline
 * @param step       which step of it, such as {@code "warning"} or {@code "breach"}
 * @param dueAt      when it becomes due (engine clock)
 * @param data       structured facts for processing
 */
public record DueItem(
        String key,
        EscalationId escalation,
        CustomerId customer,
        DueKind kind,
        String step,
        Instant dueAt,
        Map<String, String> data) {

    /**
     * Validates and copies the components.
     *
     * @param key unique key
     * @param escalation the escalation
     * @param customer its tenant
     * @param kind which deadline
     * @param step which step of it, such as {@code "warning"} or {@code "breach"}
     * @param dueAt when it becomes due (engine clock)
     * @param data structured facts for processing
     * @throws NullPointerException if a component is null
     */
    public DueItem {
        requireNonNull(key, "key");
        requireNonNull(escalation, "escalation");
        requireNonNull(customer, "customer");
        requireNonNull(kind, "kind");
        requireNonNull(step, "step");
        requireNonNull(dueAt, "dueAt");
        data = Maps.copyOrdered(data, "data");
    }

    /**
     * The conventional key of a due item.
     *
     * @param escalation the escalation
     * @param kind       the deadline
     * @param step       the step
     * @param dueAt      the due instant
     * @return {@code escalation/kind/step/dueAt}
     */
    public static String keyOf(EscalationId escalation, DueKind kind, String step, Instant dueAt) {
        return escalation.value() + "/" + kind + "/" + step + "/" + dueAt;
    }
}
