package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.EscalateCase;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EntryParam;
import dev.escalation.model.HotlineAdvice;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The hotline decision of an escalation is made at the instant it is raised, also on a clock that moves between two
 * readings (a real clock at an opening or closing instant): the advice is there exactly when the coverage is closed
 * at {@code raisedAt}, its {@code raisedAt} is the escalation's, and coverage resumes after it. Before, the advice was
 * decided on one reading of the clock and the escalation raised on a later one, so an escalation raised at 17:00:00
 * could carry no advice, and one raised at 09:00:00 advice that coverage resumes at 09:00.
 */
class HotlineAtTheTickProperties {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A clock that moves on by {@code tickNanos} after every reading. */
    static final class TickingClock extends Clock {
        private volatile Instant now;
        private volatile long tickNanos;

        TickingClock(Instant now) {
            this.now = now;
        }

        void start(Instant at, long nanosPerReading) {
            now = at;
            tickNanos = nanosPerReading;
        }

        @Override
        public synchronized Instant instant() {
            Instant read = now;
            now = read.plusNanos(tickNanos);
            return read;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static void escalatesConsistently(Instant start, long tickNanos) {
        TickingClock clock = new TickingClock(Instant.parse("2027-01-12T09:00:00Z"));
        World w = new World(b -> b.clock(clock).coverage(HotlineDecisionProperties.COVERAGE));
        clock.start(start, tickNanos);

        EscalationReceipt receipt = w.engine.escalate(
                World.INA,
                new EscalateCase(World.C1, "Production is down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null));

        Instant raisedAt =
                w.engine.find(World.INA, receipt.escalation()).orElseThrow().raisedAt();
        Optional<HotlineAdvice> advice = receipt.hotline();
        assertThat(advice.isPresent())
                .as("advice for an escalation raised at %s", raisedAt.atZone(BERLIN))
                .isEqualTo(!HotlineDecisionProperties.COVERAGE.isOpen(raisedAt));
        advice.ifPresent(a -> {
            assertThat(a.params()).containsEntry("raisedAt", new EntryParam.At(raisedAt));
            assertThat(a.resumesAt()).isAfter(raisedAt);
            assertThat(a.reason())
                    .isEqualTo(HotlineDecisionProperties.reason(raisedAt).orElseThrow());
        });
    }

    @Property(tries = 200)
    void theAdviceIsDecidedAtTheInstantTheEscalationIsRaised(
            @ForAll("nearEdges") Instant start, @ForAll("ticks") long tickNanos) {
        escalatesConsistently(start, tickNanos);
    }

    @Example
    void aCriticalEscalationRaisedAsCoverageClosesOrOpensOnATickingClock() {
        Instant lastOpenMilli = ZonedDateTime.of(
                        LocalDate.of(2027, 1, 15), LocalTime.of(16, 59, 59, 999_000_000), BERLIN)
                .toInstant();
        escalatesConsistently(lastOpenMilli, 1_000_000);
        Instant lastClosedMilli = ZonedDateTime.of(
                        LocalDate.of(2027, 1, 18), LocalTime.of(8, 59, 59, 999_000_000), BERLIN)
                .toInstant();
        escalatesConsistently(lastClosedMilli, 1_000_000);
    }

    /** Just before an opening or closing of the coverage (09:00, 12:00 on 24/31 December, 17:00, midnight). */
    @Provide
    Arbitrary<Instant> nearEdges() {
        Arbitrary<LocalDate> days = Arbitraries.of(
                        LocalDate.of(2027, 1, 15),
                        LocalDate.of(2027, 1, 18),
                        LocalDate.of(2027, 3, 26),
                        LocalDate.of(2027, 3, 29),
                        LocalDate.of(2027, 10, 29),
                        LocalDate.of(2027, 11, 1),
                        LocalDate.of(2027, 12, 24),
                        LocalDate.of(2027, 12, 31),
                        LocalDate.of(2027, 12, 23))
                .flatMap(d -> Arbitraries.integers().between(-1, 1).map(d::plusDays));
        Arbitrary<LocalTime> edges =
                Arbitraries.of(LocalTime.of(9, 0), LocalTime.NOON, LocalTime.of(17, 0), LocalTime.MIDNIGHT);
        return Combinators.combine(days, edges, Arbitraries.longs().between(1, 50_000_000))
                .as((d, t, before) -> ZonedDateTime.of(d, t, BERLIN).toInstant().minusNanos(before));
    }

    @Provide
    Arbitrary<Long> ticks() {
        return Arbitraries.of(1L, 1_000L, 1_000_000L, 10_000_000L);
    }
}
