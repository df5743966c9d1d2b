package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.ChangeFeed;
import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationChange;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationEngineBuilder;
import dev.escalation.InvalidCommandException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.OutboxStatus;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.LogProgress;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import dev.escalation.spi.Touchpoint;
import dev.escalation.test.Scenario;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Batched delivery: chains, the ticket reference, channels, dead letters and their replay, the change feed. */
class DeliveryTest {

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
    void aFailingRecipientHoldsBackOnlyItsOwnNotificationsWhichThenGoOutInOrder() {
        InMemoryNotifier sent = new InMemoryNotifier();
        FlakyNotifier flaky = new FlakyNotifier(sent);
        Scenario w = Cast.world(b -> {}).notifiers(flaky);
        flaky.failing.add("ina");
        EscalationId id = Cast.escalated(w);

        DeliveryReport first = w.engine().deliverPending();
        assertThat(first.delivered()).isEqualTo(2); // Support Management's notice and the ticket
        assertThat(first.retried()).isEqualTo(1); // Ina's confirmation
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        DeliveryReport second = w.engine().deliverPending();

        // Eve's notice went out at once; Ina's waits behind her failed confirmation
        assertThat(sent.delivered())
                .extracting(n -> n.kind() + ">" + n.recipient().id())
                .containsExactly("ESCALATION_RECEIVED>sam", "MANAGER_APPOINTED>eve");
        assertThat(second.delivered()).isEqualTo(4); // Eve's notice and three ticket calls
        assertThat(second.retried()).isZero();
        assertThat(second.pending()).isEqualTo(2);

        flaky.failing.clear();
        w.clock().advance(Duration.ofSeconds(5));
        assertThat(w.engine().deliverPending().delivered()).isEqualTo(2);
        assertThat(sent.delivered())
                .filteredOn(n -> n.recipient().id().equals("ina"))
                .extracting(Notification::kind)
                .containsExactly(NotificationKind.ESCALATION_CONFIRMED, NotificationKind.MANAGER_APPOINTED);
    }

    @Test
    void inALongRunEachBatchIsLeasedFromWhenItIsClaimed() {
        AtomicReference<Scenario> world = new AtomicReference<>();
        List<String> delivering = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> claimedByOther = new java.util.concurrent.CopyOnWriteArrayList<>();
        InMemoryNotifier sent = new InMemoryNotifier();
        Notifier slow = n -> {
            Scenario w = world.get();
            w.clock().advance(Duration.ofSeconds(30)); // each delivery takes half the lease
            // another dispatcher claims meanwhile: it must not get the message being delivered
            var claimed = w.store().outbox().claim("other", w.clock().instant(), Duration.ofMinutes(1), 10);
            w.store()
                    .outbox()
                    .finish(
                            claimed.stream()
                                    .<DeliveryOutcome>map(DeliveryOutcome.Released::new)
                                    .toList(),
                            w.clock().instant());
            if (claimed.stream().anyMatch(c -> c.message().idempotencyKey().equals(n.idempotencyKey()))) {
                // recorded, not thrown: what a notifier throws is a failed attempt, which the run would absorb
                claimedByOther.add(n.idempotencyKey());
            }
            delivering.add(n.idempotencyKey());
            sent.send(n);
        };
        Scenario w = Cast.world(b -> b.delivery(Duration.ofMinutes(1), 1, 3)).notifiers(slow);
        world.set(w);
        w.engine().escalate(INA, Cast.escalateC1());

        DeliveryReport report = w.engine().deliverPending();

        assertThat(claimedByOther)
                .as("messages another dispatcher could claim while they were delivered")
                .isEmpty();
        assertThat(delivering).hasSize(2); // the second one 60 s after the run started
        assertThat(sent.delivered()).hasSize(2);
        assertThat(report.delivered()).isEqualTo(3);
        assertThat(report.pending()).isZero();
    }

    /** Ticketing whose {@code open} fails permanently while broken (say, the project does not exist yet). */
    private static final class BrokenOpen implements Ticketing {
        final InMemoryTicketing delegate = new InMemoryTicketing();
        final AtomicBoolean broken = new AtomicBoolean(true);

        @Override
        public String open(TicketCommand.Open c) {
            if (broken.get()) {
                throw new PermanentDeliveryException("no such project", null);
            }
            return delegate.open(c);
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant c) {
            delegate.addParticipant(ticket, c);
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant c) {
            delegate.removeParticipant(ticket, c);
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate c) {
            delegate.postUpdate(ticket, c);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus c) {
            delegate.changeStatus(ticket, c);
        }
    }

