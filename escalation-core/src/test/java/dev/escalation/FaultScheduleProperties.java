package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import dev.escalation.spi.UnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random command sequences ({@link LifecycleModel}) under a random fault schedule of every port the engine calls on a
 * command or in the background: the store down or broken (an untyped failure), a directory that throws, answers
 * {@code null} or answers for another id ({@link PlantedDirectories}), a notifier and a ticketing system that fail in
 * every way ({@link Weather}). The model checks each step (a failure is a typed {@link EscalationException}; a refused
 * command changes nothing, queues nothing, publishes nothing; the lifecycle table and invariants hold); delivery and
 * due work run between the steps and fail only with typed exceptions; and once every port is healthy again, nothing is
 * lost: each escalation has its ticket and its Incident Manager's confirmation, nothing stays pending and no side
 * effect is left dead for a fault.
 */
class FaultScheduleProperties {

    /** The weather of one step: which port fails how, and whether delivery and due work run before the step. */
    record Weather(int kind, int method, int fault, boolean background) {}

    /** What {@link Weather#kind} plants. */
    private enum Kind {
        STORE_DOWN,
        /** The store, its outbox and due work throw an {@code IllegalStateException}: a failure the SPI does not name. */
        STORE_BROKEN,
        NOTIFIER_UNAVAILABLE,
        NOTIFIER_THROWS,
        NOTIFIER_REFUSES,
        TICKETING_THROWS,
        TICKETING_NO_REFERENCE,
        DIRECTORY,
        ALL_DOWN
    }

    /** A notifier or ticketing failure as the adapters plant it. */
    private enum Outage {
        NONE,
        UNAVAILABLE,
        THROWS,
        REFUSES,
        NO_REFERENCE
    }

    /** A notifier that forwards to an in-memory one until an outage is planted. */
    private static final class FlakyNotifier implements Notifier {
        final InMemoryNotifier delegate = new InMemoryNotifier();
        volatile Outage outage = Outage.NONE;

