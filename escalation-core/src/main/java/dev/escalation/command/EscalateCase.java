package dev.escalation.command;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The "Escalate Case" button: an Incident Manager escalates a case with a message and becomes the escalation's first
 * participant (one {@code create} in the store).
 *
 * @param caseId       the case to escalate
 * @param message      what the customer wants Support Management to know (1 to 4,000 characters)
 * @param cause        why
 * @param criticality  how critical
 * @param submissionId the portal's idempotency key of this submission (optional; at most 100 characters of
 *                     letters, digits, {@code -}, {@code _}, {@code .}, {@code :}): the same id never opens a
 *                     second escalation, and it belongs to the case it was first used for (reused on another
 *                     case of the customer it is refused as {@code submissionId.SameCase})
 */
public record EscalateCase(
        @NotNull @SafeId CaseId caseId,
        @SafeText(max = 4000) String message,
        @NotNull Cause cause,
        @NotNull Criticality criticality,

        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.:-]+")
        String submissionId) {}
