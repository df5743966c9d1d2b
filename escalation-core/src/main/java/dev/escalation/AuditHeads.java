package dev.escalation;

import dev.escalation.model.CaseId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.MeetingInvite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Puts the audit chain's head into what leaves the engine: every notification to a customer contact gets the
 * parameters {@code audit.head} (Ref: the head hash) and {@code audit.length} (Count: the entries it covers); every
 * ticket update gets a last line {@code "Audit head: <hash> (<length> entries)"}. A customer or the ticketing system
 * thus holds heads the vendor cannot change later (an anchor outside the vendor's reach).
 */
final class AuditHeads {
    static final String HEAD = "audit.head";
    static final String LENGTH = "audit.length";

    private AuditHeads() {}

    /**
     * Stamps the side effects of one write with one head: the contacts among the recipients of one notification
     * (who share its parameter map) share one stamped map too, made once (and its hash, when rendering compares
     * it). Not thread-safe; one per write.
     */
    static final class Stamper {
        private final String head;
        private final long length;
        /** The parameters last stamped, and their stamped (immutable) copy. */
        private @Nullable Map<String, EntryParam> source;

        private @Nullable Map<String, EntryParam> stamped;

        Stamper(String head, long length) {
            this.head = head;
            this.length = length;
        }

        SideEffect stamp(SideEffect effect) {
            if (effect instanceof NotificationRequest n && n.recipient().kind() == Party.Kind.CONTACT) {
                return contact(
                        n.idempotencyKey(),
                        n.escalation(),
                        n.caseId(),
                        n.kind(),
                        n.channel(),
                        n.recipient(),
                        n.params(),
                        n.text(),
                        n.invite());
            }
            return stampTicket(effect, head, length);
        }

        /**
         * The stamped notification to a contact, made from its parts: what {@link #stamp} returns for the request
         * of these parts (the draft builds a contact's notification only here, not once unstamped and once stamped).
         */
        NotificationRequest contact(
                String idempotencyKey,
                EscalationId escalation,
                CaseId caseId,
                NotificationKind kind,
                Optional<DeliveryChannel> channel,
                Party recipient,
                Map<String, EntryParam> unstamped,
                Optional<String> text,
                Optional<MeetingInvite> invite) {
            Map<String, EntryParam> params = unstamped == source ? stamped : null;
            if (params == null) {
                ParamArray copy = ParamArray.copyOf(unstamped, 2);
                copy.put(HEAD, new EntryParam.Ref(head));
                copy.put(LENGTH, new EntryParam.Count(length));
                params = copy;
            }
            NotificationRequest out = new NotificationRequest(
                    idempotencyKey, escalation, caseId, kind, channel, recipient, params, text, invite);
            source = unstamped;
            stamped = out.params(); // immutable: the next recipient's request takes it without a copy
            return out;
        }
    }

    /**
     * The side effects of one write ({@link SideEffect}s and {@link Unstamped} notifications, in order) as outbox
     * messages; with a head (the audit trail on), customers' notifications and ticket updates carry the chain's head
     * after this write ({@code audit.head}, {@code audit.length}).
     */
    static List<OutboxMessage> messages(
            List<Object> effects, Optional<String> head, long length, StoredEscalation base, Instant now) {
        List<OutboxMessage> messages = new ArrayList<>(effects.size());
        Stamper stamper = head.isPresent() ? new Stamper(head.get(), length) : null;
        for (Object o : effects) {
            SideEffect effect = o instanceof Unstamped u
                    ? u.request(base.id(), base.caseId(), stamper)
                    : stamper != null ? stamper.stamp((SideEffect) o) : (SideEffect) o;
            messages.add(
                    OutboxMessage.pending(MessageIds.forKey(effect.idempotencyKey()), base.customer(), effect, now));
        }
        return messages;
    }

    /**
     * A notification to a contact while the audit trail is on, kept as its parts until the chain's head is known:
     * its request is then made once, stamped ({@link Stamper#contact}), instead of once as it is and once more
     * stamped. {@code params} must not change after it is taken.
     */
    record Unstamped(
            String key,
            NotificationKind kind,
            Party recipient,
            Map<String, EntryParam> params,
            Optional<String> text,
            Optional<MeetingInvite> invite) {

        /** The request: stamped by {@code stamper}, or as it is without a head to stamp. */
        NotificationRequest request(EscalationId escalation, CaseId caseId, @Nullable Stamper stamper) {
            return stamper != null
                    ? stamper.contact(key, escalation, caseId, kind, Optional.empty(), recipient, params, text, invite)
                    : new NotificationRequest(
                            key, escalation, caseId, kind, Optional.empty(), recipient, params, text, invite);
        }
    }

    private static SideEffect stampTicket(SideEffect effect, String head, long length) {
        if (effect instanceof TicketCommand.PostUpdate u) {
            return new TicketCommand.PostUpdate(
                    u.idempotencyKey(),
                    u.escalation(),
                    u.text() + "\n\nAudit head: " + head + " (" + length + " entries)",
                    u.visibility());
        }
        return effect;
    }
}