    @Test
    void ticketCallsWaitBehindADeadLetteredOpenAndGoOutInOrderAfterReplayAll() {
        BrokenOpen ticketing = new BrokenOpen();
        Scenario w = Cast.world(b -> b.ticketing(ticketing));
        EscalationId id = Cast.escalated(w);
        assertThat(w.engine().deliverPending().deadLettered()).isEqualTo(1);
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        w.engine()
                .logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, "found it", Visibility.CUSTOMER));

        DeliveryReport waiting = w.engine().deliverPending();

        assertThat(waiting.delivered()).isEqualTo(3); // the notifications only
        assertThat(waiting.pending()).isEqualTo(4); // two participants and two updates wait for the ticket
        assertThat(w.engine()
                        .operations()
                        .deadLetters(SAM, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.escalation()).isEqualTo(id);
                    assertThat(d.target()).isEqualTo(DeadLetterView.Target.TICKETING);
                    assertThat(d.effect()).isEqualTo("OPEN");
                    assertThat(d.code()).contains("PERMANENT");
                    assertThat(d.recipient()).isEmpty();
                });
        assertThatThrownBy(() -> w.engine().operations().replayAll(EVE, id)).isInstanceOf(NotAuthorizedException.class);

        ticketing.broken.set(false);
        assertThat(w.engine().operations().replayAll(SAM, id)).isEqualTo(1);
        DeliveryReport replayed = w.engine().deliverPending();

        assertThat(replayed.delivered()).isEqualTo(5);
        assertThat(replayed.pending()).isZero();
        InMemoryTicketing.Ticket ticket = ticketing.delegate.ticketOf(id).orElseThrow();
        assertThat(ticket.participants()).containsExactly("ina@customer.example", "eve@vendor.example");
        assertThat(ticket.updates()).containsExactly("Escalation Manager appointed: Staff eve", "found it");
        assertThat(w.engine().operations().outboxCounts(SAM)).isEqualTo(new OutboxStatus(0, 0, Optional.empty()));
    }

    @Test
    void aRecipientWithoutAChannelThatHasANotifierIsDeadLetteredWithNoChannel() {
        Scenario w = Cast.world();
        w.staffDirectory().add(smsOnly("sam", StaffRole.SUPPORT_MANAGEMENT));
        w.engine().escalate(INA, Cast.escalateC1());

        DeliveryReport report = w.engine().deliverPending();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(w.engine()
                        .operations()
                        .deadLetters(SAM, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.code()).contains("NO_CHANNEL");
                    assertThat(d.effect()).isEqualTo("ESCALATION_RECEIVED");
                    assertThat(d.recipient()).contains("STAFF:sam");
                    assertThat(d.attempts()).isEqualTo(1);
                });

        // with an SMS notifier the same preference is served
        InMemoryNotifier sms = new InMemoryNotifier(DeliveryChannel.SMS);
        Scenario withSms = Cast.world(b -> {}).notifiers(new InMemoryNotifier(), sms);
        withSms.staffDirectory().add(smsOnly("sam", StaffRole.SUPPORT_MANAGEMENT));
        withSms.engine().escalate(INA, Cast.escalateC1());
        assertThat(withSms.engine().deliverPending().deadLettered()).isZero();
        assertThat(sms.delivered()).singleElement().satisfies(n -> {
            assertThat(n.channel()).isEqualTo(DeliveryChannel.SMS);
            assertThat(n.recipient().id()).isEqualTo("sam");
        });
    }

    private static StaffMember smsOnly(String id, StaffRole role) {
        return new StaffMember(
                StaffId.of(id),
                "Staff " + id,
                id + "@vendor.example",
                Optional.of("+49 171 1"),
                Set.of(role),
                true,
                new Preferences(Optional.empty(), Optional.empty(), List.of(DeliveryChannel.SMS)));
    }

    @Test
    void theFirstPreferredChannelWithANotifierAndTheRecipientsOrTheAccountsZoneAreUsed() {
        InMemoryNotifier mail = new InMemoryNotifier();
        Scenario w = Cast.world(b -> {}).notifiers(mail);
        CustomerId acme = CustomerId.of("acme");
        w.customerDirectory()
                .add(new CustomerAccount(
                        acme,
                        "ACME",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(ZoneId.of("America/New_York")),
                        Optional.empty()));
        Touchpoint ina = w.customerDirectory()
                .touchpoint(dev.escalation.model.ContactId.of("ina"))
                .orElseThrow();
        w.customerDirectory()
                .add(new Touchpoint(
                        ina.id(),
                        acme,
                        ina.displayName(),
                        "ina.new@customer.example",
                        ina.phone(),
                        ina.roles(),
                        true,
                        new Preferences(
                                Optional.empty(),
                                Optional.empty(),
                                List.of(DeliveryChannel.SMS, DeliveryChannel.EMAIL))));
        w.staffDirectory()
                .add(new StaffMember(
                        StaffId.of("sam"),
                        "Staff sam",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true,
                        Preferences.of(java.util.Locale.GERMAN, ZoneId.of("Asia/Tokyo"))));

        w.engine().escalate(INA, Cast.escalateC1());
        w.engine().deliverPending();

        assertThat(mail.delivered())
                .hasSize(2)
                .allSatisfy(n -> assertThat(n.channel()).isEqualTo(DeliveryChannel.EMAIL));
        assertThat(mail.delivered())
                .filteredOn(n -> n.recipient().id().equals("ina"))
                .singleElement()
                .satisfies(n -> {
                    // the address as the directory knows it at delivery, the account's zone
                    assertThat(n.recipient().email()).isEqualTo("ina.new@customer.example");
                    assertThat(n.zone()).isEqualTo(ZoneId.of("America/New_York"));
                    assertThat(n.locale()).isEqualTo(java.util.Locale.ENGLISH);
                    assertThat(n.textLocale()).isEqualTo(java.util.Locale.ENGLISH);
                    assertThat(n.subject()).isEqualTo("[Escalation E-1] case C-1: escalated (high)");
                });
        assertThat(mail.delivered())
                .filteredOn(n -> n.recipient().id().equals("sam"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
                    // the staff member's own language: German
                    assertThat(n.locale()).isEqualTo(java.util.Locale.GERMAN);
                    assertThat(n.textLocale()).isEqualTo(java.util.Locale.GERMAN);
                    assertThat(n.subject()).isEqualTo("[Eskalation E-1] Fall C-1: eskaliert (hoch, Softwarefehler)");
                    assertThat(n.body())
                            .isEqualTo(
                                    "Kunde acme hat Fall C-1 (Nightly load fails) eskaliert.\n\nThe nightly load fails");
                    assertThat(n.text()).contains("The nightly load fails");
                });
    }

    @Test
    void aRecipientWhoLeftTheDirectoryIsDeadLetteredWithUnknownRecipient() {
        AtomicReference<StaffDirectory> real = new AtomicReference<>();
        AtomicBoolean samLeft = new AtomicBoolean();
        StaffDirectory hiding = new StaffDirectory() {
            @Override
            public Optional<StaffMember> member(StaffId id) {
                return samLeft.get() && id.value().equals("sam")
                        ? Optional.empty()
                        : real.get().member(id);
            }

            @Override
            public List<StaffMember> withRole(StaffRole role) {
                return real.get().withRole(role);
            }
        };
        Scenario w = Cast.world(b -> b.staff(hiding));
        real.set(w.staffDirectory());
        w.engine().escalate(INA, Cast.escalateC1());
        samLeft.set(true);

        assertThat(w.engine().deliverPending().deadLettered()).isEqualTo(1);
        assertThat(w.engine()
                        .operations()
                        .deadLetters(HAL_ACTOR, PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(d -> assertThat(d.code()).contains("UNKNOWN_RECIPIENT"));
    }

    private static final Actor HAL_ACTOR = Cast.HAL;

    @Test
    void twoNotifiersForOneChannelAreRefusedWhenTheEngineIsBuilt() {
        EscalationEngineBuilder b = inMemoryPorts()
                .notifier(new InMemoryNotifier())
                .notifier(new InMemoryNotifier(DeliveryChannel.SMS, DeliveryChannel.EMAIL));

        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one notifier per channel")
                .hasMessageContaining("EMAIL")
                .hasMessageNotContaining("SMS (");
        InMemoryNotifier both = new InMemoryNotifier(DeliveryChannel.SMS, DeliveryChannel.EMAIL);
        assertThat(inMemoryPorts().notifier(both).notifier(both).build()).isNotNull();
        assertThatThrownBy(() -> EscalationEngine.builder().notifier(new Notifier() {
                    @Override
                    public void send(Notification n) {}

                    @Override
                    public Set<DeliveryChannel> channels() {
                        return Set.of();
                    }
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declares no channel");
    }

    /** Every required port but the notifiers, in memory. */
    private static EscalationEngineBuilder inMemoryPorts() {
        return EscalationEngine.builder()
                .clock(Clock.systemUTC())
                .store(new InMemoryEscalationStore())
                .customers(new InMemoryCustomerDirectory())
                .staff(new InMemoryStaffDirectory())
                .ticketing(new InMemoryTicketing())
                .coverage(BusinessCalendar.alwaysOpen());
    }

    @Test
    void theChangeFeedReportsEveryWriteOnceInVersionOrderToStaff() {
        Scenario w = Cast.world();
        EscalationId id = Cast.acknowledged(w);

        ChangeFeed first = w.engine().operations().changesSince(EVE, ChangeFeed.START, 500);
        assertThat(first.changes())
                .extracting(EscalationChange::escalation, EscalationChange::version, EscalationChange::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(id, 1L, dev.escalation.model.EscalationState.REQUESTED),
                        org.assertj.core.groups.Tuple.tuple(id, 2L, dev.escalation.model.EscalationState.ACKNOWLEDGED));
        assertThat(w.engine()
                        .operations()
                        .changesSince(EVE, first.cursor(), 500)
                        .changes())
                .isEmpty();

        w.engine().logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "x", Visibility.INTERNAL));
        assertThat(w.engine()
                        .operations()
                        .changesSince(SAM, first.cursor(), 500)
                        .changes())
                .singleElement()
                .satisfies(c -> assertThat(c.version()).isEqualTo(3));
        assertThatThrownBy(() -> w.engine().operations().changesSince(INA, ChangeFeed.START, 10))
                .isInstanceOf(NotAuthorizedException.class);
        assertThatThrownBy(() -> w.engine().operations().changesSince(SAM, "not-a-cursor", 10))
                .isInstanceOf(InvalidCommandException.class);
    }
}
