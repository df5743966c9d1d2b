package dev.escalation.command;

import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.Intake;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Support Management (or Head of Support) records an escalation on behalf of the customer's Incident Manager who
 * asked for it by another way than the portal, such as a call to the hotline outside business hours.
 *
 * <p>Rules: the named contact must be an active Incident Manager of the case's customer (else
 * {@code incidentManager.IncidentManager}); the channel must not be {@code PORTAL}, the Incident Manager's own button
 * (else {@code channel.NotPortal}); a case that does not exist is refused as {@code NOT_FOUND}. It is idempotent like
 * {@link EscalateCase}: while the case has an open escalation, or for a submission id seen before for this customer,
 * the existing escalation is returned, and a submission id is bound to its case ({@code submissionId.SameCase}). The
 * escalation is the Incident Manager's: they are its raiser and first participant and receive the confirmation;
 * Support Management (but the recording member) receives it. The {@code ESCALATED} entry has the Incident Manager as
 * actor and names the channel ({@code intake}) and the staff member ({@code recordedBy}); no hotline advice is stored
 * (the customer has already called).
 *
 * @param caseId          the case to escalate
 * @param incidentManager the customer's Incident Manager on whose behalf it is recorded
 * @param channel         how the Incident Manager asked for it ({@code HOTLINE_CALL})
 * @param message         what the Incident Manager said (1 to 4,000 characters)
 * @param cause           why
 * @param criticality     how critical
 * @param submissionId    the desk's idempotency key of this recording (optional; as for {@link EscalateCase})
 */
public record EscalateOnBehalf(
        @NotNull @SafeId CaseId caseId,
        @NotNull @SafeId ContactId incidentManager,
        @NotNull Intake.Channel channel,
        @SafeText(max = 4000) String message,
        @NotNull Cause cause,
        @NotNull Criticality criticality,

        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.:-]+")
        String submissionId) {}
