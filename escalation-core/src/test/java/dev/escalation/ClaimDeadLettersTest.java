package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A store that dead-letters in its claim the messages it cannot read back (a JDBC row changed outside the store)
 * returns fewer than it was asked for, or nothing at all. Neither is the end of the pending work: the run goes on
 * claiming and delivers the rest, and counts what the claims dead-lettered. A store that tells of dead letters it did
 * not park does not keep the run going for ever.
 */
class ClaimDeadLettersTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @ParameterizedTest(name = "batches of {0}, {1} unreadable")
    @CsvSource({"2, 2", "3, 1", "2, 3", "100, 1"})
    void messagesTheClaimDeadLettersDoNotEndTheRun(int batchSize, int unreadable) {
        World w = new World(b -> b.delivery(Duration.ofMinutes(1), batchSize, 3));
        w.active(); // the escalation's confirmations, ticket calls and plan notifications
        w.escalated(); // and another's
        long queued = w.memoryStore.outbox().counts().pending();
        assertThat(queued).isGreaterThan(unreadable);
        w.recording.parksInClaim.set(unreadable);

        DeliveryReport report = assertTimeoutPreemptively(BOUND, w.engine::deliverPending);

        assertThat(report.deadLettered()).as("dead-lettered by the claims").isEqualTo(unreadable);
        assertThat(w.memoryStore.outbox().counts().dead()).isEqualTo(unreadable);
        assertThat(report.delivered()).as("delivered").isPositive();
        DeliveryReport again = w.engine.deliverPending();
        assertThat(again.delivered() + again.retried() + again.deadLettered())
                .as("handled by a second run: nothing the first left deliverable")
                .isZero();
        assertThat(again.pending()).isEqualTo(report.pending());
    }

    @Test
    void aStoreThatTellsOfDeadLettersItDidNotParkEndsTheRun() {
        World w = new World(b -> b.delivery(Duration.ofMinutes(1), 5, 3));
        w.active();
        long queued = w.memoryStore.outbox().counts().pending();
        w.recording.tellsUntoldDeadLetters.set(true);

        DeliveryReport report = assertTimeoutPreemptively(BOUND, w.engine::deliverPending);

        assertThat(report.delivered()).isZero();
        assertThat(report.pending()).isEqualTo(queued);
        assertThat(w.recording.calls("outbox.claim")).as("claims").isEqualTo(2);
    }
}
