package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import java.util.Map;
import java.util.Optional;

/**
 * One message to one recipient, as handed to a {@link Notifier}.
 *
 * @param idempotencyKey stable per notification; repeated deliveries carry the same key
 * @param escalation     the escalation it is about
 * @param caseId         the case
 * @param kind           what it is about
 * @param channel        how to deliver it
 * @param recipient      to whom
 * @param subject        a short subject line (may contain personal data; never log it)
 * @param body           the plain-text body (personal data; never log it)
 * @param data           structured facts (state, criticality, hotline numbers, …) for templates
 * @param invite         a calendar invitation, for {@link NotificationKind#LESSONS_LEARNED_INVITATION}
 */
public record Notification(
        String idempotencyKey,
        EscalationId escalation,
        CaseId caseId,
        NotificationKind kind,
        DeliveryChannel channel,
        Party recipient,
        String subject,
        String body,
        Map<String, String> data,
        Optional<MeetingInvite> invite)
        implements SideEffect {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Notification {
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(escalation, "escalation");
        requireNonNull(caseId, "caseId");
        requireNonNull(kind, "kind");
        requireNonNull(channel, "channel");
        requireNonNull(recipient, "recipient");
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        data = Maps.copyOrdered(data, "data");
        requireNonNull(invite, "invite");
    }
}
