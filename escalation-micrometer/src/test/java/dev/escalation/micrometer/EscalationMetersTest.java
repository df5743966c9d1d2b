package dev.escalation.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.NotAuthorizedException;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Capability;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A lifecycle with one failing delivery, every meter asserted by name and value: Ina escalates, Eve's acknowledgement
 * is refused, Sam acknowledges; the notifications to Sam fail, are retried once and dead-lettered at the second
 * attempt (at most two attempts); everything else is delivered.
 */
class EscalationMetersTest {
    private final MovableClock clock = new MovableClock(Instant.parse("2027-01-12T09:00:00Z"));

    /** Fails every notification to Sam. */
    private static final class FailsForSam implements Notifier {
        final InMemoryNotifier delegate = new InMemoryNotifier();

        @Override
        public void send(Notification n) {
            if (n.recipient().id().equals("sam")) {
                throw new IllegalStateException("mailbox of sam is full");
            }
            delegate.send(n);
        }

        @Override
        public Set<DeliveryChannel> channels() {
            return delegate.channels();
        }

        @Override
        public Set<Capability> capabilities() {
            return delegate.capabilities();
        }
    }

    @Test
    void everyMeterCountsTheLifecycle() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FailsForSam notifier = new FailsForSam();
        EscalationEngine engine = engine(new EscalationMeters(registry), notifier);

        engine.escalate(
                Actor.contact("ina"),
                new EscalateCase(
                        CaseId.of("C-1"), "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, null));
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> engine.acknowledge(
                        Actor.staff("eve"), new Acknowledge(EscalationId.of("E-1"), StaffId.of("eve"), "Called Ina")))
                .isInstanceOf(NotAuthorizedException.class);
        engine.acknowledge(
                Actor.staff("sam"), new Acknowledge(EscalationId.of("E-1"), StaffId.of("eve"), "Called Ina"));
        clock.advance(Duration.ofMinutes(5));
        DeliveryReport first = engine.deliverPending();
        clock.advance(Duration.ofHours(1));
        DeliveryReport second = engine.deliverPending();

        // what happened, independently of the meters
        assertThat(first.retried()).isEqualTo(1);
        assertThat(second.deadLettered()).isEqualTo(1);
        assertThat(second.pending()).isZero();
        // Ina's confirmation, and the acknowledgement's notifications to Ina and Eve; Sam's never arrives
        int notificationsDelivered = notifier.delegate.delivered().size();
        assertThat(notificationsDelivered).isEqualTo(3);
        int ticketCalls = first.delivered() + second.delivered() - notificationsDelivered;
        assertThat(ticketCalls).isEqualTo(4);

        assertThat(counter("escalation.commands", "action", "escalate", "outcome", "succeeded"))
                .isEqualTo(1);
        assertThat(counter("escalation.commands", "action", "acknowledge", "outcome", "refused"))
                .isEqualTo(1);
        assertThat(counter("escalation.commands", "action", "acknowledge", "outcome", "succeeded"))
                .isEqualTo(1);
        double allCommands = registry.find("escalation.commands").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
        assertThat(allCommands).isEqualTo(3);

        var delivered = registry.get("escalation.delivery.latency")
                .tags("target", "notification", "result", "delivered")
                .timer();
        assertThat(delivered.count()).isEqualTo(notificationsDelivered);
        var tickets = registry.get("escalation.delivery.latency")
                .tags("target", "ticket", "result", "delivered")
                .timer();
        assertThat(tickets.count()).isEqualTo(ticketCalls);
        // the escalation's messages waited 10 min, the acknowledgement's 5 min
        assertThat(tickets.max(TimeUnit.SECONDS)).isEqualTo(600);
        var retried = registry.get("escalation.delivery.latency")
                .tags("target", "notification", "result", "retried")
                .timer();
        assertThat(retried.count()).isEqualTo(1);
        assertThat(retried.totalTime(TimeUnit.SECONDS)).isEqualTo(600);
        var deadTimer = registry.get("escalation.delivery.latency")
                .tags("target", "notification", "result", "dead_lettered")
                .timer();
        assertThat(deadTimer.count()).isEqualTo(1);
        assertThat(deadTimer.totalTime(TimeUnit.SECONDS)).isEqualTo(600 + 3600);

        assertThat(counter("escalation.delivery.retries", "target", "notification"))
                .isEqualTo(1);
        assertThat(counter("escalation.delivery.retries", "target", "ticket")).isZero();
        assertThat(counter("escalation.delivery.dead.letters", "target", "notification"))
                .isEqualTo(1);
        assertThat(counter("escalation.delivery.dead.letters", "target", "ticket"))
                .isZero();
        assertThat(registry.get("escalation.outbox.pending").gauge().value()).isZero();
        assertThat(registry.get("escalation.outbox.dead.letters").gauge().value())
                .isEqualTo(1);
    }

