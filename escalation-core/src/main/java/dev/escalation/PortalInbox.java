package dev.escalation;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.Touchpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link EscalationEngine#messagesFor}: the actor's own portal messages, read from {@link PortalMessages} by the
 * actor's identity and re-checked on what the store returns (recipient and, for a contact, the contact's customer and
 * the customer of the escalation the message is about), so a store that mixes recipients or tenants never leaks, also
 * one that files another customer's message under the contact's customer.
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
        Map<EscalationId, Boolean> ofTenant = new HashMap<>(); // one check per escalation and call
        Page<PortalMessage> stored = ScopedPages.read(
                "portal inbox",
                page,
                request -> messages.get().messagesFor(me, request),
                m -> m.recipient().equals(me)
                        && m.customer().equals(tenant)
                        && (tenant.isEmpty()
                                || ofTenant.computeIfAbsent(m.escalation(), e -> ofTenant(e, tenant.get()))),
                m -> new PageCursor(m.at(), m.id()));
        return new Page<>(stored.items().stream().map(PortalMessageView::of).toList(), stored.next());
    }

    /**
     * Whether the escalation a contact's message is about is the contact's customer's: known from the escalations the
     * engine saw lately, else loaded from the store (vendor-scoped, so that another customer's escalation is told
     * from a missing one). A message about another customer's escalation is another customer's message, whatever the
     * portal-message store filed it under; one about an escalation the store does not hold (any more: purged by
     * retention) is judged by the tenant it was filed under, as before. A load that returns another escalation's row
     * is a store fault: the message is not shown.
     */
    private boolean ofTenant(EscalationId id, CustomerId customer) {
        CustomerId known = w.knownCustomer(id);
        if (known == null) {
            Optional<StoredEscalation> r = Workflow.call(() -> w.store.findForVendor(id));
            if (r.isEmpty()) {
                return true;
            }
            if (!StoreRows.asked("portal inbox's escalation load", r.get(), id, null)) {
                return false;
            }
            w.remember(r.get());
            known = r.get().customer();
        }
        return known.equals(customer);
    }
}
