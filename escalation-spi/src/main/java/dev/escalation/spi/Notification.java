package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One rendered message to one recipient on one channel, as handed to a {@link Notifier}. The engine rendered
 * {@code subject} and {@code body} for the recipient's locale and zone; a notifier that renders its own templates
 * uses {@code kind}, {@code params}, {@code text}, {@code locale} and {@code zone} instead.
 *
 * @param idempotencyKey stable per notification and channel; repeated deliveries carry the same key
 * @param escalation     the escalation it is about
 * @param caseId         the case
 * @param kind           what it is about
 * @param channel        the channel to deliver on
 * @param recipient      to whom, with the current address (personal data; never log it)
 * @param locale         the recipient's language
 * @param zone           the recipient's time zone
 * @param subject        a short subject line (may contain personal data; never log it)
 * @param body           the plain-text body (personal data; never log it)
 * @param params         the kind's structured parameters
 * @param text           the free text a person wrote that it carries, if any
 * @param invite         a calendar invitation or cancellation
 */
public record Notification(
        String idempotencyKey,
        EscalationId escalation,
        CaseId caseId,
        NotificationKind kind,
        DeliveryChannel channel,
        Party recipient,
        Locale locale,
        ZoneId zone,
        String subject,
        String body,
        Map<String, EntryParam> params,
        Optional<String> text,
        Optional<MeetingInvite> invite) {

    /**
     * Validates and copies the components.
     *
     * @param idempotencyKey stable per notification and channel; repeated deliveries carry the same key
     * @param escalation the escalation it is about
     * @param caseId the case
     * @param kind what it is about
     * @param channel the channel to deliver on
     * @param recipient to whom, with the current address (personal data; never log it)
     * @param locale the recipient's language
     * @param zone the recipient's time zone
     * @param subject a short subject line (may contain personal data; never log it)
     * @param body the plain-text body (personal data; never log it)
     * @param params the kind's structured parameters
     * @param text the free text a person wrote that it carries, if any
     * @param invite a calendar invitation or cancellation
     * @throws NullPointerException if a component is null
     */
    public Notification {
        requireNonNull(idempotencyKey, "idempotencyKey");
        requireNonNull(escalation, "escalation");
        requireNonNull(caseId, "caseId");
        requireNonNull(kind, "kind");
        requireNonNull(channel, "channel");
        requireNonNull(recipient, "recipient");
        requireNonNull(locale, "locale");
        requireNonNull(zone, "zone");
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        params = Maps.copyOrdered(params, "params");
        requireNonNull(text, "text");
        requireNonNull(invite, "invite");
    }
}