    /**
     * A background worker whose delivery fails (the store's outbox unreachable) is counted per phase: the backlog
     * gauges keep their last value while no delivery run completes, so without this counter the meters showed a healthy
     * outbox while nothing was delivered.
     */
    @Test
    void aFailingBackgroundRunIsCountedByPhase() throws InterruptedException {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        EscalationStore unreachableOutbox = (EscalationStore) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EscalationStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("outbox")) {
                        throw new UnavailableException("outbox unreachable", null);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        EscalationEngine engine = engine(new EscalationMeters(r), new InMemoryNotifier(), unreachableOutbox);
        engine.start(Duration.ofMillis(10));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (failures(r, "delivery") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            engine.close();
        }
        assertThat(failures(r, "delivery")).isGreaterThanOrEqualTo(2);
        assertThat(r.find("escalation.worker.failures").counters())
                .as("one counter per phase, tagged with the phase only")
                .hasSize(3)
                .allSatisfy(c ->
                        assertThat(c.getId().getTags()).extracting(Tag::getKey).containsExactly("phase"));
    }

    private static double failures(SimpleMeterRegistry r, String phase) {
        Counter c = r.find("escalation.worker.failures").tag("phase", phase).counter();
        return c == null ? 0 : c.count();
    }

    private SimpleMeterRegistry registry;

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void meterNamesAreTheDocumentedOnes() {
        SimpleMeterRegistry r = new SimpleMeterRegistry();
        new EscalationMeters(r);
        TreeMap<String, Meter.Type> names = new TreeMap<>();
        r.getMeters().forEach(m -> names.put(m.getId().getName(), m.getId().getType()));
        assertThat(names)
                .containsExactly(
                        java.util.Map.entry("escalation.commands", Meter.Type.COUNTER),
                        java.util.Map.entry("escalation.delivery.dead.letters", Meter.Type.COUNTER),
                        java.util.Map.entry("escalation.delivery.latency", Meter.Type.TIMER),
                        java.util.Map.entry("escalation.delivery.retries", Meter.Type.COUNTER),
                        java.util.Map.entry("escalation.outbox.dead.letters", Meter.Type.GAUGE),
                        java.util.Map.entry("escalation.outbox.pending", Meter.Type.GAUGE),
                        java.util.Map.entry("escalation.worker.failures", Meter.Type.COUNTER));
    }

    private EscalationEngine engine(EscalationMeters meters, Notifier notifier) {
        return engine(meters, notifier, new InMemoryEscalationStore());
    }

    private EscalationEngine engine(EscalationMeters meters, Notifier notifier, EscalationStore store) {
        this.registry = (SimpleMeterRegistry) meters.registry();
        CustomerId acme = CustomerId.of("acme");
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory()
                .add(new CustomerAccount(acme, "ACME", Optional.empty()))
                .add(new Touchpoint(
                        ContactId.of("ina"),
                        acme,
                        "Ina",
                        "ina@customer.example",
                        Optional.empty(),
                        Set.of(CustomerRole.INCIDENT_MANAGER),
                        true))
                .add(new SupportCase(CaseId.of("C-1"), acme, "Nightly load fails"));
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory()
                .add(new StaffMember(
                        StaffId.of("sam"),
                        "Sam",
                        "sam@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.SUPPORT_MANAGEMENT),
                        true))
                .add(new StaffMember(
                        StaffId.of("eve"),
                        "Eve",
                        "eve@vendor.example",
                        Optional.empty(),
                        Set.of(StaffRole.ESCALATION_MANAGER),
                        true));
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .store(store)
                .notifier(notifier)
                .ticketing(new InMemoryTicketing())
                .coverage(BusinessCalendar.alwaysOpen())
                .escalationIds(() -> EscalationId.of("E-1"))
                .delivery(Duration.ofMinutes(1), 100, 2)
                .listener(meters)
                .build();
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
