package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The Escalation Manager records the findings and improvement actions of the lessons-learned session held.
 *
 * @param escalation the escalation
 * @param findings   what was learned (1 to 8,000 characters)
 * @param actions    improvement actions with owners (at most 50)
 */
public record RecordLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 8000) String findings,
        @NotNull @Size(max = 50) List<@NotNull @Valid Action> actions) {

    /**
     * An improvement action.
     *
     * @param description what will be improved (1 to 2,000 characters)
     * @param owner       who owns it (1 to 200 characters)
     */
    public record Action(
            @SafeText(max = 2000) String description,
            @SafeText(max = 200) String owner) {}
}
