package dev.escalation.spi;

import static java.util.Objects.requireNonNull;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A notification delivered on the {@link dev.escalation.model.DeliveryChannel#PORTAL} channel, as
 * {@link PortalMessages} keeps it for its recipient to read in the portal. Rendered like every notification, for the
 * recipient's language and time zone; the kind, parameters and free text are kept too, so a portal may render it
 * itself.
 *
 * @param id         the notification's idempotency key: stores keep one message per id (a repeated delivery is a
 *                   no-op)
 * @param recipient  whose message it is
 * @param customer   the recipient's customer for a customer contact (the tenant the message belongs to); empty for
 *                   staff and external parties
 * @param escalation the escalation it is about
 * @param caseId     the case
 * @param kind       what it is about
 * @param at         when it was delivered (the engine's clock)
 * @param locale     the language {@code subject} and {@code body} are written in
 * @param subject    the subject line (personal data; never log it)
 * @param body       the plain-text body (personal data; never log it)
 * @param params     the kind's structured parameters
 * @param text       the free text a person wrote that it carries, if any (personal data)
 */
public record PortalMessage(
        String id,
        PartyRef recipient,
        Optional<CustomerId> customer,
        EscalationId escalation,
        CaseId caseId,
        NotificationKind kind,
        Instant at,
        Locale locale,
        String subject,
        String body,
        Map<String, EntryParam> params,
        Optional<String> text) {

    /** The longest id a store must keep. */
    public static final int MAX_ID_LENGTH = 1000;

    /**
     * Validates and copies the components.
     *
     * @param id the notification's idempotency key (1 to {@value #MAX_ID_LENGTH} characters)
     * @param recipient whose message it is
     * @param customer the recipient's customer for a customer contact; empty for staff and external parties
     * @param escalation the escalation it is about
     * @param caseId the case
     * @param kind what it is about
     * @param at when it was delivered
     * @param locale the language of subject and body
     * @param subject the subject line
     * @param body the plain-text body
     * @param params the kind's structured parameters
     * @param text the free text a person wrote that it carries, if any
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code id} is empty or longer than {@value #MAX_ID_LENGTH} characters
     */
    public PortalMessage {
        requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must have 1 to " + MAX_ID_LENGTH + " characters");
        }
        requireNonNull(recipient, "recipient");
        requireNonNull(customer, "customer");
        requireNonNull(escalation, "escalation");
        requireNonNull(caseId, "caseId");
        requireNonNull(kind, "kind");
        requireNonNull(at, "at");
        requireNonNull(locale, "locale");
        requireNonNull(subject, "subject");
        requireNonNull(body, "body");
        params = Maps.copyOrdered(params, "params");
        requireNonNull(text, "text");
    }
}
