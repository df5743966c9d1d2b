package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import java.util.Map;
import java.util.Optional;

/**
 * A notification as the outbox stores it: structured, addressed to one recipient, not yet rendered. At delivery the
 * engine looks the recipient up in the directories (language, time zone, channels, current address), renders a
 * {@link Notification} and hands it to the notifier of the channel.
 *
 * @param idempotencyKey stable per notification; repeated deliveries carry the same key
 * @param escalation     the escalation it is about
 * @param caseId         the case
 * @param kind           what it is about
 * @param channel        a fixed channel, or empty for the recipient's most preferred channel that has a notifier
 * @param recipient      to whom (personal data: name and address as known when queued, used for external parties)
 * @param params         the kind's parameters (see {@link NotificationKind})
 * @param text           the free text a person wrote that the notification carries, if any (personal data)
 * @param invite         a calendar invitation or cancellation
 */
public record NotificationRequest(
        String idempotencyKey,
        EscalationId escalation,
        CaseId caseId,
        NotificationKind kind,
        Optional<DeliveryChannel> channel,
        Party recipient,
        Map<String, EntryParam> params,
        Optional<String> text,
        Optional<MeetingInvite> invite)
        implements SideEffect {

    /**
     * Validates and copies the components.
     *
     * @param idempotencyKey stable per notification; repeated deliveries carry the same key
     * @param escalation the escalation it is about
     * @param caseId the case
     * @param kind what it is about
     * @param channel a fixed channel, or empty for the recipient's most preferred channel that has a notifier
     * @param recipient to whom (personal data: name and address as known when queued, used for external parties)
     * @param params the kind's parameters (see {@link NotificationKind})
     * @param text the free text a person wrote that the notification carries, if any (personal data)
     * @param invite a calendar invitation or cancellation
     * @throws NullPointerException if a component is null
     */
    public NotificationRequest {
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(escalation, "escalation");
        requireNonNull(caseId, "caseId");
        requireNonNull(kind, "kind");
        requireNonNull(channel, "channel");
        requireNonNull(recipient, "recipient");
        params = Maps.copyOrdered(params, "params");
        requireNonNull(text, "text");
        requireNonNull(invite, "invite");
    }
}
