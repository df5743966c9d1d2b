package dev.escalation;

import dev.escalation.model.EntryParam;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;
import java.util.Map;
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
                Map<String, EntryParam> params = n.params() == source ? stamped : null;
                if (params == null) {
                    ParamArray copy = ParamArray.copyOf(n.params(), 2);
                    copy.put(HEAD, new EntryParam.Ref(head));
                    copy.put(LENGTH, new EntryParam.Count(length));
                    params = copy;
                }
                NotificationRequest out = new NotificationRequest(
                        n.idempotencyKey(),
                        n.escalation(),
                        n.caseId(),
                        n.kind(),
                        n.channel(),
                        n.recipient(),
                        params,
                        n.text(),
                        n.invite());
                source = n.params();
                stamped = out.params(); // immutable: the next recipient's request takes it without a copy
                return out;
            }
            return stampTicket(effect, head, length);
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
