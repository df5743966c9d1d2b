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
 * <p><b>Two languages.</b> {@code locale} is the recipient's language: pick your own templates by it.
 * {@code textLocale} is the language {@code subject} and {@code body} are actually written in, which differs when no
 * text source has the recipient's language (the engine ships English and German; a French recipient without a host
 * source for French gets English text, and {@code textLocale} {@code en}). Label what you send of the engine's text
 * with {@code textLocale} (an e-mail's {@code Content-Language}, an HTML {@code lang}), never with {@code locale}.
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
 * @param textLocale     the language {@code body} (and as a rule {@code subject}) is written in: the recipient's
 *                       language when a text source has it, else the one that stood in (English); {@link Locale#ROOT}
 *                       (undetermined) when it is not known
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
        Optional<MeetingInvite> invite,
        Locale textLocale) {

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
     * @param textLocale the language {@code subject} and {@code body} are written in
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
        requireNonNull(textLocale, "textLocale");
    }

    /**
     * The shape without {@code textLocale}: the text is taken to be in the recipient's language
     * ({@code textLocale = locale}). For adapters' tests and notifiers that build their own notifications; the engine
     * always names the language it rendered in.
     *
     * @param idempotencyKey stable per notification and channel; repeated deliveries carry the same key
     * @param escalation the escalation it is about
     * @param caseId the case
     * @param kind what it is about
     * @param channel the channel to deliver on
     * @param recipient to whom, with the current address (personal data; never log it)
     * @param locale the recipient's language, and the text's
     * @param zone the recipient's time zone
     * @param subject a short subject line (may contain personal data; never log it)
     * @param body the plain-text body (personal data; never log it)
     * @param params the kind's structured parameters
     * @param text the free text a person wrote that it carries, if any
     * @param invite a calendar invitation or cancellation
     * @throws NullPointerException if a component is null
     */
    public Notification(
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
        this(
                idempotencyKey,
                escalation,
                caseId,
                kind,
                channel,
                recipient,
                locale,
                zone,
                subject,
                body,
                params,
                text,
                invite,
                locale);
    }
}
