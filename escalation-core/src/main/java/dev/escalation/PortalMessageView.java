package dev.escalation;

import dev.escalation.model.CaseId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.PortalMessage;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A message of the portal channel as its recipient reads it with {@link EscalationEngine#messagesFor}: the notification
 * rendered for the recipient when it was delivered, with its kind and parameters for a portal that renders its own.
 *
 * @param id         the message's id (the notification's idempotency key); the page cursor's {@code id}
 * @param escalation the escalation it is about
 * @param caseId     the case
 * @param kind       what it is about
 * @param at         when it was delivered
 * @param locale     the language of subject and body
 * @param subject    the subject line
 * @param body       the plain-text body
 * @param params     the kind's structured parameters (see {@link NotificationKind})
 * @param text       the free text a person wrote that it carries, if any
 */
public record PortalMessageView(
        String id,
        EscalationId escalation,
        CaseId caseId,
        NotificationKind kind,
        Instant at,
        Locale locale,
        String subject,
        String body,
        Map<String, EntryParam> params,
        Optional<String> text) {

    /**
     * Copies the components.
     *
     * @param id the message's id
     * @param escalation the escalation it is about
     * @param caseId the case
     * @param kind what it is about
     * @param at when it was delivered
     * @param locale the language of subject and body
     * @param subject the subject line
     * @param body the plain-text body
     * @param params the kind's structured parameters
     * @param text the free text a person wrote that it carries, if any
     * @throws NullPointerException if {@code params} is null
     */
    public PortalMessageView {
        params = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(java.util.Objects.requireNonNull(params, "params")));
    }

    static PortalMessageView of(PortalMessage m) {
        return new PortalMessageView(
                m.id(),
                m.escalation(),
                m.caseId(),
                m.kind(),
                m.at(),
                m.locale(),
                m.subject(),
                m.body(),
                m.params(),
                m.text());
    }
}
