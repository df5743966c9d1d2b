package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.PortalMessageView;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PortalMessage;
import dev.escalation.spi.PortalMessages;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A portal-message store that breaks its scope and answers a contact's inbox with other recipients' messages: the
 * engine drops them, and the cursor the contact holds names none of them (before: the store's cursor, naming another
 * customer's escalation, reached the contact); a store that answers other recipients' messages without end gives an
 * empty last page, not an endless read.
 */
class PortalInboxCursorTest {
    @Test
    void aLeakyPortalStoresCursorNamesNoOtherRecipientsMessage() {
        InMemoryPortalMessages portal = new InMemoryPortalMessages();
        PortalMessages leaky = new PortalMessages() {
            @Override
            public boolean store(PortalMessage message) {
                return portal.store(message);
            }

            @Override
            public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
                List<PortalMessage> everything = new ArrayList<>();
                for (String who : List.of("gil", "ina")) { // gil's first
                    everything.addAll(portal.messagesFor(new PartyRef(Party.Kind.CONTACT, who), PageRequest.first(500))
                            .items());
                }
                List<PortalMessage> one = everything.subList(0, Math.min(page.size(), everything.size()));
                PortalMessage last = one.get(one.size() - 1);
                return new Page<>(one, Optional.of(new PageCursor(last.at(), last.id())));
            }

            @Override
            public int eraseRecipient(PartyRef recipient) {
                return portal.eraseRecipient(recipient);
            }
        };
        Scenario w = Cast.world(b -> b.portalMessages(leaky)).notifiers(new InMemoryNotifier());
        for (String c : List.of("ina", "gil")) {
            Touchpoint t = w.customerDirectory().touchpoint(ContactId.of(c)).orElseThrow();
            w.customerDirectory()
                    .add(new Touchpoint(
                            t.id(),
                            t.customer(),
                            t.displayName(),
                            t.email(),
                            t.phone(),
                            t.roles(),
                            t.active(),
                            new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.PORTAL))));
        }
        w.engine().escalate(INA, Cast.escalateC1());
        w.after(java.time.Duration.ofMinutes(1));
        EscalationId g = w.engine()
                .escalate(GIL, new EscalateCase(Cast.G1, "Login broken", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.engine().deliverPending();

        Page<PortalMessageView> first = w.engine().messagesFor(INA, PageRequest.first(1));
        assertThat(first.items()).isEmpty(); // gil's newest message was dropped
        assertThat(first.next().map(PageCursor::id).orElse(""))
                .as("ina's cursor")
                .doesNotContain(g.value())
                .doesNotContain("gil");
        assertThat(w.engine().messagesFor(INA, PageRequest.first(10)).items())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.escalation()).isNotEqualTo(g));
    }

    @Test
    void aStoreThatAnswersOtherRecipientsWithoutEndGivesAnEmptyLastPage() {
        InMemoryPortalMessages portal = new InMemoryPortalMessages();
        AtomicInteger reads = new AtomicInteger();
        PortalMessages endless = new PortalMessages() {
            @Override
            public boolean store(PortalMessage message) {
                return portal.store(message);
            }

            @Override
            public Page<PortalMessage> messagesFor(PartyRef recipient, PageRequest page) {
                reads.incrementAndGet();
                List<PortalMessage> gils = portal.messagesFor(
                                new PartyRef(Party.Kind.CONTACT, "gil"), PageRequest.first(1))
                        .items();
                Instant at = Instant.parse("2030-01-01T00:00:00Z").minusSeconds(reads.get()); // always a new position
                return new Page<>(gils, Optional.of(new PageCursor(at, "m-" + reads.get())));
            }

            @Override
            public int eraseRecipient(PartyRef recipient) {
                return portal.eraseRecipient(recipient);
            }
        };
        Scenario w = Cast.world(b -> b.portalMessages(endless)).notifiers(new InMemoryNotifier());
        Touchpoint t = w.customerDirectory().touchpoint(ContactId.of("gil")).orElseThrow();
        w.customerDirectory()
                .add(new Touchpoint(
                        t.id(),
                        t.customer(),
                        t.displayName(),
                        t.email(),
                        t.phone(),
                        t.roles(),
                        t.active(),
                        new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.PORTAL))));
        w.engine()
                .escalate(GIL, new EscalateCase(Cast.G1, "Login broken", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));
        w.engine().deliverPending();
        reads.set(0);

        Page<PortalMessageView> page = w.engine().messagesFor(INA, PageRequest.first(5));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
        assertThat(reads.get()).isBetween(2, 64);
    }
}
