package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.StaffId;
import dev.escalation.model.TicketStatus;
import dev.escalation.model.Visibility;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.Notification;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * How delivery uses the outbox port (claims, finishes, counts, the outcomes it hands back), seen through
 * {@link RecordingStore}. What gets delivered, in which order and to whom is tested through the public API in
 * escalation-test's {@code dev.escalation.test.engine.DeliveryTest}.
 */
class OutboxCallsTest {

    @Test
    void aFourteenCommandLifecycleIsDeliveredByOneRunInFourOutboxTransactions() {
        World w = new World();
        EscalationId id = w.escalated();
        w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        w.engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        w.clock.instant().plusSeconds(3600)));
        w.engine.amendPlan(
                EVE,
                new AmendPlan(
                        id,
                        Duration.ofHours(4),
                        Channel.PHONE,
                        w.clock.instant().plusSeconds(7200),
                        "faster"));
        w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "found it", Visibility.CUSTOMER));
        w.engine.addParticipant(EVE, AddParticipant.staff(id, "dan"));
        w.engine.changeCriticality(INA, new ChangeCriticality(id, Criticality.CRITICAL, "still down"));
        w.engine.pauseClock(EVE, new PauseClock(id, "waiting for logs"));
        w.engine.resumeClock(EVE, new ResumeClock(id, null));
        w.engine.removeParticipant(EVE, new RemoveParticipant(id, "dan", "done"));
        w.engine.resolve(EVE, new Resolve(id, "patched"));
        w.engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, w.clock.instant().plus(Duration.ofDays(2)), Duration.ofHours(1)));
        w.engine.recordLessonsLearned(EVE, new RecordLessonsLearned(id, "test with real volumes", List.of()));
        w.engine.close(EVE, new Close(id, "thanks")); // the 14th command
        long queued = w.pending();
        w.recording.reset();

        DeliveryReport report = w.engine.deliverPending();

        assertThat(report).isEqualTo(new DeliveryReport((int) queued, 0, 0, 0, Optional.empty()));
        // claim (notifications and the Open), finish (stores the reference), claim (the ticket calls it unblocked),
        // finish; then one count for the report
        assertThat(w.recording.calls("outbox.claim")).isEqualTo(2);
        assertThat(w.recording.calls("outbox.finish")).isEqualTo(2);
        assertThat(w.recording.calls("outbox.counts")).isEqualTo(1);
        InMemoryTicketing.Ticket ticket = w.ticketing.ticketOf(id).orElseThrow();
        assertThat(ticket.status()).isEqualTo(TicketStatus.CLOSED);
        assertThat(ticket.participants()).containsExactly("ina@customer.example", "eve@vendor.example");
        assertThat(ticket.updates())
                .startsWith("Escalation Manager appointed: Staff eve")
                .contains("found it", "Resolved: patched")
                .endsWith("Closed: thanks");
        assertThat(w.engine.find(SAM, id).orElseThrow().ticketReference()).contains(ticket.reference());
    }

    /** A notifier that fails for some recipients (their mailbox is down) and delivers to the others. */
    private static final class FlakyNotifier implements Notifier {
        final InMemoryNotifier delegate;
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final List<String> attempted = new java.util.concurrent.CopyOnWriteArrayList<>();

        FlakyNotifier(InMemoryNotifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(Notification n) {
            attempted.add(n.kind() + ">" + n.recipient().id());
            if (failing.contains(n.recipient().id())) {
                throw new IllegalStateException("mailbox unavailable");
            }
            delegate.send(n);
        }
    }

    @Test
    void afterAFailureTheRestOfItsChainInTheBatchIsReleasedWithoutAnAttempt() {
        FlakyNotifier flaky = new FlakyNotifier(new InMemoryNotifier());
        World w = new World(b -> {}, null, List.of(flaky));
        flaky.failing.add("ina");
        EscalationId id = w.escalated();
        w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));

        DeliveryReport report = w.engine.deliverPending();

        // Ina's confirmation failed; her appointment notice, in the same batch behind it, was not attempted
        assertThat(flaky.attempted)
                .containsExactlyInAnyOrder(
                        "ESCALATION_RECEIVED>sam", "ESCALATION_CONFIRMED>ina", "MANAGER_APPOINTED>eve");
        assertThat(w.recording.finished)
                .filteredOn(DeliveryOutcome.Released.class::isInstance)
                .extracting(o -> ((NotificationRequest) o.claimed().message().effect()).kind())
                .containsExactly(NotificationKind.MANAGER_APPOINTED);
        assertThat(report.retried()).isEqualTo(1);
        assertThat(report.pending()).isEqualTo(2);
        w.clock.advance(Duration.ofSeconds(5));
        flaky.failing.clear();
        w.engine.deliverPending();
        assertThat(w.pending()).isZero();
    }
}
