package dev.escalation;

import dev.escalation.model.CustomerId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.Touchpoint;
import java.util.Optional;

/**
 * {@link EscalationEngine#messagesFor}: the actor's own portal messages, read from {@link PortalMessages} by the
 * actor's identity and re-checked on what the store returns (recipient and, for a contact, the contact's customer),
 * so a store that mixes recipients or tenants never leaks.
 */
final class PortalInbox {
    private final Workflow w;
    private final Optional<PortalMessages> messages;

    PortalInbox(Workflow w, Optional<PortalMessages> messages) {
        this.w = w;
        this.messages = messages;
    }

    Page<PortalMessageView> messagesFor(Actor actor, PageRequest page) {
        Principal p = w.resolve(actor);
        if (messages.isEmpty()) {
            return Page.empty(); // no portal channel: nobody has portal messages
        }
        PartyRef me = new PartyRef(p.isContact() ? Party.Kind.CONTACT : Party.Kind.STAFF, actor.id());
        Optional<CustomerId> tenant = p.contact().map(Touchpoint::customer);
        Page<PortalMessage> stored = ScopedPages.read(
                page,
                request -> messages.get().messagesFor(me, request),
                m -> m.recipient().equals(me) && m.customer().equals(tenant),
                m -> new PageCursor(m.at(), m.id()));
        return new Page<>(stored.items().stream().map(PortalMessageView::of).toList(), stored.next());
    }
}
