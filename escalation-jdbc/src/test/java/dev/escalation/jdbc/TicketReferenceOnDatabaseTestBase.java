package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.EscalationEngine;
import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.command.Acknowledge;
import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.spi.Capability;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import dev.escalation.test.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ticket reference a {@link Ticketing} adapter returns, on the database: it is stored by the outbox's finish
 * ({@code esc_ticket}) and handed to every later ticket call. A reference the database keeps exactly (any length up to
 * 256, characters of every plane) reaches the later calls unchanged; one it cannot keep (PostgreSQL stores no NUL in
 * text and the driver writes an unpaired surrogate as {@code ?}) must neither fail the recording of the whole batch
 * (which would leave the batch leased, send it again after the lease, and fail again, for good) nor reach the later
 * calls altered: the engine refuses it as an unusable answer, the open is retried, and once the adapter answers a
 * usable reference the ticket calls go out with it.
 */
abstract class TicketReferenceOnDatabaseTestBase extends StoreTestSupport {
    private static final Actor INA = Actor.contact("ina");
    private static final Actor SAM = Actor.staff("sam");

    /** A ticketing system that answers {@link #reference} to every open and records the later calls' references. */
    private static final class FixedReferenceTicketing implements Ticketing {
        volatile String reference;
        final AtomicInteger opens = new AtomicInteger();
        final List<String> laterCalls = new CopyOnWriteArrayList<>();

        FixedReferenceTicketing(String reference) {
            this.reference = reference;
        }

        @Override
        public String open(TicketCommand.Open command) {
            opens.incrementAndGet();
            return reference;
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
            laterCalls.add(ticket);
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
            laterCalls.add(ticket);
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
            laterCalls.add(ticket);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
            laterCalls.add(ticket);
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }
    }

    static Stream<Arguments> usableReferences() {
        return Stream.of(
                Arguments.of("plain", "PROJ-4711"),
                Arguments.of("4-byte characters", "T-\ud83d\ude00-\ud800\udc00-\udbff\udfff"),
                Arguments.of("256 characters", "R".repeat(255) + "\u00e9"),
                Arguments.of("128 emoji (256 UTF-16 units)", "\ud83d\ude00".repeat(128)),
                Arguments.of("quotes and backslashes", "T-'\"\\{},-1"));
    }

    static Stream<Arguments> unusableReferences() {
        return Stream.of(
                Arguments.of("NUL inside", "T-\u0000-1"),
                Arguments.of("NUL at the end", "T-1\u0000"),
                Arguments.of("lone high surrogate", "T-\ud800-1"),
                Arguments.of("lone low surrogate at the end", "T-1\udc00"),
                Arguments.of("reversed pair", "T-\ude00\ud83d"),
                Arguments.of("escape character", "T-\u001b[0m"),
                Arguments.of("257 characters", "R".repeat(257)),
                Arguments.of("empty", ""),
                Arguments.of("blank", " \t "));
    }

    private EscalationEngine engine(MutableClock clock, Ticketing ticketing) {
        InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
        InMemoryStaffDirectory staff = new InMemoryStaffDirectory();
        EngineOnDatabaseTestBase.seed(customers, staff);
        return EscalationEngine.builder()
                .clock(clock)
                .customers(customers)
                .staff(staff)
                .notifier(new EngineOnDatabaseTestBase.CountingNotifier())
                .ticketing(ticketing)
                .store(store)
                .coverage(BusinessCalendar.alwaysOpen())
                .instanceName("tickets")
                .backoff(Duration.ofSeconds(30), Duration.ofMinutes(10))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usableReferences")
    void aUsableReferenceReachesEveryLaterTicketCallExactly(String what, String reference) {
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        FixedReferenceTicketing ticketing = new FixedReferenceTicketing(reference);
        try (EscalationEngine engine = engine(clock, ticketing)) {
            EscalationId id = engine.escalate(INA, PostgresOutageTest.escalate("C-1", "s-1"))
                    .escalation();
            engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));

            DeliveryReport report = engine.deliverPending();

            assertThat(report.pending()).as("everything delivered").isZero();
            assertThat(report.retried()).isZero();
            assertThat(ticketing.opens).hasValue(1);
            assertThat(ticketing.laterCalls)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r).isEqualTo(reference));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableReferences")
    void anUnusableReferenceIsRetriedWithoutBlockingTheBatchAndNeverReachesALaterCall(String what, String reference) {
        MutableClock clock = MutableClock.at(Instant.parse("2027-01-12T09:00:00Z"));
        FixedReferenceTicketing ticketing = new FixedReferenceTicketing(reference);
        try (EscalationEngine engine = engine(clock, ticketing)) {
            EscalationId id = engine.escalate(INA, PostgresOutageTest.escalate("C-1", "s-1"))
                    .escalation();
            engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
            long messages = store.outbox().counts().pending();

            DeliveryReport[] first = new DeliveryReport[1];
            assertThatCode(() -> first[0] = engine.deliverPending())
                    .as("the batch's outcomes are recorded")
                    .doesNotThrowAnyException();
            assertThat(first[0].retried()).as("the open is retried").isEqualTo(1);
            assertThat(first[0].delivered())
                    .as("the notifications went out, the ticket calls wait for a reference")
                    .isPositive();
            assertThat(first[0].deadLettered()).isZero();
            assertThat(ticketing.laterCalls)
                    .as("no ticket call got the unusable reference")
                    .isEmpty();

            // the adapter is fixed: the retried open answers a usable reference, and the waiting calls get it
            ticketing.reference = "T-1";
            clock.advance(Duration.ofHours(1));
            DeliveryReport second = engine.deliverPending();
            assertThat(second.pending()).isZero();
            assertThat(second.retried()).isZero();
            assertThat(first[0].delivered() + second.delivered()).isEqualTo(messages);
            assertThat(ticketing.opens).hasValue(2);
            assertThat(ticketing.laterCalls)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r).isEqualTo("T-1"));
        }
    }
}
