package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.Party;
import dev.escalation.spi.Capability;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeadLetterEntry;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 * The contract of the {@link Outbox} facet of an {@link EscalationStore}: rules O1 to O12 of {@code RULES.md}.
 *
 * <p>Messages can only enter an outbox through a store write, so the factory returns the store; the contract writes
 * messages by creating and changing escalations and then works on {@link EscalationStore#outbox()}. The store must
 * start empty. Lease expiry (O2b) is checked unless the store declares {@link Capability#LEASES_IN_BACKEND_TIME}.
 *
 * <p>The contract writes messages in the order of their {@code createdAt} and, within one instant, of their ids, so
 * "oldest first" and "in chain order" mean the same for every store.
 */
public abstract class OutboxContract {

    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String run = Kit.run("o");
    private final CustomerId customer = CustomerId.of(run + "-acme");
    private final CustomerId other = CustomerId.of(run + "-globex");
    private EscalationStore store;
    private ChronoUnit precision;
    private Instant at;
    private Set<EscalationId> written = new HashSet<>();

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
        assertThat(store).as("createStore() returned null").isNotNull();
        precision = store.capabilities().instantPrecision();
        at = Records.T0.plusNanos(987_654_321).truncatedTo(precision);
        written = new HashSet<>();
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

    private boolean leasesInBackendTime() {
        return store.capabilities().has(Capability.LEASES_IN_BACKEND_TIME);
    }

    private EscalationId esc(String name) {
        return EscalationId.of(run + "-" + name);
    }

    /** Writes messages with a store write of the escalation: a create the first time, a change afterwards. */
    private static void write(
            EscalationStore s, Set<EscalationId> known, EscalationId id, CustomerId customer, List<OutboxMessage> ms) {
        if (known.add(id)) {
            s.create(Records.creation(Records.escalation(id, customer, CaseId.of("case-" + id.value()))
                            .build())
                    .messages(ms)
                    .build());
        } else {
            Kit.change(s, id, cur -> Records.change(cur).messages(ms).build());
        }
    }

    private void write(EscalationId id, OutboxMessage... messages) {
        write(store, written, id, customer, List.of(messages));
    }

    private OutboxMessage note(EscalationId e, String key, Instant createdAt) {
        return Records.notificationMessage(customer, e, run + "-" + key, createdAt);
    }

    private OutboxMessage noteTo(EscalationId e, String key, Party to, Optional<DeliveryChannel> channel, Instant t) {
        return Records.message(customer, Records.request(run + "-" + key, e, to, channel), t);
    }

    private OutboxMessage ticket(EscalationId e, String key, Instant createdAt) {
        return Records.ticketMessage(customer, e, run + "-" + key, createdAt);
    }

    private OutboxMessage openTicket(EscalationId e, String key, Instant createdAt) {
        return Records.openMessage(customer, e, run + "-" + key, createdAt);
    }

    private static List<MessageId> ids(List<ClaimedMessage> claimed) {
        return claimed.stream().map(c -> c.message().id()).toList();
    }

    private static MessageId[] ids(OutboxMessage... messages) {
        return java.util.Arrays.stream(messages).map(OutboxMessage::id).toArray(MessageId[]::new);
    }

    private static ClaimedMessage only(List<ClaimedMessage> claimed, String rule) {
        assertThat(claimed)
                .as(broken(rule, "expected exactly one claimed message, got " + ids(claimed), "the claim"))
                .hasSize(1);
        return claimed.get(0);
    }

    private int finish(Instant now, DeliveryOutcome... outcomes) {
        return outbox().finish(List.of(outcomes), now);
    }

    private static DeliveryOutcome.Delivered delivered(ClaimedMessage c) {
        return new DeliveryOutcome.Delivered(c, Optional.empty());
    }

    private ClaimedMessage claimed(List<ClaimedMessage> batch, OutboxMessage m) {
        return batch.stream()
                .filter(c -> c.message().id().equals(m.id()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("message " + m.id() + " was not claimed: " + ids(batch)));
    }

    // ------------------------------------------------------------------------------------------------ O1 to O5

    /** O1: claim returns exactly the deliverable messages, oldest first, at most {@code limit}, unchanged. */
    @Test
    void o1_claimReturnsDeliverableMessagesOldestFirst() {
        OutboxMessage m1 = note(esc("a"), "m1", at);
        // of another customer: a claim returns every message with its own customer (the tenant it is delivered for)
        OutboxMessage m2 = Records.notificationMessage(other, esc("b"), run + "-m2", at.plusSeconds(1));
        OutboxMessage m3 = openTicket(esc("c"), "m3", at.plusSeconds(2));
        OutboxMessage later = new OutboxMessage(
                MessageId.of(run + "-later"),
                customer,
                Records.request(run + "-later", esc("d"), Records.party(Party.Kind.CONTACT, "ina")),
                at.plusSeconds(3),
                at.plusSeconds(100),
                0,
                Optional.empty());
        write(esc("a"), m1);
        write(store, written, esc("b"), other, List.of(m2));
        write(esc("c"), m3);
        write(esc("d"), later);
        String check = "that claim selects nextAttemptAt <= now, orders by createdAt (then id) and honours limit";
        List<ClaimedMessage> first = outbox().claim("w1", at.plusSeconds(10), LEASE, 2);
        assertThat(ids(first))
                .as(broken("O1", "claim(limit 2) did not return the two oldest messages in order", check))
                .containsExactly(m1.id(), m2.id());
        assertThat(first.stream().map(ClaimedMessage::message).toList())
                .as(broken(
                        "O1",
                        "the claimed messages differ from the ones written",
                        "that every component of OutboxMessage (its customer, the effect and its parameters) is stored "
                                + "unchanged"))
                .containsExactly(m1, m2);
        List<ClaimedMessage> second = outbox().claim("w1", at.plusSeconds(10), LEASE, 10);
        assertThat(ids(second))
                .as(broken("O1", "a message not yet due was claimed, or a due one was missing", check))
                .containsExactly(m3.id());
        assertThat(second.get(0).message()).isEqualTo(m3);
        List<DeliveryOutcome> all = new ArrayList<>();
        first.forEach(c -> all.add(delivered(c)));
        second.forEach(c -> all.add(new DeliveryOutcome.Delivered(c, Optional.of("REF-c"))));
        outbox().finish(all, at.plusSeconds(11));
        assertThat(ids(outbox().claim("w1", Kit.justBefore(at.plusSeconds(100), precision), LEASE, 10)))
                .as(broken("O1", "a message was claimed before its nextAttemptAt", check))
                .isEmpty();
        List<ClaimedMessage> last = outbox().claim("w1", at.plusSeconds(100), LEASE, 10);
        assertThat(last.stream().map(ClaimedMessage::message).toList())
                .as(broken("O1", "a message was not claimed, unchanged, at its nextAttemptAt", check))
                .containsExactly(later);
    }

    /** O2: a claimed message is not returned to another claim while its lease holds. */
    @Test
    void o2_claimedMessageIsNotClaimedAgainWhileTheLeaseHolds() {
        OutboxMessage m = note(esc("a"), "m", at);
        write(esc("a"), m);
        ClaimedMessage mine = only(outbox().claim("w1", at, LEASE, 10), "O2");
        String check = "that claim marks the message leased until now + lease in the same atomic step that selects it "
                + "(SELECT … FOR UPDATE SKIP LOCKED, or a conditional UPDATE) and skips leased messages";
        assertThat(outbox().claim("w2", at, LEASE, 10))
                .as(broken("O2", "a second claimant got the message at the instant it was claimed", check))
                .isEmpty();
        assertThat(outbox().claim("w2", at.plus(LEASE).minusSeconds(1), LEASE, 10))
                .as(broken("O2", "a second claimant got the message one second before the lease ended", check))
                .isEmpty();
        assertThat(outbox().counts().pending())
                .as(broken(
                        "O2",
                        "a claimed message is not counted as pending",
                        "that counts() counts messages neither delivered nor dead-lettered"))
                .isEqualTo(1);
        assertThat(finish(at.plusSeconds(1), delivered(mine)))
                .as(broken("O2", "the holder of the lease could not finish it", "the claim-token check of finish"))
                .isEqualTo(1);
    }

    /** O2b: after the lease expires, another claimant gets the message; the old claim no longer holds. */
    @Test
    void o2b_messageIsClaimableAgainAfterTheLeaseExpires() {
        assumeFalse(
                leasesInBackendTime(),
                "capability declared: LEASES_IN_BACKEND_TIME (leases are measured in backend time, not by the engine's "
                        + "now), so rule O2b (lease expiry at now + lease) is not checked");
        OutboxMessage m = note(esc("a"), "m", at);
        write(esc("a"), m);
        ClaimedMessage old = only(outbox().claim("w1", at, LEASE, 10), "O2b");
        String check = "that a lease whose end is not after now no longer blocks claim, and that finish checks the "
                + "claim token";
        List<ClaimedMessage> again = outbox().claim("w2", at.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(ids(again))
                .as(broken("O2b", "the message was not claimable after its lease expired", check))
                .containsExactly(m.id());
        assertThat(again.get(0).claimToken())
                .as(broken("O2b", "the new claim has the old claim's token", "that every claim gets a fresh token"))
                .isNotEqualTo(old.claimToken());
        assertThat(finish(
                        at.plusSeconds(40),
                        new DeliveryOutcome.Retry(old, at.plusSeconds(60), "late"),
                        new DeliveryOutcome.DeadLetter(old, "PERMANENT", "late")))
                .as(broken("O2b", "finish recorded outcomes of a superseded claim", check))
                .isZero();
        assertThat(outbox().counts())
                .as(broken("O2b", "a superseded claim changed the message", check))
                .isEqualTo(new OutboxCounts(1, 0, Optional.of(at)));
        assertThat(finish(at.plusSeconds(41), delivered(again.get(0))))
                .as(broken("O2b", "the current claim could not finish the message", check))
                .isEqualTo(1);
    }

    /** O3: concurrent claimants never get the same message, and none is lost. */
    @Test
    void o3_concurrentClaimantsNeverShareAMessage() {
        int n = concurrentClaimants() * 5;
        Set<MessageId> all = new HashSet<>();
        for (int i = 0; i < n; i++) {
            OutboxMessage m = note(
                    esc(String.format(Locale.ROOT, "e%03d", i)),
                    String.format(Locale.ROOT, "m%03d", i),
                    at.plusMillis(i));
            write(esc(String.format(Locale.ROOT, "e%03d", i)), m);
            all.add(m.id());
        }
        List<Concurrency.Outcome<List<ClaimedMessage>>> outcomes = Concurrency.race(
                concurrentClaimants(), i -> () -> outbox().claim("w" + i, at.plusSeconds(1), LEASE, 5));
        List<MessageId> claimed = new ArrayList<>();
        for (Concurrency.Outcome<List<ClaimedMessage>> o : outcomes) {
            assertThat(o.failure())
                    .as(broken("O3", "a concurrent claim failed", "the stack trace"))
                    .isNull();
            claimed.addAll(ids(o.value()));
        }
        claimed.addAll(ids(outbox().claim("rest", at.plusSeconds(1), LEASE, n)));
        assertThat(claimed)
                .as(broken(
                        "O3",
                        "two concurrent claimants got the same message",
                        "that selecting and leasing is one atomic step (FOR UPDATE SKIP LOCKED or a conditional UPDATE "
                                + "that checks the lease)"))
                .doesNotHaveDuplicates();
        assertThat(claimed)
                .as(broken("O3", "not every message was claimed by someone", "that claim loses nothing"))
                .containsExactlyInAnyOrderElementsOf(all);
    }

    /** O4: a Retry makes a message claimable again at its next attempt, not before, with one more attempt. */
    @Test
    void o4_retriedMessageComesBackAtItsNextAttemptNotBefore() {
        OutboxMessage m = note(esc("a"), "m", at);
        write(esc("a"), m);
        ClaimedMessage c = only(outbox().claim("w1", at, LEASE, 10), "O4");
        Instant next = at.plusSeconds(60);
        assertThat(finish(at.plusSeconds(1), new DeliveryOutcome.Retry(c, next, "smtp 451")))
                .as(broken("O4", "finish(Retry) with a holding claim recorded nothing", "the claim-token check"))
                .isEqualTo(1);
        String check = "that Retry stores nextAttemptAt, counts the attempt and releases the lease, and that claim "
                + "compares nextAttemptAt <= now";
        assertThat(outbox().claim("w2", Kit.justBefore(next, precision), LEASE, 10))
                .as(broken("O4", "the retried message was claimable before its next attempt", check))
                .isEmpty();
        ClaimedMessage retried = only(outbox().claim("w2", next, LEASE, 10), "O4");
        assertThat(retried.message().id()).isEqualTo(m.id());
        assertThat(retried.message().attempts())
                .as(broken("O4", "the retried message does not count one attempt", check))
                .isEqualTo(1);
        assertThat(retried.message().lastError())
                .as(broken("O4", "the retried message lost the reason of its failure", "that lastError is stored"))
                .contains("smtp 451");
        assertThat(retried.message().nextAttemptAt())
                .as(broken("O4", "the retried message does not carry its next attempt", check))
                .isEqualTo(next);
        // a second failure is a second retry: the message comes back again, counting two attempts (not lost)
        Instant again = next.plusSeconds(120);
        assertThat(finish(next.plusSeconds(1), new DeliveryOutcome.Retry(retried, again, "smtp 421")))
                .as(broken("O4", "finish(Retry) of a retried message recorded nothing", "the claim-token check"))
                .isEqualTo(1);
        assertThat(outbox().countsOf(esc("a")).pending())
                .as(broken("O4", "a message retried a second time is no longer pending", check))
                .isEqualTo(1);
        ClaimedMessage twice = only(outbox().claim("w3", again, LEASE, 10), "O4");
        assertThat(twice.message().attempts())
                .as(broken("O4", "the message retried twice does not count two attempts", check))
                .isEqualTo(2);
        assertThat(twice.message().lastError())
                .as(broken("O4", "the message retried twice lost the reason of its last failure", check))
                .contains("smtp 421");
    }

    /** O5: a DeadLetter parks a message; replay makes it deliverable at once with attempts reset. */
    @Test
    void o5_deadLetterIsParkedUntilReplayed() {
        OutboxMessage m = note(esc("a"), "m", at);
        OutboxMessage other = note(esc("b"), "other", at.plusSeconds(1));
        write(esc("a"), m);
        write(esc("b"), other);
        ClaimedMessage c = claimed(outbox().claim("w1", at.plusSeconds(1), LEASE, 10), m);
        assertThat(finish(at.plusSeconds(2), new DeliveryOutcome.DeadLetter(c, "PERMANENT", "550 no such user")))
                .isEqualTo(1);
        String check = "that DeadLetter marks the message dead (with one more attempt, its code and reason), that "
                + "claim never selects dead messages and deadLetters lists them";
        java.util.concurrent.atomic.AtomicInteger toldDead = new java.util.concurrent.atomic.AtomicInteger();
        assertThat(ids(outbox().claim("w2", at.plus(Duration.ofDays(30)), LEASE, 10, toldDead::addAndGet)))
                .as(broken("O5", "a dead-lettered message was claimed", check))
                .doesNotContain(m.id());
        assertThat(toldDead)
                .as(broken(
                        "O5",
                        "a claim that dead-lettered nothing told it dead-lettered messages",
                        "that claim tells only the messages it dead-lettered itself"))
                .hasValue(0);
        assertThat(outbox().countsOf(esc("a")))
                .as(broken("O5", "the dead letter is not counted as dead (and not pending)", check))
                .isEqualTo(new OutboxCounts(0, 1, Optional.empty()));
        List<OutboxMessage> dead = Kit.all(p -> outbox().deadLetters(p), 10, "O5");
        assertThat(dead)
                .as(broken("O5", "deadLetters does not list exactly the dead letter", check))
                .extracting(OutboxMessage::id)
                .containsExactly(m.id());
        assertThat(dead.get(0).attempts())
                .as(broken("O5", "the dead letter counts no attempt", check))
                .isEqualTo(1);
        assertThat(dead.get(0).deadCode())
                .as(broken("O5", "the dead letter lost its code", check))
                .contains("PERMANENT");
        assertThat(Kit.all(p -> outbox().deadLetterEntries(p), 10, "O5"))
                .as(broken(
                        "O5",
                        "deadLetterEntries does not list the readable dead letter as deadLetters does",
                        "that deadLetterEntries lists each message it reads back as a DeadLetterEntry.Readable"))
                .containsExactly(new DeadLetterEntry.Readable(dead.get(0)));
        assertThat(outbox().replay(MessageId.of(run + "-unknown"), at))
                .as(broken("O5", "replay of an unknown message returned true", "that replay finds dead messages"))
                .isFalse();
        Instant replayedAt = at.plusSeconds(100);
        assertThat(outbox().replay(m.id(), replayedAt))
                .as(broken("O5", "replay of a dead letter returned false", check))
                .isTrue();
        assertThat(outbox().replay(m.id(), replayedAt))
                .as(broken("O5", "replay of a pending message returned true", "that replay changes dead messages only"))
                .isFalse();
        ClaimedMessage again = only(outbox().claim("w3", replayedAt, LEASE, 10), "O5");
        assertThat(again.message().id()).isEqualTo(m.id());
        assertThat(again.message().attempts())
                .as(broken("O5", "replay did not reset the attempts", "that replay sets attempts to 0"))
                .isZero();
        assertThat(again.message().deadCode())
                .as(broken("O5", "a replayed message still carries its dead-letter code", "that replay clears it"))
                .isEmpty();
        assertThat(Kit.all(p -> outbox().deadLetters(p), 10, "O5"))
                .as(broken("O5", "a replayed message is still listed as dead", check))
                .isEmpty();
        assertThat(Kit.all(p -> outbox().deadLetterEntries(p), 10, "O5"))
                .as(broken("O5", "a replayed message is still listed by deadLetterEntries", check))
                .isEmpty();
    }

    /**
     * O5: {@code deadLetters} lists dead letters ascending by ({@code createdAt}, {@code id}) whatever order they were
     * written and dead-lettered in, and its pages, followed one letter at a time, hold each exactly once, also across
     * letters created at the same instant (the cursor names the last letter's instant and id).
     */
    @Test
    void o5_deadLettersAreListedOldestFirstAndPageWithoutGapsOrRepeats() {
        OutboxMessage late = note(esc("c"), "late", at.plusSeconds(3));
        OutboxMessage twin = note(esc("b"), "twin", at.plusSeconds(1));
        OutboxMessage first = note(esc("a"), "first", at.plusSeconds(1));
        write(esc("c"), late); // written first, created last
        write(esc("b"), twin);
        write(esc("a"), first);
        List<ClaimedMessage> batch = outbox().claim("w", at.plusSeconds(5), LEASE, 10);
        assertThat(finish(
                        at.plusSeconds(6),
                        new DeliveryOutcome.DeadLetter(claimed(batch, first), "PERMANENT", "first"),
                        new DeliveryOutcome.DeadLetter(claimed(batch, late), "PERMANENT", "late"),
                        new DeliveryOutcome.DeadLetter(claimed(batch, twin), "PERMANENT", "twin")))
                .isEqualTo(3);
        List<MessageId> expected = java.util.stream.Stream.of(late, twin, first)
                .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                .map(OutboxMessage::id)
                .toList();
        String check =
                "that deadLetters sorts by (createdAt, id) and its cursor names the last letter's (createdAt, id)";
        assertThat(Kit.all(p -> outbox().deadLetters(p), 10, "O5"))
                .as(broken("O5", "deadLetters is not ascending by (createdAt, id)", check))
                .extracting(OutboxMessage::id)
                .containsExactlyElementsOf(expected);
        assertThat(Kit.all(p -> outbox().deadLetters(p), 1, "O5"))
                .as(broken("O5", "deadLetters' pages of one letter skip or repeat a letter", check))
                .extracting(OutboxMessage::id)
                .containsExactlyElementsOf(expected);
        List<DeadLetterEntry> listed = Kit.all(p -> outbox().deadLetters(p), 10, "O5").stream()
                .<DeadLetterEntry>map(DeadLetterEntry.Readable::new)
                .toList();
        String entries = "that deadLetterEntries lists what deadLetters lists, in its order and pages, each message it"
                + " reads back as a DeadLetterEntry.Readable";
        for (int size : new int[] {10, 2, 1}) {
            assertThat(Kit.all(p -> outbox().deadLetterEntries(p), size, "O5"))
                    .as(broken("O5", "deadLetterEntries in pages of " + size + " differs from deadLetters", entries))
                    .containsExactlyElementsOf(listed);
        }
    }

    // ------------------------------------------------------------------------------------------------ O6 to O8

    /** O6: a contact and a staff member who share an id are two recipients, so two chains. */
    @Test
    void o6_aContactAndAStaffMemberOfOneIdAreTwoChains() {
        EscalationId e = esc("g");
        OutboxMessage toContact = noteTo(e, "kim-c", Records.party(Party.Kind.CONTACT, "kim"), Optional.empty(), at);
        OutboxMessage toStaff =
                noteTo(e, "kim-s", Records.party(Party.Kind.STAFF, "kim"), Optional.empty(), at.plusSeconds(1));
        write(e, toContact, toStaff);
        String check = "that the chain's recipient is the recipient's kind and id (PartyRef, as OutboxMessage.chain() "
                + "has it), not the id alone";
        assertThat(ids(outbox().claim("w1", at.plusSeconds(5), LEASE, 1)))
                .as(broken("O6", "claim(limit 1) is not the oldest message", check))
                .containsExactly(toContact.id());
        assertThat(ids(outbox().claim("w2", at.plusSeconds(5), LEASE, 10)))
                .as(broken(
                        "O6",
                        "while the contact kim's notification is leased, the staff member kim's was held back",
                        check))
                .containsExactly(toStaff.id());
    }

    /**
     * O6: a chain is (escalation, target, recipient, channel). A message waits while an older message of its chain is
     * neither delivered nor in the same claim before it; one claim may hold several messages of a chain, in order; a
     * failing recipient holds back only its own chain; a dead-lettered ticket call holds back the escalation's later
     * ticket calls until it is replayed and delivered.
     */
    @Test
    void o6_chainsKeepTheirOrderAndHoldBackOnlyThemselves() {
        Party ina = Records.party(Party.Kind.CONTACT, "ina");
        Party sam = Records.party(Party.Kind.STAFF, "sam");
        EscalationId e = esc("e");
        OutboxMessage n1 = noteTo(e, "n1", ina, Optional.empty(), at);
        OutboxMessage n2 = noteTo(e, "n2", sam, Optional.empty(), at.plusSeconds(1));
        OutboxMessage n3 = noteTo(e, "n3", ina, Optional.empty(), at.plusSeconds(2));
        OutboxMessage n4 = noteTo(e, "n4", ina, Optional.of(DeliveryChannel.SMS), at.plusSeconds(3));
        OutboxMessage t1 = openTicket(e, "t1", at.plusSeconds(4));
        write(e, n1, n2, n3, n4, t1);
        String check = "that the chain key is (escalation, target, recipient kind:id, fixed channel or empty) as "
                + "OutboxMessage.chain() computes it, that a claim takes each chain from its head while its messages "
                + "are deliverable, and that an undelivered message (leased, waiting for its retry or dead) blocks "
                + "only the later messages of its own chain";

        List<ClaimedMessage> one = outbox().claim("w1", at.plusSeconds(5), LEASE, 1);
        assertThat(ids(one))
                .as(broken("O6", "claim(limit 1) is not the oldest message", check))
                .containsExactly(n1.id());
        List<ClaimedMessage> heads = outbox().claim("w2", at.plusSeconds(5), LEASE, 10);
        assertThat(ids(heads))
                .as(broken(
                        "O6",
                        "while ina's first notification is leased, a second claim is not exactly the other chains' "
                                + "heads (sam; ina by SMS; the ticket)",
                        check))
                .containsExactly(n2.id(), n4.id(), t1.id());
        List<DeliveryOutcome> release = new ArrayList<>();
        one.forEach(c -> release.add(new DeliveryOutcome.Released(c)));
        heads.forEach(c -> release.add(new DeliveryOutcome.Released(c)));
        assertThat(finish(at.plusSeconds(6), release.toArray(DeliveryOutcome[]::new)))
                .as(broken("O6", "releasing the claims was not recorded", "finish(Released)"))
                .isEqualTo(4);
        Instant later = at.plusSeconds(10);
        // everything is released: a fresh claim returns every chain whole
        List<ClaimedMessage> batch = outbox().claim("w3", later, LEASE, 10);
        assertThat(ids(batch))
                .as(broken(
                        "O6", "a claim after the release is not every message, both of ina's e-mails in order", check))
                .containsExactly(n1.id(), n2.id(), n3.id(), n4.id(), t1.id());
        // the dispatcher: n1 fails, so the rest of its chain (n3) is released; the others are delivered
        assertThat(finish(
                        later.plusSeconds(1),
                        new DeliveryOutcome.Retry(claimed(batch, n1), later.plusSeconds(60), "mailbox full"),
                        delivered(claimed(batch, n2)),
                        new DeliveryOutcome.Released(claimed(batch, n3)),
                        delivered(claimed(batch, n4)),
                        new DeliveryOutcome.Delivered(claimed(batch, t1), Optional.of("REF-" + run))))
                .isEqualTo(5);
        OutboxMessage n5 = noteTo(e, "n5", sam, Optional.empty(), later.plusSeconds(2));
        OutboxMessage n6 = noteTo(e, "n6", ina, Optional.empty(), later.plusSeconds(3));
        write(e, n5, n6);
        List<ClaimedMessage> sams = outbox().claim("w4", later.plusSeconds(4), LEASE, 10);
        assertThat(ids(sams))
                .as(broken(
                        "O6",
                        "while ina's e-mail waits for its retry, the claim is not exactly sam's new notification (ina's "
                                + "chain must wait, sam's must not)",
                        check))
                .containsExactly(n5.id());
        finish(later.plusSeconds(5), delivered(sams.get(0)));
        List<ClaimedMessage> retried = outbox().claim("w5", later.plusSeconds(60), LEASE, 10);
        assertThat(ids(retried))
                .as(broken("O6", "at ina's retry, her chain did not come back whole and in order", check))
                .containsExactly(n1.id(), n3.id(), n6.id());
        outbox().finish(
                        retried.stream()
                                .map(c -> (DeliveryOutcome) delivered(c))
                                .toList(),
                        later.plusSeconds(61));

        // ticket calls: a dead letter holds back the escalation's later ticket calls, not its notifications
        EscalationId f = esc("f");
        OutboxMessage open = openTicket(f, "open", at);
        write(f, open);
        ClaimedMessage opened = only(outbox().claim("w6", at.plusSeconds(1), LEASE, 10), "O6");
        finish(at.plusSeconds(1), new DeliveryOutcome.Delivered(opened, Optional.of("REF-f-" + run)));
        OutboxMessage add = Records.message(customer, Records.addParticipant(run + "-add", f, sam), at.plusSeconds(2));
        OutboxMessage post = ticket(f, "post", at.plusSeconds(3));
        OutboxMessage toIna = noteTo(f, "ina-f", ina, Optional.empty(), at.plusSeconds(4));
        write(f, add, post, toIna);
        List<ClaimedMessage> calls = outbox().claim("w7", at.plusSeconds(5), LEASE, 10);
        assertThat(ids(calls))
                .as(broken("O6", "the ticket calls and the notification were not claimed in order", check))
                .containsExactly(add.id(), post.id(), toIna.id());
        finish(
                at.plusSeconds(6),
                new DeliveryOutcome.DeadLetter(claimed(calls, add), "PERMANENT", "403"),
                new DeliveryOutcome.Released(claimed(calls, post)),
                delivered(claimed(calls, toIna)));
        OutboxMessage toInaAgain = noteTo(f, "ina-f2", ina, Optional.empty(), at.plusSeconds(7));
        write(f, toInaAgain);
        assertThat(ids(outbox().claim("w8", at.plus(Duration.ofDays(1)), LEASE, 10)))
                .as(broken(
                        "O6",
                        "while a ticket call is dead-lettered, the claim is not exactly the escalation's new "
                                + "notification (the later ticket call must wait behind the dead letter)",
                        check))
                .containsExactly(toInaAgain.id());
        assertThat(outbox().replay(add.id(), at.plus(Duration.ofDays(1)))).isTrue();
        List<ClaimedMessage> replayed =
                outbox().claim("w9", at.plus(Duration.ofDays(1)).plusSeconds(1), LEASE, 10);
        assertThat(ids(replayed))
                .as(broken("O6", "after the replay the ticket calls did not come back in order", check))
                .containsExactly(add.id(), post.id());
        assertThat(replayed)
                .as(broken("O6", "a claimed ticket call does not carry the reference", "the claim (rule S18)"))
                .allMatch(c -> c.ticketReference().equals(Optional.of("REF-f-" + run)));
    }

    /**
     * O7: a message whose idempotency key is pending, dead, or was delivered less than the de-duplication window ago
     * (judged at the new message's {@code createdAt}) is not queued again; after the window it may be.
     */
    @Test
    void o7_keysAreNotQueuedAgainWithinTheWindow() {
        Duration window = store.capabilities().deduplicationWindow();
        EscalationId e = esc("a");
        OutboxMessage m = note(e, "m", at);
        OutboxMessage sameKey = new OutboxMessage(
                MessageId.of(run + "-other-id"),
                customer,
                m.effect(),
                at.plusSeconds(1),
                at.plusSeconds(1),
                0,
                Optional.empty());
        write(e, m, sameKey);
        String check = "a unique constraint on the idempotency key over pending, dead and recently delivered messages "
                + "(ON CONFLICT DO NOTHING), which forgets a delivered key only after the de-duplication window";
        assertThat(outbox().counts().pending())
                .as(broken("O7", "one write queued one key twice", check))
                .isEqualTo(1);
        write(e, sameKey);
        assertThat(outbox().counts().pending())
                .as(broken("O7", "a later write queued a key that is pending", check))
                .isEqualTo(1);
        Instant deliveredAt = at.plusSeconds(10);
        finish(deliveredAt, delivered(only(outbox().claim("w", at.plusSeconds(5), LEASE, 10), "O7")));
        for (Duration after : List.of(Duration.ofSeconds(1), window.dividedBy(2), window.minusSeconds(1))) {
            Instant createdAt = deliveredAt.plus(after);
            write(
                    e,
                    new OutboxMessage(
                            MessageId.of(run + "-again-" + after.toSeconds()),
                            customer,
                            m.effect(),
                            createdAt,
                            createdAt,
                            0,
                            Optional.empty()));
            assertThat(outbox().counts().pending())
                    .as(broken(
                            "O7",
                            "a key delivered " + after + " before (within the window " + window + ") was queued again",
                            check))
                    .isZero();
            assertThat(outbox().claim("w", createdAt.plusSeconds(1), LEASE, 10))
                    .as(broken("O7", "a key delivered within the window was delivered again", check))
                    .isEmpty();
        }
        OutboxMessage d = note(e, "dead", at.plusSeconds(20));
        write(e, d);
        ClaimedMessage dc = only(outbox().claim("w", at.plusSeconds(20), LEASE, 10), "O7");
        finish(at.plusSeconds(21), new DeliveryOutcome.DeadLetter(dc, "PERMANENT", "x"));
        write(
                e,
                new OutboxMessage(
                        MessageId.of(run + "-dead-again"),
                        customer,
                        d.effect(),
                        at.plusSeconds(30),
                        at.plusSeconds(30),
                        0,
                        Optional.empty()));
        assertThat(outbox().counts())
                .as(broken("O7", "a key that is dead-lettered was queued again", check))
                .isEqualTo(new OutboxCounts(0, 1, Optional.empty()));
        // after the window the key may be queued again: both answers are allowed, but the write must go through
        Instant past = deliveredAt.plus(window).plusSeconds(1);
        write(
                e,
                new OutboxMessage(
                        MessageId.of(run + "-after-window"), customer, m.effect(), past, past, 0, Optional.empty()));
        assertThat(outbox().counts().pending()).isBetween(0L, 1L);
    }

    /** O8: a delivered message is never returned again; finishing it twice records nothing. */
    @Test
    void o8_deliveredMessageIsNeverReturnedAgain() {
        OutboxMessage m = note(esc("a"), "m", at);
        write(esc("a"), m);
        ClaimedMessage c = only(outbox().claim("w", at, LEASE, 10), "O8");
        String check = "that Delivered marks the message done and claim never selects done messages";
        assertThat(finish(at.plusSeconds(1), delivered(c))).isEqualTo(1);
        assertThat(finish(at.plusSeconds(2), delivered(c)))
                .as(broken("O8", "finishing a delivered message again was recorded", check))
                .isZero();
        assertThat(outbox().counts())
                .as(broken("O8", "a delivered message is still counted", check))
                .isEqualTo(new OutboxCounts(0, 0, Optional.empty()));
        assertThat(outbox().claim("w", at.plus(Duration.ofDays(365)), LEASE, 10))
                .as(broken("O8", "a delivered message was claimed again, even after its lease would have ended", check))
                .isEmpty();
        assertThat(finish(at.plusSeconds(3), new DeliveryOutcome.Retry(c, at.plusSeconds(5), "late")))
                .as(broken("O8", "a Retry of a delivered message was recorded", check))
                .isZero();
        assertThat(outbox().claim("w", at.plus(Duration.ofDays(365)), LEASE, 10))
                .as(broken("O8", "a Retry brought a delivered message back", check))
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ O9

    private sealed interface Op permits Write, Claim, Finish, Replay, ReplayAll, Advance, Superseded {}

    /** kind: 0 to ina, 1 to sam, 2 to ina by SMS, 3 ticket Open, 4 ticket update. */
    private record Write(int escalation, int kind, int count, boolean reuseKey) implements Op {}

    private record Claim(int limit) implements Op {}

    private enum Outcome {
        DELIVERED,
        RETRY,
        DEAD,
        RELEASED
    }

    private record Finish(List<Integer> picks, Outcome outcome, int delay) implements Op {}

    private record Replay(int pick) implements Op {}

    private record ReplayAll(int escalation) implements Op {}

    private record Advance(int seconds) implements Op {}

    private record Superseded(int pick) implements Op {}

    private static Arbitrary<List<Op>> operations(int maxSteps) {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
        Arbitrary<Op> write = Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 4),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.of(true, false, false, false))
                .as(Write::new);
        Arbitrary<Op> finish = Combinators.combine(
                        pick.list().ofMinSize(1).ofMaxSize(3),
                        Arbitraries.of(Outcome.class),
                        Arbitraries.integers().between(0, 40))
                .as(Finish::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, write),
                        net.jqwik.api.Tuple.of(
                                4, Arbitraries.integers().between(1, 5).map(Claim::new)),
                        net.jqwik.api.Tuple.of(5, finish),
                        net.jqwik.api.Tuple.of(1, pick.map(Replay::new)),
                        net.jqwik.api.Tuple.of(
                                1, Arbitraries.integers().between(0, 2).map(ReplayAll::new)),
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

        boolean ticketCallNeedingReference() {
            return message.effect() instanceof TicketCommand && !(message.effect() instanceof TicketCommand.Open);
        }
    }

    /**
     * O9: random sequences of writes, claims, batches of outcomes, replays, clock moves and superseded claims,
     * checked against a model after every step: every claim must return exactly the messages the model says, in
     * order, with the ticket reference; counts, counts per escalation and dead letters must agree.
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
        Duration lease = leasesInBackendTime() ? Duration.ofDays(3650) : LEASE;
        Set<EscalationId> known = new HashSet<>();
        List<Msg> model = new ArrayList<>();
        Map<String, Msg> byKey = new HashMap<>();
        Map<EscalationId, String> references = new HashMap<>();
        List<ClaimedMessage> superseded = new ArrayList<>();
        Instant now = at;
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
                            : String.format(Locale.ROOT, "%s-k%03d-%d", run, n, i);
                    SideEffect effect = switch (w.kind()) {
                        case 0 -> Records.request(key, e, Records.party(Party.Kind.CONTACT, "ina"));
                        case 1 -> Records.request(key, e, Records.party(Party.Kind.STAFF, "sam"));
                        case 2 ->
                            Records.request(
                                    key, e, Records.party(Party.Kind.CONTACT, "ina"), Optional.of(DeliveryChannel.SMS));
                        case 3 -> Records.open(key, e);
                        default -> Records.postUpdate(key, e, "t");
                    };
                    OutboxMessage m = Records.message(customer, effect, now);
                    if (msgs.stream().noneMatch(x -> x.idempotencyKey().equals(m.idempotencyKey()))) {
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
                List<Msg> expected = expectedClaim(model, references, now, c.limit());
                List<ClaimedMessage> got = s.outbox().claim("w", now, lease, c.limit());
                assertThat(ids(got))
                        .as(broken(
                                "O9",
                                "claim(limit " + c.limit() + ") returned other messages than the model (" + trail + ")",
                                "rules O1 to O8"))
                        .containsExactlyElementsOf(
                                expected.stream().map(x -> x.message.id()).toList());
                for (int i = 0; i < got.size(); i++) {
                    Msg x = expected.get(i);
                    ClaimedMessage g = got.get(i);
                    if (!x.token.isEmpty()) {
                        superseded.add(new ClaimedMessage(g.message(), x.token, g.ticketReference()));
                    }
                    x.token = g.claimToken();
                    x.leaseUntil = now.plus(lease);
                    assertThat(g.message().attempts())
                            .as(broken(
                                    "O9",
                                    "a claimed message carries " + g.message().attempts() + " attempts, the model "
                                            + x.attempts + " (" + trail + ")",
                                    "rules O4 and O5"))
                            .isEqualTo(x.attempts);
                    Optional<String> reference = x.ticketCallNeedingReference()
                            ? Optional.ofNullable(references.get(x.message.escalation()))
                            : Optional.empty();
                    assertThat(g.ticketReference())
                            .as(broken(
                                    "O9",
                                    "a claimed message carries the ticket reference " + g.ticketReference()
                                            + ", the model " + reference + " (" + trail + ")",
                                    "rule S18"))
                            .isEqualTo(reference);
                }
            } else if (op instanceof Finish f) {
                Instant time = now;
                List<Msg> held = model.stream()
                        .filter(x -> x.status.equals("live") && !x.token.isEmpty() && x.leaseUntil.isAfter(time))
                        .toList();
                if (held.isEmpty()) {
                    continue;
                }
                Set<Msg> picked = new LinkedHashSet<>();
                f.picks().forEach(p -> picked.add(held.get(p % held.size())));
                List<DeliveryOutcome> outcomes = new ArrayList<>();
                Instant t = now;
                for (Msg x : picked) {
                    ClaimedMessage c = new ClaimedMessage(x.message, x.token, Optional.empty());
                    switch (f.outcome()) {
                        case DELIVERED -> {
                            Optional<String> ref = x.message.effect() instanceof TicketCommand.Open
                                    ? Optional.of("REF-" + x.message.idempotencyKey())
                                    : Optional.empty();
                            outcomes.add(new DeliveryOutcome.Delivered(c, ref));
                            ref.ifPresent(r -> references.putIfAbsent(x.message.escalation(), r));
                            x.status = "done";
                        }
                        case RETRY -> {
                            outcomes.add(new DeliveryOutcome.Retry(c, t.plusSeconds(f.delay()), "r"));
                            x.nextAttemptAt = t.plusSeconds(f.delay());
                            x.attempts++;
                        }
                        case DEAD -> {
                            outcomes.add(new DeliveryOutcome.DeadLetter(c, "PERMANENT", "d"));
                            x.status = "dead";
                            x.attempts++;
                        }
                        case RELEASED -> outcomes.add(new DeliveryOutcome.Released(c));
                    }
                    x.token = "";
                    x.leaseUntil = Instant.MIN;
                }
                assertThat(s.outbox().finish(outcomes, now))
                        .as(broken(
                                "O9",
                                "finish of " + outcomes.size() + " holding claims did not record them all (" + trail
                                        + ")",
                                "rule O10"))
                        .isEqualTo(outcomes.size());
            } else if (op instanceof Replay r) {
                List<Msg> dead =
                        model.stream().filter(x -> x.status.equals("dead")).toList();
                if (!dead.isEmpty()) {
                    Msg x = dead.get(r.pick() % dead.size());
                    assertThat(s.outbox().replay(x.message.id(), now))
                            .as(broken("O9", "replay of a dead-lettered message returned false (" + trail + ")", "O5"))
                            .isTrue();
                    revive(x, now);
                }
            } else if (op instanceof ReplayAll r) {
                EscalationId e = esc("e" + r.escalation());
                List<Msg> dead = model.stream()
                        .filter(x -> x.status.equals("dead")
                                && x.message.escalation().equals(e))
                        .toList();
                assertThat(s.outbox().replayAll(e, now))
                        .as(broken(
                                "O9", "replayAll did not replay the escalation's dead letters (" + trail + ")", "O11"))
                        .isEqualTo(dead.size());
                for (Msg x : dead) {
                    revive(x, now);
                }
            } else if (op instanceof Advance a) {
                now = now.plusSeconds(a.seconds());
            } else if (op instanceof Superseded sup && !superseded.isEmpty()) {
                ClaimedMessage old = superseded.get(sup.pick() % superseded.size());
                Msg x = byKey.get(old.message().idempotencyKey());
                if (!x.token.equals(old.claimToken())) {
                    assertThat(s.outbox().finish(List.of(new DeliveryOutcome.Retry(old, now, "stale")), now))
                            .as(broken(
                                    "O9",
                                    "finish with a superseded claim was recorded (" + trail + ")",
                                    "rules O2b and O10"))
                            .isZero();
                }
            }
            checkCounts(s, model, trail);
        }
        return n;
    }

    private static void revive(Msg x, Instant now) {
        x.status = "live";
        x.attempts = 0;
        x.nextAttemptAt = now;
        x.token = "";
        x.leaseUntil = Instant.MIN;
    }

    private void checkCounts(EscalationStore s, List<Msg> model, String trail) {
        assertThat(s.outbox().counts())
                .as(broken("O9", "counts() differs from the model (" + trail + ")", "rules O5, O7, O8 and O11"))
                .isEqualTo(countsOf(model));
        for (int e = 0; e < 3; e++) {
            EscalationId id = esc("e" + e);
            assertThat(s.outbox().countsOf(id))
                    .as(broken("O9", "countsOf(" + id + ") differs from the model (" + trail + ")", "rule O11"))
                    .isEqualTo(countsOf(model.stream()
                            .filter(x -> x.message.escalation().equals(id))
                            .toList()));
        }
        List<String> dead = model.stream()
                .filter(x -> x.status.equals("dead"))
                .sorted(Comparator.comparing((Msg x) -> x.message.createdAt())
                        .thenComparing(x -> x.message.id().value()))
                .map(x -> x.message.id().value() + " attempts " + x.attempts)
                .toList();
        assertThat(Kit.all(p -> s.outbox().deadLetters(p), 2, "O9").stream()
                        .map(m -> m.id().value() + " attempts " + m.attempts())
                        .toList())
                .as(broken("O9", "deadLetters differs from the model (" + trail + ")", "rule O5"))
                .containsExactlyElementsOf(dead);
    }

    private static OutboxCounts countsOf(List<Msg> messages) {
        long pending = 0;
        long dead = 0;
        Instant next = null;
        for (Msg x : messages) {
            if (x.status.equals("dead")) {
                dead++;
            } else if (x.status.equals("live")) {
                pending++;
                if (next == null || x.nextAttemptAt.isBefore(next)) {
                    next = x.nextAttemptAt;
                }
            }
        }
        return new OutboxCounts(pending, dead, Optional.ofNullable(next));
    }

    /** The messages a claim must return: each chain from its head while deliverable, oldest first, cut at limit. */
    private static List<Msg> expectedClaim(
            List<Msg> model, Map<EscalationId, String> references, Instant now, int limit) {
        Map<OutboxMessage.ChainKey, List<Msg>> chains = new LinkedHashMap<>();
        for (Msg x : model) {
            if (!x.status.equals("done")) {
                chains.computeIfAbsent(x.message.chain(), k -> new ArrayList<>())
                        .add(x);
            }
        }
        List<Msg> eligible = new ArrayList<>();
        for (List<Msg> chain : chains.values()) {
            for (Msg x : chain) {
                boolean deliverable = x.status.equals("live")
                        && !x.leaseUntil.isAfter(now)
                        && !x.nextAttemptAt.isAfter(now)
                        && (!x.ticketCallNeedingReference() || references.containsKey(x.message.escalation()));
                if (!deliverable) {
                    break;
                }
                eligible.add(x);
            }
        }
        eligible.sort(Comparator.comparingLong(x -> x.seq));
        return eligible.subList(0, Math.min(limit, eligible.size()));
    }

    // ------------------------------------------------------------------------------------------------ O10, O11

    @Test
    void o10_finishAndCountRecordsTheBatchAndCountsWhatIsLeftInOneCall() {
        OutboxMessage m1 = note(esc("a"), "m1", at);
        OutboxMessage m2 = note(esc("b"), "m2", at.plusSeconds(1));
        OutboxMessage m3 = note(esc("c"), "m3", at.plusSeconds(2));
        write(esc("a"), m1);
        write(esc("b"), m2);
        write(esc("c"), m3);
        List<ClaimedMessage> batch = outbox().claim("w", at.plusSeconds(5), LEASE, 10);
        String check = "that finishAndCount records the outcomes exactly as finish does and then counts, after them";
        OutboxCounts left = outbox().finishAndCount(
                        List.of(
                                delivered(claimed(batch, m1)),
                                new DeliveryOutcome.Retry(claimed(batch, m2), at.plusSeconds(30), "busy"),
                                new DeliveryOutcome.DeadLetter(claimed(batch, m3), "PERMANENT", "gone")),
                        at.plusSeconds(6));
        assertThat(left)
                .as(broken(
                        "O10",
                        "finishAndCount did not return the counts after the batch (m2 retrying at +30 s, m3 dead)",
                        check))
                .isEqualTo(new OutboxCounts(1, 1, Optional.of(at.plusSeconds(30))));
        assertThat(outbox().counts())
                .as(broken("O10", "finishAndCount's counts differ from counts() afterwards", check))
                .isEqualTo(left);
    }

    /**
     * O10: finish records every outcome of a batch whose claim still holds, together, and ignores the others (a
     * stale token, a message already finished) without affecting the rest of the batch.
     */
    @Test
    void o10_finishRecordsEveryHoldingOutcomeOfABatch() {
        OutboxMessage m1 = note(esc("a"), "m1", at);
        OutboxMessage m2 = note(esc("b"), "m2", at.plusSeconds(1));
        OutboxMessage m3 = note(esc("c"), "m3", at.plusSeconds(2));
        OutboxMessage m4 = note(esc("d"), "m4", at.plusSeconds(3));
        OutboxMessage m5 = note(esc("e"), "m5", at.plusSeconds(4));
        write(esc("a"), m1);
        write(esc("b"), m2);
        write(esc("c"), m3);
        write(esc("d"), m4);
        write(esc("e"), m5);
        List<ClaimedMessage> batch = outbox().claim("w", at.plusSeconds(5), LEASE, 10);
        assertThat(ids(batch)).containsExactly(ids(m1, m2, m3, m4, m5));
        // m1 is finished before the batch: its outcome in the batch is stale
        assertThat(finish(at.plusSeconds(6), delivered(claimed(batch, m1)))).isEqualTo(1);
        ClaimedMessage forged = new ClaimedMessage(m2, "forged-token-" + run, Optional.empty());
        String check = "that finish applies each outcome whose claim token still holds, in one transaction, and skips "
                + "(does not stop at, does not fail on) outcomes whose claim no longer holds";
        int recorded = finish(
                at.plusSeconds(7),
                delivered(claimed(batch, m1)),
                new DeliveryOutcome.Retry(forged, at.plusSeconds(8), "forged"),
                delivered(claimed(batch, m3)),
                new DeliveryOutcome.Retry(claimed(batch, m4), at.plusSeconds(20), "busy"),
                new DeliveryOutcome.DeadLetter(claimed(batch, m5), "PERMANENT", "gone"));
        assertThat(recorded)
                .as(broken("O10", "finish did not report the 3 holding outcomes of 5 as recorded", check))
                .isEqualTo(3);
        assertThat(outbox().counts())
                .as(broken(
                        "O10",
                        "after the batch the outbox is not: m2 still leased (pending), m4 retrying at +20 s, m5 dead",
                        check))
                .isEqualTo(new OutboxCounts(2, 1, Optional.of(m2.nextAttemptAt())));
        assertThat(ids(outbox().claim("w2", at.plusSeconds(20), LEASE, 10)))
                .as(broken("O10", "the batch's retry is not claimable at its time, or m2's lease was broken", check))
                .containsExactly(m4.id());
        assertThat(Kit.all(p -> outbox().deadLetters(p), 10, "O10"))
                .as(broken("O10", "the batch's dead letter is missing", check))
                .extracting(OutboxMessage::id)
                .containsExactly(m5.id());
        assertThat(finish(at.plusSeconds(21), delivered(claimed(batch, m2))))
                .as(broken("O10", "the real claim of m2 no longer holds after a forged outcome", check))
                .isEqualTo(1);
    }

    /** O10: a released claim no longer holds: a later outcome with it is ignored, and the message is claimable. */
    @Test
    void o10_aReleasedClaimNoLongerHolds() {
        OutboxMessage m = note(esc("a"), "m", at);
        write(esc("a"), m);
        ClaimedMessage c = only(outbox().claim("w", at.plusSeconds(1), LEASE, 10), "O10");
        String check = "that Released clears the claim token, so outcomes of that claim are ignored";
        assertThat(finish(at.plusSeconds(2), new DeliveryOutcome.Released(c)))
                .as(broken("O10", "releasing a holding claim was not recorded", check))
                .isEqualTo(1);
        assertThat(finish(at.plusSeconds(3), delivered(c)))
                .as(broken("O10", "an outcome of a released claim was recorded", check))
                .isZero();
        assertThat(ids(outbox().claim("w2", at.plusSeconds(4), LEASE, 10)))
                .as(broken("O10", "the message was not claimable after its released claim tried to deliver it", check))
                .containsExactly(m.id());
    }

    /**
     * O11: counts and counts per escalation agree with what is pending, dead and next due; replayAll replays an
     * escalation's dead letters (only its own) in one step, and they go out in their chains' original order.
     */
    @Test
    void o11_countsAndReplayAllInChainOrder() {
        Party ina = Records.party(Party.Kind.CONTACT, "ina");
        Party sam = Records.party(Party.Kind.STAFF, "sam");
        EscalationId e = esc("e");
        EscalationId f = esc("f");
        OutboxMessage open = openTicket(e, "open", at);
        write(e, open);
        finish(at, new DeliveryOutcome.Delivered(only(outbox().claim("w", at, LEASE, 10), "O11"), Optional.of("R")));
        OutboxMessage i1 = noteTo(e, "i1", ina, Optional.empty(), at.plusSeconds(1));
        OutboxMessage s1 = noteTo(e, "s1", sam, Optional.empty(), at.plusSeconds(2));
        OutboxMessage t1 = ticket(e, "t1", at.plusSeconds(3));
        OutboxMessage i2 = noteTo(e, "i2", ina, Optional.empty(), at.plusSeconds(4));
        OutboxMessage t2 = ticket(e, "t2", at.plusSeconds(5));
        OutboxMessage s2 = noteTo(e, "s2", sam, Optional.empty(), at.plusSeconds(6));
        OutboxMessage g = note(f, "g", at.plusSeconds(7));
        write(e, i1, s1, t1, i2, t2, s2);
        write(f, g);
        String check = "that counts count messages neither delivered nor dead as pending (leased ones included) and "
                + "give the earliest nextAttemptAt of the pending ones";
        assertThat(outbox().counts())
                .as(broken("O11", "counts() does not count 7 pending messages due at once", check))
                .isEqualTo(new OutboxCounts(7, 0, Optional.of(i1.nextAttemptAt())));
        List<ClaimedMessage> batch = outbox().claim("w", at.plusSeconds(10), LEASE, 10);
        assertThat(ids(batch)).containsExactly(ids(i1, s1, t1, i2, t2, s2, g));
        // the heads of three chains die; the rest of those chains is released; s2 is retried later; g dies
        finish(
                at.plusSeconds(11),
                new DeliveryOutcome.DeadLetter(claimed(batch, i1), "PERMANENT", "x"),
                new DeliveryOutcome.DeadLetter(claimed(batch, s1), "PERMANENT", "x"),
                new DeliveryOutcome.DeadLetter(claimed(batch, t1), "PERMANENT", "x"),
                new DeliveryOutcome.Released(claimed(batch, i2)),
                new DeliveryOutcome.Released(claimed(batch, t2)),
                new DeliveryOutcome.Retry(claimed(batch, s2), at.plusSeconds(500), "later"),
                new DeliveryOutcome.DeadLetter(claimed(batch, g), "PERMANENT", "x"));
        assertThat(outbox().countsOf(e))
                .as(broken("O11", "countsOf(e) is not 3 pending (next at i2's time) and 3 dead", check))
                .isEqualTo(new OutboxCounts(3, 3, Optional.of(i2.nextAttemptAt())));
        assertThat(outbox().countsOf(f))
                .as(broken("O11", "countsOf(f) is not 1 dead", check))
                .isEqualTo(new OutboxCounts(0, 1, Optional.empty()));
        assertThat(outbox().counts())
                .as(broken("O11", "counts() is not the sum of both escalations", check))
                .isEqualTo(new OutboxCounts(3, 4, Optional.of(i2.nextAttemptAt())));
        assertThat(outbox().countsOf(esc("unknown")))
                .as(broken("O11", "countsOf an escalation without messages is not zero", check))
                .isEqualTo(new OutboxCounts(0, 0, Optional.empty()));

        Instant replayAt = at.plusSeconds(600);
        String replayCheck = "that replayAll revives exactly the escalation's dead messages in one transaction, each "
                + "keeping its place in its chain (its createdAt and order), with attempts reset";
        assertThat(outbox().replayAll(e, replayAt))
                .as(broken("O11", "replayAll(e) did not replay e's 3 dead letters", replayCheck))
                .isEqualTo(3);
        assertThat(outbox().countsOf(f))
                .as(broken("O11", "replayAll(e) replayed another escalation's dead letter", replayCheck))
                .isEqualTo(new OutboxCounts(0, 1, Optional.empty()));
        List<ClaimedMessage> replayed = outbox().claim("w", replayAt, LEASE, 10);
        assertThat(ids(replayed))
                .as(broken(
                        "O11",
                        "after replayAll the chains did not go out in their original order (each replayed head before "
                                + "the messages it held back)",
                        replayCheck))
                .containsExactly(ids(i1, s1, t1, i2, t2, s2));
        assertThat(replayed)
                .as(broken("O11", "a replayed message kept its attempts", replayCheck))
                .filteredOn(c ->
                        List.of(i1.id(), s1.id(), t1.id()).contains(c.message().id()))
                .allMatch(c -> c.message().attempts() == 0);
        assertThat(outbox().replayAll(e, replayAt))
                .as(broken("O11", "a second replayAll replayed something", replayCheck))
                .isZero();
    }

    // ------------------------------------------------------------------------------------------------ O12

    /** Parameters of every {@code EntryParam} variant, with an instant at the store's precision. */
    private Map<String, dev.escalation.model.EntryParam> everyParam() {
        return Records.params(
                "text",
                        new dev.escalation.model.EntryParam.Text(
                                Records.AWKWARD_TEXT + " " + Records.SUPPLEMENTARY_TEXT),
                "at", new dev.escalation.model.EntryParam.At(at.plusSeconds(3600)),
                "span", new dev.escalation.model.EntryParam.Span(Duration.ofMinutes(90)),
                "code", new dev.escalation.model.EntryParam.Code("ACTIVE"),
                "ref", new dev.escalation.model.EntryParam.Ref("em-7"),
                "count", new dev.escalation.model.EntryParam.Count(Records.LARGE_COUNT));
    }

    /**
     * O12: a message of every side-effect type (notifications with every parameter variant, texts outside the BMP, a
     * fixed channel, a meeting invitation with its series; every ticket command) comes back from claim, and a dead
     * letter from deadLetters, unchanged, its instants at the declared precision.
     */
    @Test
    void o12_everySideEffectSurvivesTheOutboxUnchanged() {
        EscalationId e = esc("fx");
        CaseId caseId = CaseId.of("case-" + e.value());
        Party ina = new Party(Party.Kind.CONTACT, "ina", "Ina " + Records.SUPPLEMENTARY_TEXT, "ina@example.org");
        Party sam = Records.party(Party.Kind.STAFF, "sam");
        dev.escalation.spi.NotificationRequest text = new dev.escalation.spi.NotificationRequest(
                run + "-text",
                e,
                caseId,
                dev.escalation.model.NotificationKind.PROGRESS_UPDATE,
                Optional.of(DeliveryChannel.SMS),
                ina,
                everyParam(),
                Optional.of(Records.AWKWARD_TEXT + " " + Records.SUPPLEMENTARY_TEXT),
                Optional.empty());
        dev.escalation.spi.MeetingInvite invite = new dev.escalation.spi.MeetingInvite(
                run + "-uid",
                "Lessons learned " + Records.SUPPLEMENTARY_TEXT,
                at.plus(Duration.ofDays(2)),
                Duration.ofMinutes(45),
                sam,
                List.of(ina, sam),
                3,
                dev.escalation.spi.MeetingInvite.Method.REQUEST,
                Optional.of(new dev.escalation.spi.MeetingInvite.Recurrence(
                        Duration.ofDays(7),
                        java.time.ZoneId.of("Europe/Berlin"),
                        Optional.of(at.plus(Duration.ofDays(60))),
                        List.of(at.plus(Duration.ofDays(9))))));
        dev.escalation.spi.NotificationRequest invitation = new dev.escalation.spi.NotificationRequest(
                run + "-invite",
                e,
                caseId,
                dev.escalation.model.NotificationKind.LESSONS_LEARNED_INVITATION,
                Optional.empty(),
                sam,
                everyParam(),
                Optional.empty(),
                Optional.of(invite));
        TicketCommand.Open open = new TicketCommand.Open(
                run + "-open",
                e,
                customer,
                caseId,
                "Subject " + Records.SUPPLEMENTARY_TEXT,
                Records.AWKWARD_TEXT,
                dev.escalation.model.Criticality.CRITICAL);
        OutboxMessage m1 = Records.message(customer, text, at);
        OutboxMessage m2 = Records.message(customer, invitation, at.plusSeconds(1));
        OutboxMessage m3 = Records.message(customer, open, at.plusSeconds(2));
        write(e, m1, m2, m3);
        String check = "the mapping of every SideEffect type and component (texts as UTF-8 with four-byte characters, "
                + "instants at the declared precision " + precision + ", parameters in their order, the invitation "
                + "and its series)";
        List<ClaimedMessage> first = outbox().claim("w1", at.plusSeconds(10), LEASE, 10);
        assertThat(first.stream().map(ClaimedMessage::message).toList())
                .as(broken("O12", "the claimed notifications or ticket open differ from the ones written", check))
                .containsExactly(m1, m2, m3);
        finish(
                at.plusSeconds(10),
                delivered(claimed(first, m1)),
                new DeliveryOutcome.DeadLetter(claimed(first, m2), "PERMANENT", "rejected"),
                new DeliveryOutcome.Delivered(claimed(first, m3), Optional.of("T-" + run)));
        assertThat(outbox().deadLetters(dev.escalation.model.PageRequest.first(10)).items().stream()
                        .map(OutboxMessage::effect)
                        .toList())
                .as(broken("O12", "the dead letter's effect differs from the one written", check))
                .containsExactly(invitation);
        List<SideEffect> calls = List.of(
                new TicketCommand.AddParticipant(run + "-add", e, ina),
                new TicketCommand.RemoveParticipant(run + "-remove", e, sam),
                new TicketCommand.PostUpdate(
                        run + "-post", e, Records.SUPPLEMENTARY_TEXT, dev.escalation.model.Visibility.CUSTOMER),
                new TicketCommand.ChangeStatus(
                        run + "-status",
                        e,
                        dev.escalation.model.TicketStatus.RESOLVED,
                        "resolved " + Records.SUPPLEMENTARY_TEXT));
        List<OutboxMessage> later = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            later.add(Records.message(customer, calls.get(i), at.plusSeconds(20 + i)));
        }
        write(e, later.toArray(OutboxMessage[]::new));
        List<ClaimedMessage> second = outbox().claim("w2", at.plusSeconds(30), LEASE, 10);
        assertThat(second.stream().map(ClaimedMessage::message).toList())
                .as(broken("O12", "the claimed ticket calls differ from the ones written", check))
                .containsExactlyElementsOf(later);
    }

    /**
     * O13: {@code claim} refuses a lease that is not positive and a limit below 1 with
     * {@link IllegalArgumentException}, and leases nothing.
     */
    @Test
    void o13_badLimitsAndLeasesAreRefusedAndClaimNothing() {
        OutboxMessage m = note(esc("a"), "m", at);
        write(esc("a"), m);
        String check = "that claim checks limit >= 1 and lease > 0 before it selects or leases anything";
        Rules.refusesBadLimitsAndLeases("O13", (lease, limit) -> outbox().claim("w", at, lease, limit), LEASE, check);
        assertThat(ids(outbox().claim("w", at, LEASE, 10)))
                .as(broken("O13", "after the refused claims the message could not be claimed (was it leased?)", check))
                .containsExactly(m.id());
    }
}
