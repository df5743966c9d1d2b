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
     * status (an inactive staff member is reminded through the Escalation Manager; a plain name has the Escalation
     * Manager act for it).
     *
     * <p>Contacts and staff members are separate id spaces: the contact {@code eve} and the staff member {@code eve}
     * are different people. Give {@code ownerKind} to name one of them ({@link #contact}, {@link #staff}): the owner
     * must then be the id of a staff member the staff directory knows ({@code actions[i].owner.StaffMember}) or of a
     * contact of the escalation's customer ({@code actions[i].owner.CustomerContact}). Without a kind the owner is read
     * with the old rule — the staff member of that id if the staff directory knows one, else the customer's contact
     * with that id, else a plain name — and the kind found is stored with the action, so later readings (reminders,
     * who may update it, personal-data export and erasure) do not depend on the directories any more.
     *
     * @param description what will be improved (1 to 2,000 characters)
     * @param ownerKind   the owner's kind ({@code CONTACT} or {@code STAFF}), or {@code null}: read with the old rule
     * @param owner       who owns it: a staff id, a contact id or a name (1 to 200 characters, one line; with a kind,
     *                    an id: at most 128 characters, see {@link SafeId})
     * @param due         when it should be done, or {@code null} for no due date (and no reminder)
     */
    public record Action(
            @SafeText(max = 2000) String description,
            dev.escalation.model.Party.@Nullable Kind ownerKind,
            @SafeText(max = 200, singleLine = true) String owner,
            @Nullable Instant due) {

        /**
         * An action whose owner has no kind: read with the old rule, see {@link Action}.
         *
         * @param description what will be improved
         * @param owner       who owns it
         * @param due         when it should be done, or {@code null}
         */
        public Action(String description, String owner, @Nullable Instant due) {
            this(description, null, owner, due);
        }

        /**
         * An action without a due date whose owner has no kind.
         *
         * @param description what will be improved
         * @param owner       who owns it
         */
        public Action(String description, String owner) {
            this(description, null, owner, null);
        }

        /**
         * An action owned by the customer's contact with that id.
         *
         * @param description what will be improved
         * @param contact     the contact's id
         * @param due         when it should be done, or {@code null}
         * @return the action
         */
        public static Action contact(String description, String contact, @Nullable Instant due) {
            return new Action(description, dev.escalation.model.Party.Kind.CONTACT, contact, due);
        }

        /**
         * An action owned by the staff member with that id.
         *
         * @param description what will be improved
         * @param staff       the staff member's id
         * @param due         when it should be done, or {@code null}
         * @return the action
         */
        public static Action staff(String description, String staff, @Nullable Instant due) {
            return new Action(description, dev.escalation.model.Party.Kind.STAFF, staff, due);
        }
    }
}
