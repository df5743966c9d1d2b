package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.TestRecords;
import dev.escalation.model.Criticality;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The overdue index keys an escalation by {@link OverdueIndex#overdueSince(StoredEscalation)}, computed from the
 * stored record without building its summary: it must equal {@code summary().overdueSince()} on every input. Instants
 * are drawn from a few seconds so that ties between the deadline, the meeting and the pause are frequent.
 */
class OverdueSinceProperties {
    private static final Instant T0 = Instant.parse("2027-01-12T09:00:00Z");

    @Provide
    Arbitrary<Optional<Instant>> instants() {
        return Arbitraries.integers().between(0, 4).map(T0::plusSeconds).optional(0.7);
    }

    @Provide
    Arbitrary<Optional<DeadlineMark>> deadlines() {
        return Arbitraries.of(DueKind.class)
                .flatMap(kind ->
                        Arbitraries.integers().between(0, 4).map(s -> new DeadlineMark(kind, T0.plusSeconds(s))))
                .optional(0.7);
    }

    @Property(tries = 2000)
    void theIndexKeyIsTheSummarysOverdueSince(
            @ForAll EscalationState state,
            @ForAll("deadlines") Optional<DeadlineMark> nextDeadline,
            @ForAll("instants") Optional<Instant> nextMeetingAt,
            @ForAll("instants") Optional<Instant> pausedSince) {
        StoredEscalation s = record(state, nextDeadline, nextMeetingAt, pausedSince);

        assertThat(Optional.ofNullable(OverdueIndex.overdueSince(s)))
                .isEqualTo(s.summary().overdueSince());
    }

    /**
     * The store keeps the current version as a {@link CompactRecord}: it rebuilds an equal record (the ticket
     * reference as given), the same summary and the same overdue key, with components present and absent.
     */
    @Property(tries = 1000)
    void theCompactRecordRebuildsAnEqualRecord(
            @ForAll EscalationState state,
            @ForAll("deadlines") Optional<DeadlineMark> nextDeadline,
            @ForAll("instants") Optional<Instant> nextMeetingAt,
            @ForAll("instants") Optional<Instant> pausedSince,
            @ForAll("instants") Optional<Instant> acknowledgedAt,
            @ForAll @IntRange(max = 3) int participants,
            @ForAll boolean chained,
            @ForAll boolean ticket,
            @ForAll @IntRange(max = 2) int counters,
            @ForAll("instants") Optional<Instant> lastContactAt) {
        StoredEscalation r = record(state, nextDeadline, nextMeetingAt, pausedSince);
        EscalationFacts facts = new EscalationFacts(
                7,
                acknowledgedAt,
                Optional.empty(),
                pausedSince,
                pausedSince.map(p -> "waiting for the customer"),
                List.of(),
                Optional.empty(),
                nextMeetingAt,
                nextDeadline,
                counters,
                counters / 2,
                chained,
                lastContactAt,
                3,
                chained ? Optional.of("0f".repeat(32)) : Optional.empty());
        List<Party> parties = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            parties.add(new Party(Party.Kind.values()[i % 3], "p" + i, "Name " + i, "p" + i + "@example.com"));
        }
        StoredEscalation s = new StoredEscalation(
                r.id(),
                3,
                r.customer(),
                r.caseId(),
                state,
                r.raisedBy(),
                r.intake(),
                r.message(),
                r.cause(),
                r.criticality(),
                chained ? Optional.of("s-1") : Optional.empty(),
                r.raisedAt(),
                T0.plusSeconds(9),
                acknowledgedAt.map(a -> StaffId.of("eve")),
                Optional.empty(),
                Optional.empty(),
                parties,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                facts,
                ticket ? Optional.of("T-1") : Optional.empty());
        CompactRecord c = new CompactRecord(s);
        String reference = s.ticketReference().orElse(null);

        assertThat(c.toStored(reference)).isEqualTo(s);
        assertThat(c.summary(reference)).isEqualTo(s.summary());
        assertThat(Optional.ofNullable(c.overdueSince())).isEqualTo(s.summary().overdueSince());
    }

    private static StoredEscalation record(
            EscalationState state,
            Optional<DeadlineMark> nextDeadline,
            Optional<Instant> nextMeetingAt,
            Optional<Instant> pausedSince) {
        EscalationFacts facts = new EscalationFacts(
                1,
                Optional.empty(),
                Optional.empty(),
                pausedSince,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                nextMeetingAt,
                nextDeadline,
                0,
                0,
                false);
        return TestRecords.record(
                EscalationId.of("E-1"), 1, state, Criticality.HIGH, T0, T0, Optional.empty(), Optional.empty(), facts);
    }
}
