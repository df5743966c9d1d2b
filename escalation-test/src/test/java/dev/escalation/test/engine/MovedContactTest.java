package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryPortalMessages;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Preferences;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A contact the customer directory now lists under another customer (moved, or the id reassigned) is no longer one of
 * the escalation's customer's people: notifications about the former customer's escalations are not delivered to
 * them on any channel (they become {@code UNKNOWN_RECIPIENT} dead letters), so nothing of one tenant reaches a person
 * of another, and the portal inbox never files the former customer's escalation under the new customer.
 */
class MovedContactTest {
    private static final CustomerId GLOBEX = CustomerId.of("globex");

    private final InMemoryNotifier mail = new InMemoryNotifier();
    private final InMemoryPortalMessages portal = new InMemoryPortalMessages();
    private final Scenario w = Cast.world(b -> b.portalMessages(portal)).notifiers(mail);

    /** Files ina under {@code customer} with {@code channels}, keeping everything else. */
    private void move(CustomerId customer, DeliveryChannel... channels) {
        Touchpoint t = w.customerDirectory().touchpoint(ContactId.of("ina")).orElseThrow();
        w.customerDirectory()
                .add(new Touchpoint(
                        t.id(),
                        customer,
                        t.displayName(),
                        t.email(),
                        t.phone(),
                        t.roles(),
                        t.active(),
                        new Preferences(Optional.empty(), Optional.empty(), List.of(channels))));
    }

    private List<Notification> mailsTo(String contact) {
        return mail.delivered().stream()
                .filter(n -> n.recipient().id().equals(contact))
                .toList();
    }

    @Test
    void aContactMovedToAnotherCustomerReceivesNothingOfTheFormerCustomersEscalation() {
        EscalationId acme = Cast.active(w);
        w.engine().deliverPending();
        move(GLOBEX, DeliveryChannel.PORTAL, DeliveryChannel.EMAIL);
        int inaMails = mailsTo("ina").size();

        w.engine()
                .logProgress(
                        EVE, new LogProgress(acme, LogProgress.Kind.STATUS_UPDATE, "Root cause", Visibility.CUSTOMER));
        DeliveryReport report = w.engine().deliverPending();

        assertThat(w.engine().messagesFor(INA, PageRequest.first(50)).items())
                .as("ina, now GLOBEX's, has no portal message about ACME's %s", acme)
                .noneMatch(m -> m.escalation().equals(acme));
        assertThat(mailsTo("ina")).as("no mail to ina about ACME's escalation").hasSize(inaMails);
        assertThat(report.deadLettered()).isEqualTo(1);
        List<DeadLetterView> dead =
                w.engine().operations().deadLetters(SAM, PageRequest.first(10)).items();
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.escalation()).isEqualTo(acme);
            assertThat(d.recipient()).contains("CONTACT:ina");
            assertThat(d.code()).contains("UNKNOWN_RECIPIENT");
        });
        assertThat(w.engine().messagesFor(GIL, PageRequest.first(50)).items())
                .noneMatch(m -> m.escalation().equals(acme));
    }
}
