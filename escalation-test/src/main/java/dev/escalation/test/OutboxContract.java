package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.MessageId;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The contract of the {@link Outbox} facet of an {@link EscalationStore}: rules O1 to O9 of {@code RULES.md}.
 *
 * <p>Messages can only enter an outbox through a store write, so the factory returns the store; the contract
 * writes messages by inserting and updating escalations and then works on {@link EscalationStore#outbox()}.
 * The store must start empty.
 */
public abstract class OutboxContract {

    private static final Instant AT = Records.T0;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String run = "o" + Long.toString(ThreadLocalRandom.current().nextLong() & 0xffffffffL, 36);
    private final CustomerId customer = CustomerId.of(run + "-acme");
    private EscalationStore store;
    private Map<EscalationId, EscalationRecord> written = new HashMap<>();

    /** Creates the contract. */
    protected OutboxContract() {}

    /**
     * Creates the store whose outbox is under test: empty. Called once per test (and once per stateful try).
     *
     * @return a new, empty store
     */
    protected abstract EscalationStore createStore();

    /**
     * Releases what {@link #createStore()} acquired. Called after each test.
     *
     * @param store the store
     */
    protected void disposeStore(EscalationStore store) {
        // nothing to release by default
    }

    /**
     * Whether leases expire by the {@code now} passed to {@link Outbox#claim} (the default). An adapter that
     * measures leases in database time returns {@code false}: the lease-expiry rule O2b is then skipped with a
     * reason, and the stateful property uses leases that never expire during a try.
     *
     * @return {@code true} if advancing {@code now} past a lease makes the message claimable again
     */
    protected boolean leasesExpireByEngineTime() {
        return true;
    }

    /**
     * How many random operation sequences the stateful property (O9) runs.
     *
     * @return the number of tries, 1 or more
     */
    protected int statefulTries() {
        return 200;
    }

    /**
     * How many operations one try of the stateful property runs at most.
     *
     * @return the maximum sequence length
     */
    protected int statefulSteps() {
        return 30;
    }

    /**
     * The seed of the stateful property; defaults to the system property {@code escalation.tck.seed} or a random
     * seed.
     *
     * @return the seed
     */
    protected long statefulSeed() {
        return Rules.seed(ThreadLocalRandom.current().nextLong());
    }

    /**
     * How many threads claim at once in rule O3.
     *
     * @return the number of concurrent claimants
     */
    protected int concurrentClaimants() {
        return 8;
    }

    @BeforeEach
    final void createStoreUnderTest() {
        store = createStore();
        written = new HashMap<>();
    }

    @AfterEach
    final void disposeStoreUnderTest() {
        if (store != null) {
            disposeStore(store);
        }
    }

    private Outbox outbox() {
        return store.outbox();
    }

    private EscalationId esc(String name) {
        return EscalationId.of(run + "-" + name);
    }

    /** Writes messages with a store write of the escalation: insert the first time, update afterwards. */
    private static void write(
            EscalationStore s,
            Map<EscalationId, EscalationRecord> known,
            EscalationId id,
            CustomerId customer,
            List<OutboxMessage> messages) {
        EscalationRecord current = known.get(id);
        if (current == null) {
            EscalationRecord r = Records.escalation(id, customer, CaseId.of("case-" + id.value()))
                    .build();
            s.insert(r, messages, List.of());
            known.put(id, r);
        } else {
            EscalationRecord next = Records.next(
                    current, EscalationState.ACTIVE, current.updatedAt().plusSeconds(1), "write");
            s.update(next, messages, List.of());
            known.put(id, next);
        }
    }

    private void write(EscalationId id, OutboxMessage... messages) {
        write(store, written, id, customer, List.of(messages));
    }

    private OutboxMessage note(EscalationId e, String key, Instant createdAt) {
        return Records.notificationMessage(customer, e, run + "-" + key, createdAt);
    }

    private OutboxMessage ticket(EscalationId e, String key, Instant createdAt) {
        return Records.ticketMessage(customer, e, run + "-" + key, createdAt);
    }

    private static List<MessageId> ids(List<ClaimedMessage> claimed) {
        return claimed.stream().map(c -> c.message().id()).toList();
    }

    private static ClaimedMessage only(List<ClaimedMessage> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** O1: claim returns exactly the deliverable messages, oldest first, at most {@code limit}, unchanged. */
    @Test
    void o1_claimReturnsDeliverableMessagesOldestFirst() {
        OutboxMessage m1 = note(esc("a"), "m1", AT);
        OutboxMessage m2 = note(esc("b"), "m2", AT.plusSeconds(1));
        OutboxMessage m3 = ticket(esc("c"), "m3", AT.plusSeconds(2));
        OutboxMessage later = new OutboxMessage(
                MessageId.of(run + "-later"),
                customer,
                Records.notification(
                        run + "-later",
                        esc("d"),
                        Records.party(dev.escalation.model.Party.Kind.CONTACT, "ina"),
                        "s",
                        "b"),
                AT.plusSeconds(3),
                AT.plusSeconds(100),
                0,
                Optional.empty());
        write(esc("a"), m1);
        write(esc("b"), m2);
        write(esc("c"), m3);
        write(esc("d"), later);
        String check = "that claim selects nextAttemptAt <= now, orders by createdAt (then id) and honours limit";
        List<ClaimedMessage> first = outbox().claim("w1", AT.plusSeconds(10), LEASE, 2);
        assertThat(ids(first))
                .as(broken("O1", "claim(limit 2) did not return the two oldest messages in order", check))
                .containsExactly(m1.id(), m2.id());
        assertThat(first.get(0).message())
                .as(broken(
                        "O1",
                        "the claimed message differs from the one written",
                        "that every component of OutboxMessage, including the effect, is stored unchanged"))
                .isEqualTo(m1);
        List<ClaimedMessage> second = outbox().claim("w1", AT.plusSeconds(10), LEASE, 10);
        assertThat(ids(second))
                .as(broken("O1", "a message not yet due was claimed, or a due one was missing", check))
                .containsExactly(m3.id());
        first.forEach(outbox()::complete);
        second.forEach(outbox()::complete);
        assertThat(ids(outbox().claim("w1", AT.plusSeconds(99), LEASE, 10)))
                .as(broken("O1", "a message was claimed before its nextAttemptAt", check))
                .isEmpty();
        assertThat(ids(outbox().claim("w1", AT.plusSeconds(100), LEASE, 10)))
                .as(broken("O1", "a message was not claimed at its nextAttemptAt", check))
                .containsExactly(later.id());
    }

    /** O2: a claimed message is not returned to another claim while its lease holds. */
    @Test
    void o2_claimedMessageIsNotClaimedAgainWhileTheLeaseHolds() {
        OutboxMessage m = note(esc("a"), "m", AT);
        write(esc("a"), m);
        ClaimedMessage mine = only(outbox().claim("w1", AT, LEASE, 10));
        String check = "that claim marks the message leased until now + lease in the same atomic step that selects it "
                + "(SELECT … FOR UPDATE SKIP LOCKED, or a conditional UPDATE) and skips leased messages";
        assertThat(outbox().claim("w2", AT, LEASE, 10))
                .as(broken("O2", "a second claimant got the message at the instant it was claimed", check))
                .isEmpty();
        assertThat(outbox().claim("w2", AT.plus(LEASE).minusSeconds(1), LEASE, 10))
                .as(broken("O2", "a second claimant got the message one second before the lease ended", check))
                .isEmpty();
        assertThat(outbox().pendingCount())
                .as(broken(
                        "O2",
                        "a claimed message is not counted as pending",
                        "that pendingCount counts messages neither completed nor dead-lettered"))
                .isEqualTo(1);
        outbox().complete(mine);
    }

    /** O2b: after the lease expires, another claimant gets the message; the old claim no longer holds. */
    @Test
    void o2b_messageIsClaimableAgainAfterTheLeaseExpires() {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                leasesExpireByEngineTime(),
                "capability not declared: "
                        + "leasesExpireByEngineTime() is false (leases are measured in backend time), so rule O2b is not "
                        + "checked");
        OutboxMessage m = note(esc("a"), "m", AT);
        write(esc("a"), m);
        ClaimedMessage old = only(outbox().claim("w1", AT, LEASE, 10));
        String check = "that a lease whose end is not after now no longer blocks claim";
        List<ClaimedMessage> again = outbox().claim("w2", AT.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(ids(again))
                .as(broken("O2b", "the message was not claimable after its lease expired", check))
                .containsExactly(m.id());
        assertThat(again.get(0).claimToken())
                .as(broken("O2b", "the new claim has the old claim's token", "that every claim gets a fresh token"))
                .isNotEqualTo(old.claimToken());
        assertThat(outbox().retryLater(old, AT.plusSeconds(60), "late"))
                .as(broken(
                        "O2b",
                        "retryLater with the superseded claim returned true",
                        "that retryLater checks the claim token"))
                .isFalse();
        assertThat(outbox().deadLetter(old, "late"))
                .as(broken(
                        "O2b",
                        "deadLetter with the superseded claim returned true",
                        "that deadLetter checks the claim token"))
                .isFalse();
        assertThat(outbox().deadLetters(dev.escalation.model.PageRequest.first(10))
                        .items())
                .as(broken(
                        "O2b",
                        "a superseded claim dead-lettered the message",
                        "that deadLetter checks the claim token"))
                .isEmpty();
    }

    /** O3: concurrent claimants never get the same message. */
    @Test
    void o3_concurrentClaimantsNeverShareAMessage() {
        int n = concurrentClaimants() * 5;
        Set<MessageId> all = new HashSet<>();
        for (int i = 0; i < n; i++) {
            OutboxMessage m = note(esc("e" + i), "m" + i, AT.plusMillis(i));
            write(esc("e" + i), m);
            all.add(m.id());
        }
        List<Concurrency.Outcome<List<ClaimedMessage>>> outcomes = Concurrency.race(
                concurrentClaimants(), i -> () -> outbox().claim("w" + i, AT.plusSeconds(1), LEASE, 5));
        List<MessageId> claimed = new ArrayList<>();
        for (Concurrency.Outcome<List<ClaimedMessage>> o : outcomes) {
            assertThat(o.failure())
                    .as(broken("O3", "a concurrent claim failed", "the stack trace"))
                    .isNull();
            claimed.addAll(ids(o.value()));
        }
        claimed.addAll(ids(outbox().claim("rest", AT.plusSeconds(1), LEASE, n)));
        assertThat(claimed)
                .as(broken(
                        "O3",
                        "two concurrent claimants got the same message",
                        "that selecting and leasing is one atomic step (FOR UPDATE SKIP LOCKED or a conditional UPDATE "
                                + "that checks the lease)"))
                .doesNotHaveDuplicates();
        assertThat(claimed)
                .as(broken(
                        "O3",
                        "not every message was claimed by someone",
                        "that claim does not lose messages under contention"))
                .containsExactlyInAnyOrderElementsOf(all);
    }

    /** O4: retryLater makes a message claimable again at nextAttemptAt, not before, with one more attempt. */
    @Test
    void o4_failedMessageComesBackAtItsNextAttemptNotBefore() {
        OutboxMessage m = note(esc("a"), "m", AT);
        write(esc("a"), m);
        ClaimedMessage c = only(outbox().claim("w1", AT, LEASE, 10));
        Instant next = AT.plusSeconds(60);
        assertThat(outbox().retryLater(c, next, "smtp 451"))
                .as(broken(
                        "O4", "retryLater with a holding claim returned false", "the claim-token check of retryLater"))
                .isTrue();
        String check = "that retryLater stores nextAttemptAt and releases the lease, and that claim compares "
                + "nextAttemptAt <= now";
        assertThat(outbox().claim("w2", next.minusMillis(1), LEASE, 10))
                .as(broken("O4", "the failed message was claimable before its next attempt", check))
                .isEmpty();
        ClaimedMessage retried = only(outbox().claim("w2", next, LEASE, 10));
        assertThat(retried.message().id()).isEqualTo(m.id());
        assertThat(retried.message().attempts())
                .as(broken(
                        "O4", "the retried message does not count one attempt", "that retryLater increments attempts"))
                .isEqualTo(1);
        assertThat(retried.message().nextAttemptAt())
                .as(broken("O4", "nextAttemptAt is not the one set", "that retryLater stores nextAttemptAt"))
                .isEqualTo(next);
        assertThat(retried.message().lastError())
                .as(broken("O4", "the reason of the failure was not kept", "that retryLater stores lastError"))
                .contains("smtp 451");
    }

    /** O5: a dead-lettered message is parked until replayed; replay makes it deliverable with attempts reset. */
    @Test
    void o5_deadLetteredMessageIsParkedUntilReplayed() {
        OutboxMessage m = note(esc("a"), "m", AT);
        OutboxMessage other = note(esc("b"), "other", AT.plusSeconds(1));
        write(esc("a"), m);
        write(esc("b"), other);
        List<ClaimedMessage> both = outbox().claim("w1", AT.plusSeconds(1), LEASE, 10);
        assertThat(ids(both)).containsExactly(m.id(), other.id());
        ClaimedMessage c = both.get(0);
        assertThat(outbox().deadLetter(c, "permanent"))
                .as(broken(
                        "O5",
                        "deadLetter with a holding claim returned " + "false",
                        "the claim-token check of deadLetter"))
                .isTrue();
        String check = "that dead-lettered messages are excluded from claim and pendingCount and listed by deadLetters";
        // the other message is completed by its own claim: whether a lease expires by engine time is O2b's
        // capability, so this rule must not depend on it (a store measuring leases in database time passes too)
        outbox().complete(both.get(1));
        List<ClaimedMessage> later = outbox().claim("w2", AT.plus(Duration.ofDays(30)), LEASE, 10);
        assertThat(ids(later))
                .as(broken("O5", "a dead-lettered message was claimed again", check))
                .doesNotContain(m.id());
        assertThat(ids(later))
                .as(broken("O5", "a completed message was claimed again", "that complete marks the message done"))
                .isEmpty();
        assertThat(outbox().pendingCount())
                .as(broken("O5", "a dead-lettered message is still counted as pending", check))
                .isZero();
        assertThat(outbox().deadLetters(dev.escalation.model.PageRequest.first(10))
                        .items())
                .as(broken("O5", "deadLetters does not list the parked message", check))
                .extracting(OutboxMessage::id)
                .containsExactly(m.id());

        Instant replayAt = AT.plus(Duration.ofDays(31));
        assertThat(outbox().replay(m.id(), replayAt))
                .as(broken(
                        "O5",
                        "replay of a dead-lettered message returned false",
                        "that replay finds dead-lettered messages by id"))
                .isTrue();
        assertThat(outbox().deadLetters(dev.escalation.model.PageRequest.first(10))
                        .items())
                .as(broken("O5", "a replayed message is still listed as dead-lettered", "that replay moves it back"))
                .isEmpty();
        ClaimedMessage replayed = only(outbox().claim("w3", replayAt, LEASE, 10));
        assertThat(replayed.message().id())
                .as(broken(
                        "O5",
                        "the replayed message is not claimable at replay time",
                        "that replay sets nextAttemptAt = now"))
                .isEqualTo(m.id());
        assertThat(replayed.message().attempts())
                .as(broken("O5", "replay did not reset attempts", "that replay sets attempts to 0"))
                .isZero();
        assertThat(outbox().replay(m.id(), replayAt))
                .as(broken(
                        "O5",
                        "replay of a pending message returned true",
                        "that replay only acts on dead-lettered messages"))
                .isFalse();
        assertThat(outbox().replay(MessageId.of(run + "-unknown"), replayAt))
                .as(broken(
                        "O5",
                        "replay of an unknown message returned true",
                        "that replay only acts on dead-lettered messages"))
                .isFalse();
    }

    /** O6: per escalation and target, a message waits until every older one is completed or dead-lettered. */
    @Test
    void o6_messagesOfOneEscalationAndTargetAreDeliveredInOrder() {
        EscalationId e = esc("e");
        OutboxMessage n1 = note(e, "n1", AT);
        OutboxMessage t1 = ticket(e, "t1", AT.plusSeconds(1));
        OutboxMessage n2 = note(e, "n2", AT.plusSeconds(2));
        OutboxMessage n3 = note(e, "n3", AT.plusSeconds(3));
        OutboxMessage f1 = note(esc("f"), "f1", AT.plusSeconds(4));
        write(e, n1, t1, n2, n3);
        write(esc("f"), f1);
        String check = "that claim skips a message while an older message of the same escalation and target is "
                + "neither completed nor dead-lettered (leased or waiting for its next attempt counts as pending)";
        List<ClaimedMessage> first = outbox().claim("w", AT.plusSeconds(10), LEASE, 10);
        assertThat(ids(first))
                .as(broken(
                        "O6",
                        "a later message of escalation e was claimed beside an older one of "
                                + "the same target, or another target/escalation was blocked",
                        check))
                .containsExactly(n1.id(), t1.id(), f1.id());
        ClaimedMessage cn1 = first.get(0);
        outbox().complete(first.get(1));
        outbox().complete(first.get(2));
        outbox().retryLater(cn1, AT.plusSeconds(100), "down");
        assertThat(ids(outbox().claim("w", AT.plusSeconds(50), LEASE, 10)))
                .as(broken("O6", "n2 was claimed while the older n1 waits for its next attempt", check))
                .isEmpty();
        ClaimedMessage again = only(outbox().claim("w", AT.plusSeconds(100), LEASE, 10));
        outbox().complete(again);
        ClaimedMessage cn2 = only(outbox().claim("w", AT.plusSeconds(101), LEASE, 10));
        assertThat(cn2.message().id())
                .as(broken("O6", "n2 was not next after n1 completed", check))
                .isEqualTo(n2.id());
        outbox().deadLetter(cn2, "permanent");
        assertThat(ids(outbox().claim("w", AT.plusSeconds(102), LEASE, 10)))
                .as(broken("O6", "n3 was not claimable after the older n2 was dead-lettered", check))
                .containsExactly(n3.id());
    }

    /** O7: a message whose idempotency key is already in the outbox is not queued again. */
    @Test
    void o7_idempotencyKeyIsNotQueuedTwice() {
        EscalationId e = esc("e");
        OutboxMessage m = note(e, "k", AT);
        OutboxMessage sameKey = new OutboxMessage(
                MessageId.of(run + "-other-id"),
                customer,
                m.effect(),
                AT.plusSeconds(1),
                AT.plusSeconds(1),
                0,
                Optional.empty());
        write(e, m, sameKey);
        String check = "a unique constraint on the idempotency key (ON CONFLICT DO NOTHING), covering completed and "
                + "dead-lettered messages too";
        assertThat(outbox().pendingCount())
                .as(broken("O7", "one write with two messages of one key queued both", check))
                .isEqualTo(1);
        write(e, sameKey);
        assertThat(outbox().pendingCount())
                .as(broken("O7", "a later write queued a key already pending", check))
                .isEqualTo(1);
        outbox().complete(only(outbox().claim("w", AT.plusSeconds(5), LEASE, 10)));
        write(e, sameKey);
        assertThat(outbox().pendingCount())
                .as(broken("O7", "a key already completed was queued again", check))
                .isZero();
        assertThat(outbox().claim("w", AT.plusSeconds(5), LEASE, 10))
                .as(broken("O7", "a completed key was delivered again", check))
                .isEmpty();
    }

    /** O8: a completed message is never returned again; completing twice changes nothing. */
    @Test
    void o8_completedMessageIsNeverReturnedAgain() {
        OutboxMessage m = note(esc("a"), "m", AT);
        write(esc("a"), m);
        ClaimedMessage c = only(outbox().claim("w", AT, LEASE, 10));
        outbox().complete(c);
        outbox().complete(c);
        String check = "that complete marks the message done and claim never selects done messages";
        assertThat(outbox().pendingCount())
                .as(broken("O8", "a completed message is still pending", check))
                .isZero();
        assertThat(outbox().claim("w", AT.plus(Duration.ofDays(365)), LEASE, 10))
                .as(broken("O8", "a completed message was claimed again, even after its lease would have ended", check))
                .isEmpty();
        assertThat(outbox().retryLater(c, AT.plusSeconds(5), "late"))
                .as(broken("O8", "retryLater of a completed message returned true", check))
                .isFalse();
    }

    // --- O9: stateful property --------------------------------------------------------------------------------------

    private sealed interface Op permits Write, Claim, Complete, Retry, Dead, Replay, Advance, Superseded {}

    private record Write(int escalation, boolean ticket, int count, boolean reuseKey) implements Op {}

    private record Claim(int limit) implements Op {}

    private record Complete(int pick) implements Op {}

    private record Retry(int pick, int delay) implements Op {}

    private record Dead(int pick) implements Op {}

    private record Replay(int pick) implements Op {}

    private record Advance(int seconds) implements Op {}

    private record Superseded(int pick) implements Op {}

    private static Arbitrary<List<Op>> operations(int maxSteps) {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Op> write = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.of(true, false, false, false))
                .as(Write::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, write),
                        net.jqwik.api.Tuple.of(
                                4, Arbitraries.integers().between(1, 4).map(Claim::new)),
                        net.jqwik.api.Tuple.of(3, pick.map(Complete::new)),
                        net.jqwik.api.Tuple.of(
                                2,
                                Combinators.combine(pick, Arbitraries.integers().between(0, 40))
                                        .as(Retry::new)),
                        net.jqwik.api.Tuple.of(1, pick.map(Dead::new)),
                        net.jqwik.api.Tuple.of(1, pick.map(Replay::new)),
                        net.jqwik.api.Tuple.of(
                                2, Arbitraries.integers().between(1, 40).map(Advance::new)),
                        net.jqwik.api.Tuple.of(1, pick.map(Superseded::new)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxSteps);
    }

    /** The model's view of one message. */
    private static final class Msg {
        final OutboxMessage message;
        final long seq;
        Instant nextAttemptAt;
        int attempts;
        String status = "live"; // live, done, dead
        String token = "";
        Instant leaseUntil = Instant.MIN;

        Msg(OutboxMessage message, long seq) {
            this.message = message;
            this.seq = seq;
            this.nextAttemptAt = message.nextAttemptAt();
        }
    }

    /**
     * O9: random sequences of writes, claims, completions, retries, dead letters, replays and clock moves, checked
     * against a model after every step: every claim must return exactly the messages the model says, in order.
     *
     * @param reporter publishes the seed and the number of tries and steps run
     */
    @Test
    void o9_randomOperationSequencesAgreeWithTheModel(TestReporter reporter) {
        long seed = statefulSeed();
        int tries = statefulTries();
        List<List<Op>> sequences = new ArrayList<>();
        JqwikSession.run(Long.toString(seed), () -> {
            Random random = new Random(seed);
            var generator = operations(statefulSteps()).generator(statefulSteps());
            for (int t = 0; t < tries; t++) {
                sequences.add(generator.next(random).value());
            }
        });
        int steps = 0;
        for (int t = 0; t < tries; t++) {
            EscalationStore fresh = t == 0 ? store : createStore();
            try {
                steps += runSequence(fresh, sequences.get(t), "seed " + seed + ", try " + (t + 1) + " of " + tries);
            } finally {
                if (fresh != store) {
                    disposeStore(fresh);
                }
            }
        }
        reporter.publishEntry(Map.of(
                "O9.seed",
                Long.toString(seed),
                "O9.tries",
                Integer.toString(tries),
                "O9.steps",
                Integer.toString(steps)));
        assertThat(steps).as("O9 ran no step at all").isPositive();
    }

    private int runSequence(EscalationStore s, List<Op> ops, String where) {
        Duration lease = leasesExpireByEngineTime() ? LEASE : Duration.ofDays(3650);
        Map<EscalationId, EscalationRecord> known = new HashMap<>();
        List<Msg> model = new ArrayList<>();
        Map<String, Msg> byKey = new HashMap<>();
        List<ClaimedMessage> superseded = new ArrayList<>();
        Instant now = AT;
        long seq = 0;
        int n = 0;
        List<String> done = new ArrayList<>();
        for (Op op : ops) {
            n++;
            done.add(op.toString());
            String trail = where + ", after " + done;
            if (op instanceof Write w) {
                EscalationId e = esc("e" + w.escalation());
                List<OutboxMessage> msgs = new ArrayList<>();
                for (int i = 0; i < w.count(); i++) {
                    now = now.plusMillis(1); // strictly increasing createdAt: "oldest first" is unambiguous
                    String key = w.reuseKey() && !byKey.isEmpty() && i == 0
                            ? byKey.keySet().iterator().next()
                            : run + "-k" + n + "-" + i;
                    OutboxMessage m = w.ticket()
                            ? Records.message(customer, Records.postUpdate(key, e, "t"), now)
                            : Records.message(
                                    customer,
                                    Records.notification(
                                            key,
                                            e,
                                            Records.party(dev.escalation.model.Party.Kind.CONTACT, "ina"),
                                            "s",
                                            "b"),
                                    now);
                    if (msgs.stream().noneMatch(x -> x.idempotencyKey().equals(key))) {
                        msgs.add(m);
                    }
                }
                write(s, known, e, customer, msgs);
                for (OutboxMessage m : msgs) {
                    if (!byKey.containsKey(m.idempotencyKey())) {
                        Msg x = new Msg(m, ++seq);
                        model.add(x);
                        byKey.put(m.idempotencyKey(), x);
                    }
                }
            } else if (op instanceof Claim c) {
                List<Msg> expected = expectedClaim(model, now, c.limit());
                List<ClaimedMessage> got = s.outbox().claim("w", now, lease, c.limit());
                assertThat(ids(got))
                        .as(broken(
                                "O9",
                                "claim(limit " + c.limit() + ") returned other messages than the " + "model (" + trail
                                        + ")",
                                "rules O1 to O8"))
                        .containsExactlyElementsOf(
                                expected.stream().map(x -> x.message.id()).toList());
                for (int i = 0; i < got.size(); i++) {
                    Msg x = expected.get(i);
                    if (!x.token.isEmpty()) {
                        superseded.add(new ClaimedMessage(got.get(i).message(), x.token));
                    }
                    x.token = got.get(i).claimToken();
                    x.leaseUntil = now.plus(lease);
                    assertThat(got.get(i).message().attempts())
                            .as(broken(
                                    "O9",
                                    "a claimed message carries "
                                            + got.get(i).message().attempts() + " attempts, the model " + x.attempts
                                            + " (" + trail
                                            + ")",
                                    "rules O4 and O5"))
                            .isEqualTo(x.attempts);
                }
            } else if (op instanceof Complete c) {
                Msg x = pickHeld(model, now, c.pick());
                if (x != null) {
                    s.outbox().complete(new ClaimedMessage(x.message, x.token));
                    x.status = "done";
                }
            } else if (op instanceof Retry r) {
                Msg x = pickHeld(model, now, r.pick());
                if (x != null) {
                    Instant next = now.plusSeconds(r.delay());
                    assertThat(s.outbox().retryLater(new ClaimedMessage(x.message, x.token), next, "r"))
                            .as(broken(
                                    "O9", "retryLater with a holding claim returned false (" + trail + ")", "rule O4"))
                            .isTrue();
                    x.nextAttemptAt = next;
                    x.attempts++;
                    x.token = "";
                    x.leaseUntil = Instant.MIN;
                }
            } else if (op instanceof Dead d) {
                Msg x = pickHeld(model, now, d.pick());
                if (x != null) {
                    assertThat(s.outbox().deadLetter(new ClaimedMessage(x.message, x.token), "d"))
                            .as(broken(
                                    "O9", "deadLetter with a holding claim returned false (" + trail + ")", "rule O5"))
                            .isTrue();
                    x.status = "dead";
                    x.token = "";
                    x.leaseUntil = Instant.MIN;
                }
            } else if (op instanceof Replay r) {
                List<Msg> dead =
                        model.stream().filter(x -> x.status.equals("dead")).toList();
                if (!dead.isEmpty()) {
                    Msg x = dead.get(r.pick() % dead.size());
                    assertThat(s.outbox().replay(x.message.id(), now))
                            .as(broken(
                                    "O9",
                                    "replay of a dead-lettered message returned false (" + trail + ")",
                                    "rule O5"))
                            .isTrue();
                    x.status = "live";
                    x.attempts = 0;
                    x.nextAttemptAt = now;
                }
            } else if (op instanceof Advance a) {
                now = now.plusSeconds(a.seconds());
            } else if (op instanceof Superseded sup && !superseded.isEmpty()) {
                ClaimedMessage old = superseded.get(sup.pick() % superseded.size());
                Msg x = byKey.get(old.message().idempotencyKey());
                if (x.status.equals("live") && !x.token.equals(old.claimToken())) {
                    assertThat(s.outbox().retryLater(old, now, "stale"))
                            .as(broken(
                                    "O9",
                                    "retryLater with a superseded claim returned true (" + trail + ")",
                                    "rule O2b"))
                            .isFalse();
                }
            }
            long live = model.stream().filter(x -> x.status.equals("live")).count();
            assertThat(s.outbox().pendingCount())
                    .as(broken("O9", "pendingCount differs from the model (" + trail + ")", "rules O5, O7 and O8"))
                    .isEqualTo(live);
            List<MessageId> dead = model.stream()
                    .filter(x -> x.status.equals("dead"))
                    .map(x -> x.message)
                    .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                    .map(OutboxMessage::id)
                    .toList();
            assertThat(EscalationStoreContract.all(p -> s.outbox().deadLetters(p), 2).stream()
                            .map(OutboxMessage::id)
                            .toList())
                    .as(broken("O9", "deadLetters differs from the model (" + trail + ")", "rule O5"))
                    .containsExactlyElementsOf(dead);
        }
        return n;
    }

    private static List<Msg> expectedClaim(List<Msg> model, Instant now, int limit) {
        List<Msg> result = new ArrayList<>();
        Set<String> blocked = new HashSet<>();
        for (Msg x : model) {
            if (result.size() == limit) {
                break;
            }
            if (!x.status.equals("live")) {
                continue;
            }
            String group = x.message.escalation().value() + "/" + x.message.target();
            if (!blocked.add(group)) {
                continue;
            }
            if (!x.leaseUntil.isAfter(now) && !x.nextAttemptAt.isAfter(now)) {
                result.add(x);
            }
        }
        return result;
    }

    private static Msg pickHeld(List<Msg> model, Instant now, int pick) {
        List<Msg> held = model.stream()
                .filter(x -> x.status.equals("live") && !x.token.isEmpty() && x.leaseUntil.isAfter(now))
                .toList();
        return held.isEmpty() ? null : held.get(pick % held.size());
    }
}
