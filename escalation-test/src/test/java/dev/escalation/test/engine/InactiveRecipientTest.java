package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.model.ContactId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Someone the directory marks inactive (a contact who left the customer, a staff member who left the vendor) is told
 * nothing more about the escalations they took part in: each notification to them becomes an {@code
 * UNKNOWN_RECIPIENT} dead letter (listed, never skipped silently), on every channel, while the others still get theirs.
 */
class InactiveRecipientTest {
    private final InMemoryNotifier mail = new InMemoryNotifier();
    private final Scenario w = Cast.world().notifiers(mail);

    private List<Notification> mailsTo(String id) {
        return mail.delivered().stream()
                .filter(n -> n.recipient().id().equals(id))
                .toList();
    }

    private void deactivateIna() {
        Touchpoint t = w.customerDirectory().touchpoint(ContactId.of("ina")).orElseThrow();
        w.customerDirectory()
                .add(new Touchpoint(
                        t.id(),
                        t.customer(),
                        t.displayName(),
                        t.email(),
                        t.phone(),
                        t.roles(),
                        false,
                        t.preferences()));
    }

    private void deactivateEve() {
        StaffMember m = w.staffDirectory().member(StaffId.of("eve")).orElseThrow();
        w.staffDirectory()
                .add(new StaffMember(m.id(), m.displayName(), m.email(), m.phone(), m.roles(), false, m.preferences()));
    }

    private List<DeadLetterView> deadLetters() {
        return w.engine().operations().deadLetters(SAM, PageRequest.first(50)).items();
    }

    @Test
    void aContactWhoLeftGetsNoUpdateAboutTheEscalationAndItIsADeadLetter() {
        EscalationId id = Cast.active(w);
        w.engine().deliverPending();
        deactivateIna();
        int inaMails = mailsTo("ina").size();

        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "Fix", Visibility.CUSTOMER));
        DeliveryReport report = w.engine().deliverPending();

        assertThat(mailsTo("ina")).as("nothing more to ina, who left").hasSize(inaMails);
        assertThat(report.deadLettered()).isPositive();
        assertThat(deadLetters())
                .filteredOn(d -> d.recipient().orElse("").contains("CONTACT:ina"))
                .isNotEmpty()
                .allSatisfy(d -> {
                    assertThat(d.escalation()).isEqualTo(id);
                    assertThat(d.code()).contains("UNKNOWN_RECIPIENT");
                });
        assertThat(deadLetters()).noneMatch(d -> !d.recipient().orElse("").contains("CONTACT:ina"));
    }

    @Test
    void aStaffMemberWhoLeftGetsNothingMoreAndItIsADeadLetter() {
        Cast.active(w); // eve appointed and told so, not yet delivered
        deactivateEve();

        w.engine().deliverPending();

        assertThat(mailsTo("eve")).as("nothing to eve, who left").isEmpty();
        assertThat(mailsTo("ina")).as("the others are still told").isNotEmpty();
        assertThat(deadLetters())
                .filteredOn(d -> d.recipient().orElse("").contains("STAFF:eve"))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.code()).contains("UNKNOWN_RECIPIENT"));
    }
}