        @Override
        public void send(Notification n) {
            switch (outage) {
                case UNAVAILABLE -> throw new UnavailableException("mail server down", null);
                case THROWS ->
                    throw new IllegalStateException(
                            "mail relay broke on " + n.recipient().email());
                case REFUSES -> throw new PermanentDeliveryException("mailbox refused", null);
                default -> delegate.send(n);
            }
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

    /** A ticketing system that forwards to an in-memory one until an outage is planted. */
    private static final class FlakyTicketing implements Ticketing {
        final InMemoryTicketing delegate = new InMemoryTicketing();
        volatile Outage outage = Outage.NONE;

        private void check() {
            if (outage == Outage.THROWS) {
                throw new IllegalStateException("ticketing broke");
            }
        }

        @Override
        public String open(TicketCommand.Open command) {
            check();
            if (outage == Outage.NO_REFERENCE) {
                return null;
            }
            return delegate.open(command);
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
            check();
            delegate.addParticipant(ticket, command);
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
            check();
            delegate.removeParticipant(ticket, command);
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
            check();
            delegate.postUpdate(ticket, command);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
            check();
            delegate.changeStatus(ticket, command);
        }

        @Override
        public Set<Capability> capabilities() {
            return delegate.capabilities();
        }
    }

    /** Dead-letter codes a healthy world gives too (data, not a fault): a recipient the directory does not know. */
    private static final Set<String> DATA_CODES = Set.of("UNKNOWN_RECIPIENT", "NO_CHANNEL");

    @Property(tries = 1000)
    void nothingIsLostAndEveryFailureIsTypedUnderAnyFaultSchedule(
            @ForAll("sequences") List<LifecycleModel.Step> steps, @ForAll("schedules") List<Weather> weather) {
        PlantedDirectories planted = new PlantedDirectories();
        FlakyNotifier notifier = new FlakyNotifier();
        FlakyTicketing ticketing = new FlakyTicketing();
        World w = new World(
                b -> b.customers(GuardedDirectories.customers(planted.customerDirectory()))
                        .staff(GuardedDirectories.staff(planted.staffDirectory()))
                        .ticketing(ticketing),
                null,
                List.of(notifier));
        planted.customers.set(w.customers);
        planted.staff.set(w.staff);
        List<String> untyped = new ArrayList<>();

        Optional<String> broken = new LifecycleModel(w, i -> {
                    Weather x = weather.get(i % weather.size());
                    plant(x, w, planted, notifier, ticketing);
                    if (x.background()) {
                        background(w, untyped);
                    }
                })
                .run(steps);

        assertThat(broken).as("broken rule").isEmpty();
        assertThat(untyped).as("untyped failures of delivery or due work").isEmpty();
        heal(w, planted, notifier, ticketing);
        for (int round = 0; round < 12; round++) {
            for (StoredEscalation r : all(w)) {
                w.engine.operations().replayAll(World.SAM, r.id());
            }
            w.clock.advance(Duration.ofHours(2));
            w.engine.deliverPending();
        }
        assertThat(w.pending()).as("pending after recovery").isZero();
        assertThat(w.engine
                        .operations()
                        .deadLetters(World.SAM, PageRequest.first(100))
                        .items())
                .as("dead letters after recovery and replay")
                .allSatisfy(d -> assertThat(d.code())
                        .hasValueSatisfying(c -> assertThat(DATA_CODES).contains(c)));
        for (StoredEscalation r : all(w)) {
            EscalationId id = r.id();
            assertThat(ticketing.delegate.ticketOf(id)).as("ticket of %s", id).isPresent();
            assertThat(notifier.delegate.delivered())
                    .as("notifications to the Incident Manager of %s", id)
                    .anyMatch(n -> n.escalation().equals(id)
                            && n.recipient().id().equals(r.raisedBy().value()));
        }
    }

    private static void plant(
            Weather x, World w, PlantedDirectories planted, FlakyNotifier notifier, FlakyTicketing ticketing) {
        heal(w, planted, notifier, ticketing);
        if (x.kind() >= Kind.values().length) {
            return; // fair weather
        }
        Kind kind = Kind.values()[x.kind()];
        switch (kind) {
            case STORE_DOWN -> w.recording.down.set(true);
            case STORE_BROKEN -> w.recording.broken.set(new IllegalStateException("connection pool closed"));
            case NOTIFIER_UNAVAILABLE -> notifier.outage = Outage.UNAVAILABLE;
            case NOTIFIER_THROWS -> notifier.outage = Outage.THROWS;
            case NOTIFIER_REFUSES -> notifier.outage = Outage.REFUSES;
            case TICKETING_THROWS -> ticketing.outage = Outage.THROWS;
            case TICKETING_NO_REFERENCE -> ticketing.outage = Outage.NO_REFERENCE;
            case DIRECTORY ->
                planted.plant(
                        PlantedDirectories.Method.values()[x.method()],
                        PlantedDirectories.Fault.values()[x.fault()],
                        null);
            case ALL_DOWN -> {
                w.recording.down.set(true);
                notifier.outage = Outage.THROWS;
                ticketing.outage = Outage.THROWS;
                planted.plant(
                        PlantedDirectories.Method.values()[x.method()],
                        PlantedDirectories.Fault.values()[x.fault()],
                        null);
            }
        }
    }

    private static void heal(World w, PlantedDirectories planted, FlakyNotifier notifier, FlakyTicketing ticketing) {
        w.recording.down.set(false);
        w.recording.broken.set(null);
        planted.heal();
        notifier.outage = Outage.NONE;
        ticketing.outage = Outage.NONE;
    }

    /** Delivery and due work as the background worker runs them: they may fail, but only with the engine's errors. */
    private static void background(World w, List<String> untyped) {
        for (Runnable part : List.<Runnable>of(w.engine::deliverPending, w.engine::processDueWork)) {
            try {
                part.run();
            } catch (EscalationException e) {
                // typed: the run is tried again later
            } catch (RuntimeException e) {
                untyped.add(e.toString());
            }
        }
    }

    private static List<StoredEscalation> all(World w) {
        List<StoredEscalation> all = new ArrayList<>();
        for (String customer : List.of("acme", "globex")) {
            all.addAll(w.memoryStore.listForCustomer(CustomerId.of(customer), PageRequest.first(100)).items().stream()
                    .map(s -> w.memoryStore.findForVendor(s.id()).orElseThrow())
                    .toList());
        }
        return all;
    }

    @Provide
    Arbitrary<List<LifecycleModel.Step>> sequences() {
        Arbitrary<LifecycleModel.Step> step = Combinators.combine(
                        Arbitraries.integers().between(0, Action.values().length - 1),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.integers().between(0, 9).map(i -> i < 8),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 9).map(i -> i < 7 ? 0 : i < 9 ? 1 : 2),
                        Arbitraries.integers().between(0, 1000))
                .as(LifecycleModel.Step::new);
        return step.list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<Weather>> schedules() {
        Arbitrary<Weather> weather = Combinators.combine(
                        Arbitraries.integers().between(0, 2 * Kind.values().length - 1), // half the steps fair
                        Arbitraries.integers().between(0, PlantedDirectories.Method.values().length - 1),
                        Arbitraries.integers().between(0, PlantedDirectories.Fault.values().length - 1),
                        Arbitraries.of(true, false))
                .as(Weather::new);
        return weather.list().ofMinSize(1).ofMaxSize(30);
    }
}
