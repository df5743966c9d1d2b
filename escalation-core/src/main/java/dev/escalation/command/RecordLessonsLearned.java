package dev.escalation.command;

import dev.escalation.model.EscalationId;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Escalation Manager records the findings and improvement actions of the lessons-learned session held.
 *
 * @param escalation the escalation
 * @param findings   what was learned (1 to 8,000 characters)
 * @param actions    improvement actions with owners (at most 50)
 * @param expectedVersion the version the escalation must have for the command to apply, or {@code null} for
 *                        no precondition (see {@link ExpectsVersion})
 */
public record RecordLessonsLearned(
        @NotNull @SafeId EscalationId escalation,
        @SafeText(max = 8000) String findings,
        @NotNull @Size(max = 50) List<@NotNull @Valid Action> actions,
        @Positive @Nullable Long expectedVersion)
        implements ExpectsVersion {
    /**
     * The command without an expected version: no precondition on the escalation's version.
     *
     * @param escalation see {@link #escalation()}
     * @param findings see {@link #findings()}
     * @param actions see {@link #actions()}
     */
    public RecordLessonsLearned(EscalationId escalation, String findings, List<Action> actions) {
        this(escalation, findings, actions, null);
    }

    /**
     * This command with a precondition: it applies only while the escalation is at {@code version} (see
     * {@link ExpectsVersion}).
     *
     * @param version the version the caller last saw, such as {@code EscalationView.version()}
     * @return a copy of this command expecting that version
     */
    public RecordLessonsLearned expectingVersion(long version) {
        return new RecordLessonsLearned(escalation, findings, actions, version);
    }

    /**
     * An improvement action. Its owner is reminded when it falls due (due work, also after closing) and may set its
     * status: the staff member whose id the owner is if the staff directory knows one (an inactive one is reminded
     * through the Escalation Manager), else the customer's contact with that id, else — a plain name — the Escalation
     * Manager. Staff ids come first: a contact whose id is also a staff member's id does not own that action.
     *
     * @param description what will be improved (1 to 2,000 characters)
     * @param owner       who owns it: a staff id, a contact id or a name (1 to 200 characters, one line)
     * @param due         when it should be done, or {@code null} for no due date (and no reminder)
     */
    public record Action(
            @SafeText(max = 2000) String description,
            @SafeText(max = 200, singleLine = true) String owner,
            @Nullable Instant due) {

        /**
         * An action without a due date.
         *
         * @param description what will be improved
         * @param owner       who owns it
         */
        public Action(String description, String owner) {
            this(description, owner, null);
        }
    }
}
