package dev.escalation.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The lessons-learned session after resolution.
 *
 * @param status      scheduled, held or declined
 * @param scheduledAt when the session takes place; empty when declined before scheduling
 * @param attendees   who is invited
 * @param findings    what was learned; empty text until held
 * @param actions     improvement actions with owners; empty until held
 * @param note        the reason for declining, or any other remark; may be empty
 */
public record LessonsLearned(
        Status status,
        Optional<Instant> scheduledAt,
        List<Party> attendees,
        String findings,
        List<ImprovementAction> actions,
        String note) {

    /** Where the session stands. */
    public enum Status {
        /** Invitation sent. */
        SCHEDULED,
        /** Held; findings recorded. */
        HELD,
        /** The customer declined. */
        DECLINED
    }

    /**
     * Validates and copies the components.
     *
     * @param status scheduled, held or declined
     * @param scheduledAt when the session takes place; empty when declined before scheduling
     * @param attendees who is invited
     * @param findings what was learned; empty text until held
     * @param actions improvement actions with owners; empty until held
     * @param note the reason for declining, or any other remark; may be empty
     * @throws NullPointerException if a component or element is null
     */
    public LessonsLearned {
        requireNonNull(status, "status");
        requireNonNull(scheduledAt, "scheduledAt");
        attendees = Lists.copyOf(attendees, "attendees");
        requireNonNull(findings, "findings");
        actions = Lists.copyOf(actions, "actions");
        requireNonNull(note, "note");
    }
}
