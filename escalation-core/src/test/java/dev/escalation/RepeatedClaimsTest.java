package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.spi.Notification;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A store that hands back, within one run, work the run has already done: a due item it completed, a message it
 * delivered. Such a store breaks the SPI (a completed item is never returned again, rule D4; a delivered one neither,
 * O8), and the kit names it; but the engine must not go round for ever on it, claiming and sending the same work again
 * and again on the caller's thread or the background worker's. Each run handles a piece of work once and ends when a
 * batch brings nothing new.
 */
class RepeatedClaimsTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    /** The kit's {@code CompletesByReleasing}: a completed due item is claimable again at once. */
    @Test
    void aDueItemHandedBackAfterItsCompletionIsNotProcessedAgainInTheRun() {
        World w = new World(b -> b.delivery(Duration.ofMinutes(1), 1, 3));
        Instant start = w.clock.instant();
        EscalationId id = w.active(); // a daily meeting from two hours from now: one reminder item
        w.engine.deliverPending();
        w.clock.set(start.plus(Duration.ofHours(2)).plusSeconds(1));
        w.recording.completesByReleasing.set(true);

        DeliveryReport report = assertTimeoutPreemptively(BOUND, w.engine::processDueWork);

        assertThat(report.delivered()).as("items completed, each counted once").isEqualTo(1);
        assertThat(w.memoryStore.dueWork().due(w.clock.instant(), 10))
                .as("the item the store released is still due (the store's fault), for a later run")
                .singleElement()
                .satisfies(d -> assertThat(d.escalation()).isEqualTo(id));
    }

    /**
     * The kit's {@code DeliveredOnlyReleases}: a delivered message is claimable again at once. In batches of one the
     * store hands back the first message again at the second claim, so the run ends there, having sent it once.
     */
    @Test
    void aMessageHandedBackAfterItsDeliveryIsNotSentAgainInTheRun() {
        World w = new World(b -> b.delivery(Duration.ofMinutes(1), 1, 3));
        EscalationId id = w.active(); // the escalation's confirmations, ticket calls and plan notifications
        w.recording.deliveredOnlyReleases.set(true);

        DeliveryReport report = assertTimeoutPreemptively(BOUND, w.engine::deliverPending);

        assertThat(report.delivered()).isEqualTo(1);
        assertThat(w.notifier.delivered())
                .singleElement()
                .satisfies(n -> assertThat(n.escalation()).isEqualTo(id))
                .satisfies(n -> assertThat(n.kind()).isEqualTo(NotificationKind.ESCALATION_RECEIVED));
        assertThat(w.ticketing.callsPerKey()).isEmpty();
        assertThat(report.pending())
                .as("what the run did not send is still pending")
                .isPositive();
    }

    /**
     * A store that loses one message's delivery (it is claimable again at once), in batches of three: every later
     * batch brings that message again beside new ones; the new ones are sent, it is not, and the run ends with the
     * batch that is not full.
     */
    @Test
    void newMessagesOfABatchAreSentAndTheRepeatedOneIsNot() {
        World w = new World(b -> b.delivery(Duration.ofMinutes(1), 3, 3));
        w.active();
        long queued = w.memoryStore.outbox().counts().pending();
        w.recording.forgetsOneDelivery.set(true);

        DeliveryReport report = assertTimeoutPreemptively(BOUND, w.engine::deliverPending);

        assertThat(w.notifier.delivered())
                .as("each notification sent once in the run")
                .extracting(Notification::idempotencyKey)
                .doesNotHaveDuplicates();
        assertThat(w.ticketing.callsPerKey())
                .as("each ticket call made once in the run")
                .allSatisfy((key, calls) -> assertThat(calls).isEqualTo(1));
        assertThat(report.delivered())
                .as("every message queued, the lost one included, sent once")
                .isEqualTo(w.notifier.delivered().size()
                        + w.ticketing.callsPerKey().size())
                .isEqualTo(queued);
        assertThat(queued).as("enough messages for several batches").isGreaterThan(6);
        assertThat(report.pending())
                .as("the message whose delivery the store lost")
                .isEqualTo(1);
    }

    /**
     * A store whose claim returns each message twice in one batch (a join that multiplies rows, breaking rule O1), in
     * the run's first batch and in later ones: each side effect is still sent once, and recorded once (before, the
     * run sent each twice).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "batches of {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {100, 2})
    void aMessageTheStoreHandsBackTwiceInOneBatchIsSentOnce(int batchSize) {
        World w = new World(b -> b.delivery(Duration.ofMinutes(1), batchSize, 3));
        w.active();
        long queued = w.memoryStore.outbox().counts().pending();
        w.recording.claimsEachTwice.set(true);

        DeliveryReport report = assertTimeoutPreemptively(BOUND, w.engine::deliverPending);

        assertThat(w.notifier.callsPerKey())
                .as("notifier calls per key")
                .isNotEmpty()
                .allSatisfy(
                        (key, calls) -> assertThat(calls).as("calls of %s", key).isEqualTo(1));
        assertThat(w.ticketing.callsPerKey())
                .as("ticketing calls per key")
                .isNotEmpty()
                .allSatisfy(
                        (key, calls) -> assertThat(calls).as("calls of %s", key).isEqualTo(1));
        assertThat(report.delivered()).as("delivered, each counted once").isEqualTo(queued);
        assertThat(report.pending()).isZero();
    }
}
