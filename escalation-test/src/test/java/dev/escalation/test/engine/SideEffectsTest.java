package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationReceipt;
import dev.escalation.NotAuthorizedException;
import dev.escalation.OutboxStatus;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Notification;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import dev.escalation.test.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The escalation is never lost: side effects are recorded with the change and delivered at least once. */
class SideEffectsTest {

    @Test
    void withoutFailuresEveryKeyIsDeliveredExactlyOnce() {
        Scenario w = Cast.world();
        EscalationId id = Cast.active(w);
        w.engine().addParticipant(EVE, AddParticipant.staff(id, "dan"));
        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "update", Visibility.CUSTOMER));

        w.engine().deliverPending();
        w.engine().deliverPending();

        assertThat(w.notifier().callsPerKey())
                .isNotEmpty()
                .allSatisfy((k, c) -> assertThat(c).isEqualTo(1));
        assertThat(w.ticketing().callsPerKey())
                .isNotEmpty()
                .allSatisfy((k, c) -> assertThat(c).isEqualTo(1));
        InMemoryTicketing.Ticket ticket = w.ticketing().ticketOf(id).orElseThrow();
        assertThat(ticket.participants())
                .containsExactly("ina@customer.example", "eve@vendor.example", "dan@vendor.example");
        assertThat(ticket.updates()).last().isEqualTo("update");
    }

    @Test
    void ticketCallsOfOneEscalationKeepTheirOrderAcrossAFailure() {
        Scenario w = Cast.world(b -> b.backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        EscalationId id = Cast.escalated(w);
        w.engine().deliverPending();
        w.ticketing().setAvailable(false);
        w.engine()
                .acknowledge(
                        SAM,
                        new dev.escalation.command.Acknowledge(id, dev.escalation.model.StaffId.of("eve"), "first"));
        w.engine().deliverPending(); // the first ticket call fails; later ones of the escalation must wait
        w.ticketing().setAvailable(true);
        w.engine().deliverPending();
        assertThat(w.ticketing().ticketOf(id).orElseThrow().updates()).isEmpty();

        w.clock().advance(Duration.ofSeconds(10));
        w.engine().deliverPending();

        assertThat(w.ticketing().ticketOf(id).orElseThrow().participants())
                .containsExactly("ina@customer.example", "eve@vendor.example");
        assertThat(w.ticketing().ticketOf(id).orElseThrow().updates())
                .containsExactly("Escalation Manager appointed: " + "Staff eve");
    }

    @Test
    void withTheDefaultsAnOutageOfSixHoursOfTheDirectoryAndTheNotifierIsBridged() {
        Scenario w = Cast.worldWithDefaultDelivery();
        Outage directory = new Outage(w.customerDirectory());
        w.configure(b -> b.customers(directory));
        EscalationId id = w.engine().escalate(INA, Cast.escalateC1()).escalation();
        directory.down = true;
        w.notifier().setAvailable(false);

        int deadLettered = runFor(w, Duration.ofHours(6));

        assertThat(deadLettered).isZero();
        assertThat(Cast.pending(w)).isEqualTo(2); // the confirmation to ina, the receipt to sam
        directory.down = false;
        w.notifier().setAvailable(true);
        w.clock().advance(Duration.ofHours(1)); // the longest backoff
        DeliveryReport report = w.engine().deliverPending();
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.pending()).isZero();
        assertThat(w.notifier().delivered())
                .extracting(n -> n.kind().name())
                .containsExactlyInAnyOrder("ESCALATION_RECEIVED", "ESCALATION_CONFIRMED");
        assertThat(w.ticketing().ticketOf(id)).isPresent();
    }

    @Test
    void withTheDefaultsSixteenAttemptsOverSixHoursAndTwentyFiveMinutesEndInADeadLetter() {
        Scenario w = Cast.worldWithDefaultDelivery();
        w.engine().escalate(INA, Cast.escalateC1());
        w.notifier().setAvailable(false);
        java.time.Instant first = w.clock().instant();

        // retried after 5 s, 10 s, ... 2,560 s, then 5 × 1 h: the 16th attempt is 23,115 s after the first
        assertThat(runOnSchedule(w, first.plusSeconds(23_114))).isZero();
        assertThat(runOnSchedule(w, first.plusSeconds(23_115))).isEqualTo(2);
        assertThat(w.engine()
                        .operations()
                        .deadLetters(SAM, PageRequest.first(10))
                        .items())
                .hasSize(2)
                .allSatisfy(m -> {
                    assertThat(m.attempts()).isEqualTo(16);
                    assertThat(m.code()).contains("ATTEMPTS_EXHAUSTED");
                });
    }

    /** Runs delivery once a minute of business time for {@code span}; the side effects dead-lettered meanwhile. */
    private static int runFor(Scenario w, Duration span) {
        java.time.Instant end = w.clock().instant().plus(span);
        int deadLettered = 0;
        while (w.clock().instant().isBefore(end)) {
            deadLettered += w.engine().deliverPending().deadLettered();
            w.clock().advance(Duration.ofMinutes(1));
        }
        return deadLettered;
    }

    /** Runs delivery now and at each next attempt up to {@code end}; the side effects dead-lettered meanwhile. */
    private static int runOnSchedule(Scenario w, java.time.Instant end) {
        int deadLettered = 0;
        while (true) {
            DeliveryReport report = w.engine().deliverPending();
            deadLettered += report.deadLettered();
            Optional<java.time.Instant> next = report.nextAttemptAt();
            if (next.isEmpty() || next.get().isAfter(end)) {
                return deadLettered;
            }
            w.clock().advance(Duration.between(w.clock().instant(), next.get()));
        }
    }

    /** The customer directory, down while {@link #down} is set. */
    private static final class Outage implements dev.escalation.spi.CustomerDirectory {
        private final dev.escalation.spi.CustomerDirectory directory;
        volatile boolean down;

        Outage(dev.escalation.spi.CustomerDirectory directory) {
            this.directory = directory;
        }

        private dev.escalation.spi.CustomerDirectory up() {
            if (down) {
                throw new IllegalStateException("directory down");
            }
            return directory;
        }

        @Override
        public Optional<dev.escalation.spi.CustomerAccount> account(dev.escalation.model.CustomerId id) {
            return up().account(id);
        }

        @Override
        public Optional<dev.escalation.spi.Touchpoint> touchpoint(dev.escalation.model.ContactId id) {
            return up().touchpoint(id);
        }

        @Override
        public List<dev.escalation.spi.Touchpoint> touchpoints(
                dev.escalation.model.CustomerId customer, dev.escalation.model.CustomerRole role) {
            return up().touchpoints(customer, role);
        }

        @Override
        public Optional<dev.escalation.spi.SupportCase> supportCase(dev.escalation.model.CaseId id) {
            return up().supportCase(id);
        }
    }

    @Test
    void afterTheMaximumAttemptsASideEffectIsDeadLetteredAndCanBeReplayed() {
        Scenario w = Cast.world(
                b -> b.delivery(Duration.ofMinutes(1), 100, 2).backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)));
        w.notifier().setAvailable(false);
        w.engine().escalate(INA, Cast.escalateC1());
        int deadLettered = 0;
        for (int run = 0; run < 6; run++) {
            deadLettered += w.engine().deliverPending().deadLettered();
            w.clock().advance(Duration.ofSeconds(1));
        }
        assertThat(deadLettered).isEqualTo(2);
        assertThat(Cast.pending(w)).isZero();

        Page<DeadLetterView> dead = w.engine().operations().deadLetters(SAM, PageRequest.first(10));
        assertThat(dead.items()).hasSize(2).allSatisfy(m -> {
            assertThat(m.attempts()).isEqualTo(2);
            assertThat(m.code()).contains("ATTEMPTS_EXHAUSTED");
            assertThat(m.lastError()).hasValueSatisfying(e -> assertThat(e).contains("IllegalStateException"));
            assertThat(m.target()).isEqualTo(DeadLetterView.Target.NOTIFICATION);
        });
        assertThat(dead.items())
                .extracting(DeadLetterView::effect, DeadLetterView::recipient)
                .containsExactlyInAnyOrder(
                        tuple("ESCALATION_RECEIVED", Optional.of("STAFF:sam")),
                        tuple("ESCALATION_CONFIRMED", Optional.of("CONTACT:ina")));
        assertThat(w.engine().operations().outboxCounts(SAM)).isEqualTo(new OutboxStatus(0, 2, Optional.empty()));
        assertThatThrownBy(() -> w.engine().operations().outboxCounts(EVE)).isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine().operations().deadLetters(EVE, PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class);

        w.notifier().setAvailable(true);
        for (DeadLetterView m : dead.items()) {
            assertThat(w.engine().operations().replay(SAM, m.id())).isTrue();
        }
        assertThat(w.engine().deliverPending().delivered()).isEqualTo(2);
        assertThat(w.engine()
                        .operations()
                        .deadLetters(SAM, PageRequest.first(10))
                        .items())
                .isEmpty();
        for (DeadLetterView m : dead.items()) { // delivered now: nothing to replay, and the answer says so
            assertThat(w.engine().operations().replay(SAM, m.id()))
                    .as("replay of delivered %s", m.id())
                    .isFalse();
        }
        assertThat(w.engine().operations().replay(SAM, dev.escalation.model.MessageId.of("E-404/1/1")))
                .as("replay of an unknown message")
                .isFalse();
        assertThat(w.engine().operations().replayAll(SAM, dead.items().get(0).escalation()))
                .as("replayAll without dead letters")
                .isZero();
        assertThat(w.notifier().delivered()).hasSize(2);
    }

    @Test
    void aPermanentFailureIsDeadLetteredAtOnce() {
        Scenario w = Cast.world(b -> b.ticketing(new FailingTicketing()));
        w.engine().escalate(INA, Cast.escalateC1());

        DeliveryReport report = w.engine().deliverPending();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(2);
    }

    @Test
    void meetingRemindersAreQueuedOncePerDueItemAndSurviveRepeatedRuns() {
        Scenario w = Cast.world();
        EscalationId id = Cast.active(w); // first meeting in two hours
        assertThat(w.engine().processDueWork().delivered()).isZero();

        w.clock().advance(Duration.ofHours(2));
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 10))
                .singleElement()
                .satisfies(d -> assertThat(d.escalation()).isEqualTo(id));
        assertThat(w.engine().processDueWork().delivered()).isEqualTo(1);
        assertThat(w.engine().processDueWork().delivered()).isZero();
        w.engine().deliverPending();

        List<Notification> reminders = w.notifier().delivered().stream()
                .filter(n -> n.kind() == dev.escalation.model.NotificationKind.REMINDER)
                .toList();
        assertThat(reminders).extracting(n -> n.recipient().id()).containsExactlyInAnyOrder("eve", "ina");
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 10)).isEmpty();
        // a later unrelated change re-plans the same due item: it is not queued again
        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "x", Visibility.INTERNAL));
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 10)).isEmpty();
        // the meeting is held: the next one becomes due a day later
        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.MEETING_HELD, "met", Visibility.CUSTOMER));
        w.clock().advance(Duration.ofDays(1));
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 10))
                .singleElement()
                .satisfies(d -> assertThat(d.dueAt()).isEqualTo(w.clock().instant()));
    }

    @Test
    void aListenerThatThrowsNeitherUndoesTheChangeNorStopsTheOthers() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        Scenario w = Cast.world(b -> b.listener(e -> {
                    throw new IllegalStateException("boom");
                })
                .listener(e -> seen.add(e.entry().kind().name())));

        EscalationReceipt receipt = w.engine().escalate(INA, Cast.escalateC1());

        assertThat(w.store().findForVendor(receipt.escalation())).isPresent();
        assertThat(seen).containsExactly("ESCALATED");
    }

    /** Fails every call permanently (an address the mail server rejects for good, say). */
    private static final class FailingTicketing implements Ticketing {
        @Override
        public String open(TicketCommand.Open c) {
            throw new PermanentDeliveryException("rejected", null);
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant c) {
            throw new PermanentDeliveryException("rejected", null);
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant c) {
            throw new PermanentDeliveryException("rejected", null);
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate c) {
            throw new PermanentDeliveryException("rejected", null);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus c) {
            throw new PermanentDeliveryException("rejected", null);
        }
    }
}
