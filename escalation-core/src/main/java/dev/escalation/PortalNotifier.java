package dev.escalation;

import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.Party;
import dev.escalation.spi.Capability;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.Touchpoint;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in notifier of {@link DeliveryChannel#PORTAL}: stores each notification as a {@link PortalMessage} of its
 * recipient, with the contact's customer as its tenant, delivered now (the engine's clock). A calendar invitation is
 * not kept (the portal shows the text; the invitation goes out on a mail channel). Idempotent by the store's key.
 */
final class PortalNotifier implements Notifier {
    private final PortalMessages messages;
    private final Clock clock;
    private final CustomerDirectory customers;

    PortalNotifier(PortalMessages messages, Clock clock, CustomerDirectory customers) {
        this.messages = messages;
        this.clock = clock;
        this.customers = customers;
    }

    @Override
    public void send(Notification n) {
        if (n.channel() != DeliveryChannel.PORTAL) {
            throw new PermanentDeliveryException("the portal notifier delivers PORTAL only, not " + n.channel(), null);
        }
        Optional<CustomerId> customer = Optional.empty();
        if (n.recipient().kind() == Party.Kind.CONTACT) {
            customer = Optional.of(customers
                    .touchpoint(ContactId.of(n.recipient().id()))
                    .map(Touchpoint::customer)
                    .orElseThrow(() -> new PermanentDeliveryException("the contact is not in the directory", null)));
        }
        messages.store(new PortalMessage(
                n.idempotencyKey(),
                PartyRef.of(n.recipient()),
                customer,
                n.escalation(),
                n.caseId(),
                n.kind(),
                clock.instant(),
                n.textLocale(), // the language subject and body are written in, not simply the recipient's
                n.subject(),
                n.body(),
                n.params(),
                n.text()));
    }

    @Override
    public Set<DeliveryChannel> channels() {
        return Set.of(DeliveryChannel.PORTAL);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.DEDUPLICATES_BY_KEY);
    }
}
