package dev.escalation;

import dev.escalation.model.EntryParam;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;

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

    static SideEffect stamp(SideEffect effect, String head, long length) {
        if (effect instanceof NotificationRequest n && n.recipient().kind() == Party.Kind.CONTACT) {
            ParamArray params = ParamArray.copyOf(n.params(), 2);
            params.put(HEAD, new EntryParam.Ref(head));
            params.put(LENGTH, new EntryParam.Count(length));
            return new NotificationRequest(
                    n.idempotencyKey(),
                    n.escalation(),
                    n.caseId(),
                    n.kind(),
                    n.channel(),
                    n.recipient(),
                    params,
                    n.text(),
                    n.invite());
        }
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
