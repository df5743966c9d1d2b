package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.internal.validation.BidiModel;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Notification;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Names and titles from a directory are not the caller's input: a case title or a staff member's name with an
 * unterminated override is not refused (the command goes through) but, as a directory's control characters are,
 * cleaned where the directory record is made: the unmatched control becomes U+FFFD, so the notifications, the ticket
 * and everything else the name is put into read in their own order after it.
 */
class BidiDirectoryTextTest {

    @Test
    void anUnterminatedOverrideInADirectoryTextCannotReorderTheNotifications() {
        World w = new World();
        CaseId c9 = CaseId.of("C-9");
        w.customers.add(new SupportCase(c9, CustomerId.of("acme"), "Invoice \u202Egnp.exe"));
        w.staff.add(new StaffMember(
                StaffId.of("rex"),
                "Rex \u2067Ra",
                "rex@vendor.example",
                Optional.empty(),
                Set.of(StaffRole.ESCALATION_MANAGER),
                true));

        EscalationId id = w.engine
                .escalate(World.INA, new EscalateCase(c9, "It is down", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        w.engine.acknowledge(World.SAM, new Acknowledge(id, StaffId.of("rex"), "Called Ina"));
        w.engine.deliverPending();

        assertThat(w.notifier.delivered()).isNotEmpty();
        for (Notification n : w.notifier.delivered()) {
            assertThat(BidiModel.balanced(n.subject())).as(n.subject()).isTrue();
            assertThat(BidiModel.balanced(n.body())).as(n.body()).isTrue();
        }
        assertThat(w.notifier.delivered())
                .extracting(Notification::body)
                .anyMatch(b -> b.contains("(Invoice \uFFFDgnp.exe)."))
                .anyMatch(b -> b.startsWith("Rex \uFFFDRa is your Escalation Manager."));
        assertThat(w.notifier.delivered())
                .extracting(Notification::subject)
                .anyMatch(s -> s.endsWith("Escalation Manager appointed: Rex \uFFFDRa"));
        assertThat(w.ticketing.ticketOf(id).orElseThrow().updates())
                .allMatch(BidiModel::balanced)
                .contains("Escalation Manager appointed: Rex \uFFFDRa");
    }
}
