package dev.escalation.sla;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.DueKind;
import java.time.Instant;

/**
 * One reminder or escalation step a {@link Projection} foresees, exactly as the engine would queue it as due work.
 *
 * @param kind     which deadline
 * @param step     {@code "warning"}, {@code "breach"}, {@code "breach-repeat-1"}, …
 * @param at       when it would become due
 * @param audience who would be notified: {@code "escalation manager or support management"} for warnings,
 *                 {@code "head of support"} for breaches and repeats
 */
public record ProjectedStep(DueKind kind, String step, Instant at, String audience) {

    /**
     * Validates the components.
     *
     * @param kind see the record component
     * @param step see the record component
     * @param at see the record component
     * @param audience see the record component
     * @throws NullPointerException if a component is null
     */
    public ProjectedStep {
        requireNonNull(kind, "kind");
        requireNonNull(step, "step");
        requireNonNull(at, "at");
        requireNonNull(audience, "audience");
    }
}
