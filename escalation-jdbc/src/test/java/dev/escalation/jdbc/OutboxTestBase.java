package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.DueKind;
import dev.escalation.model.MessageId;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Outbox behaviour of this store beyond the contract kit's rules (which {@code *OutboxContractTest} and
 * {@code *DueWorkContractTest} run): chain order by write order when clocks disagree, the de-duplication window's
 * exact boundary (the kit accepts both answers after W), and a write the database refuses halfway. Chains under the
 * claim's limit, fixed channels and ticket calls behind a dead letter are rule O6 of the kit.
 */
abstract class OutboxTestBase extends StoreTestSupport {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private StoredEscalation escalation(String id) {
        StoredEscalation r = Fixtures.raised("acme", id, "C-" + id, T0);
        store.create(Fixtures.creation(r));
        return r;
    }

    private static OutboxMessage note(StoredEscalation r, String key, Instant createdAt) {
        return Fixtures.message(r.customer().value(), Fixtures.notification(r.id(), key), createdAt);
    }

    private static OutboxMessage noteTo(StoredEscalation r, String key, String recipient, Instant createdAt) {
        return Fixtures.message(
                r.customer().value(), Fixtures.notification(r.id(), key, Fixtures.contact(recipient)), createdAt);
    }

    /** Writes a new version of {@code r} that queues {@code messages} and makes {@code due} its due items. */
    private void queue(StoredEscalation r, List<OutboxMessage> messages, List<DueItem> due) {
        store.changeForVendor(r.id(), current -> {
            return UnitOfWork.Decision.write(
                    Records.change(current).messages(messages).due(due).build(), 0);
        });
    }

    private void queue(StoredEscalation r, OutboxMessage... messages) {
        queue(r, List.of(messages), List.of());
    }

    private static List<OutboxMessage> messages(List<ClaimedMessage> claimed) {
        return claimed.stream().map(ClaimedMessage::message).toList();
    }

    private int deliverAll(List<ClaimedMessage> claimed, Instant now) {
        return store.outbox()
                .finish(
                        claimed.stream()
                                .map(c -> (DeliveryOutcome) new DeliveryOutcome.Delivered(c, Optional.empty()))
                                .toList(),
                        now);
    }

    // ------------------------------------------------------------------------------------------ claim

    @Test
    void aMessageWhoseOlderChainMemberIsCreatedLaterWaitsForIt() {
        StoredEscalation r = escalation("E-1");
        // written first but stamped later (clock skew between instances): the younger one must not overtake it
        OutboxMessage older = note(r, "older", T0.plusSeconds(5));
        OutboxMessage younger = note(r, "younger", T0);
        queue(r, older, younger);

        assertThat(store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 10)).isEmpty();
        olderThenYounger(older, younger);
    }

    /** At {@code T0 + 5 s} the claims give {@code older} alone and, once it is delivered, {@code younger}. */
    private void olderThenYounger(OutboxMessage older, OutboxMessage younger) {
        List<ClaimedMessage> batch = store.outbox().claim("me", T0.plusSeconds(5), MINUTE, 10);
        assertThat(messages(batch)).containsExactly(older);
        deliverAll(batch, T0.plusSeconds(5));
        assertThat(messages(store.outbox().claim("me", T0.plusSeconds(5), MINUTE, 10)))
                .containsExactly(younger);
    }

    /**
     * A recipient id too long for the chain column (1,000 characters) is stored as its SHA-256: the chain still holds
     * exactly that recipient's messages. A second recipient whose id shares the first 1,500 characters is a chain of
     * its own, so it is not held back by the first one's older message.
     */
    @Test
    void aRecipientIdTooLongForTheChainColumnKeepsAChainOfItsOwn() {
        StoredEscalation r = escalation("E-long");
        String prefix = "r".repeat(1_500);
        OutboxMessage older = noteTo(r, "older", prefix + "-a", T0.plusSeconds(5));
        OutboxMessage younger = noteTo(r, "younger", prefix + "-a", T0);
        OutboxMessage other = noteTo(r, "other", prefix + "-b", T0);
        queue(r, older, younger, other);

        List<ClaimedMessage> batch = store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 10);
        assertThat(messages(batch)).containsExactly(other);
        deliverAll(batch, T0.plusSeconds(1));
        olderThenYounger(older, younger);
    }

    /**
     * A claim of the outbox or of due work without a claimant, or with one longer than the claim columns hold
     * ({@link Db#CLAIMANT_MAX}), is refused before the database is asked, and leases nothing: a message queued before
     * is claimed afterwards. (A bad lease or limit is the kit's rules O13 and D9, which this store's contract tests
     * run.)
     */
    @Test
    void aClaimWithoutAClaimantOrWithOneTooLongIsRefusedAndLeasesNothing() {
        StoredEscalation r = escalation("E-args");
        OutboxMessage m = note(r, "m", T0);
        queue(r, m);
        String tooLong = "w".repeat(Db.CLAIMANT_MAX + 1);
        assertThatThrownBy(() -> store.outbox().claim(tooLong, T0, MINUTE, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claimant");
        assertThatThrownBy(() -> store.dueWork().claim(tooLong, T0, MINUTE, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("claimant");
        assertThatThrownBy(() -> store.outbox().claim(null, T0, MINUTE, 10)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.outbox().claim("me", null, MINUTE, 10)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> store.outbox().claim("me", T0, null, 10)).isInstanceOf(NullPointerException.class);

        String longest = "w".repeat(Db.CLAIMANT_MAX - 1) + "\u00e9"; // 200 characters, 201 bytes in UTF-8
        assertThat(messages(store.outbox().claim(longest, T0, MINUTE, 10))).containsExactly(m);
    }

    // ------------------------------------------------------------------------------------------ finish

    @Test
    void oneFinishRecordsTheMessagesOfSeveralClaimsAndEachMessageOnce() {
        StoredEscalation a = escalation("E-1");
        StoredEscalation b = escalation("E-2");
        queue(a, note(a, "a1", T0), noteTo(a, "a2", "x", T0));
        queue(b, note(b, "b1", T0));
        List<ClaimedMessage> first = store.outbox().claim("one", T0, MINUTE, 2);
        List<ClaimedMessage> second = store.outbox().claim("two", T0, MINUTE, 10);
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(first.get(0).claimToken()).isNotEqualTo(second.get(0).claimToken());

        List<DeliveryOutcome> outcomes = new java.util.ArrayList<>();
        for (ClaimedMessage c : first) {
            outcomes.add(new DeliveryOutcome.Delivered(c, Optional.empty()));
        }
        outcomes.add(new DeliveryOutcome.Delivered(second.get(0), Optional.empty()));
        outcomes.add(new DeliveryOutcome.Delivered(first.get(0), Optional.empty())); // listed twice: recorded once
        assertThat(store.outbox().finish(outcomes, T0)).isEqualTo(3);
        assertThat(store.outbox().counts().pending()).isZero();
        assertThat(deliverAll(first, T0)).as("finished already").isZero();
    }

    // ------------------------------------------------------------------------------------------ de-duplication

    @Test
    void aKeyThatIsPendingDeadOrDeliveredWithinTheWindowIsNotQueuedAgainButIsAfterwards() {
        StoredEscalation r = escalation("E-1");
        OutboxMessage m = note(r, "k", T0);
        queue(r, m);
        OutboxMessage again = new OutboxMessage(
                MessageId.of("again"), r.customer(), m.effect(), T0.plusSeconds(1), T0, 0, Optional.empty());
        queue(r, again);
        assertThat(store.outbox().counts().pending()).isEqualTo(1); // pending: skipped

        List<ClaimedMessage> c = store.outbox().claim("me", T0, MINUTE, 10);
        assertThat(messages(c)).containsExactly(m);
        deliverAll(c, T0.plusSeconds(10));
        Instant justInside = T0.plusSeconds(10).plus(Duration.ofDays(7)).minusNanos(1);
        queue(
                r,
                new OutboxMessage(
                        MessageId.of("inside"), r.customer(), m.effect(), justInside, justInside, 0, Optional.empty()));
        assertThat(store.outbox().counts().pending()).isZero(); // delivered less than W ago: skipped

        OutboxMessage doomed = noteTo(r, "doomed", "d", T0);
        queue(r, doomed);
        List<ClaimedMessage> d = store.outbox().claim("me", T0, MINUTE, 10);
        store.outbox().finish(List.of(new DeliveryOutcome.DeadLetter(d.get(0), "PERMANENT", "x")), T0);
        queue(
                r,
                new OutboxMessage(
                        MessageId.of("doomed-again"),
                        r.customer(),
                        doomed.effect(),
                        outsideOf(T0),
                        T0,
                        0,
                        Optional.empty()));
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(0, 1, Optional.empty())); // dead: skipped

        Instant outside = T0.plusSeconds(10).plus(Duration.ofDays(7));
        OutboxMessage late = new OutboxMessage(
                MessageId.of("outside"), r.customer(), m.effect(), outside, outside, 0, Optional.empty());
        queue(r, late);
        assertThat(messages(store.outbox().claim("me", outside, MINUTE, 10))).containsExactly(late);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingBehind() {
        StoredEscalation first = Fixtures.raised("acme", "E-1", "C-1", T0);
        OutboxMessage m = note(first, "k1", T0);
        store.create(Fixtures.creation(first, List.of(m), List.of()));
        StoredEscalation second = Fixtures.raised("acme", "E-2", "C-2", T0);
        // the second message reuses the first's message id with another key: the database refuses it mid-write
        OutboxMessage ok = note(second, "k2", T0);
        OutboxMessage clash = new OutboxMessage(
                m.id(), second.customer(), Fixtures.notification(second.id(), "k3"), T0, T0, 0, Optional.empty());

        assertThatThrownBy(() -> store.create(Fixtures.creation(
                        second,
                        List.of(ok, clash),
                        List.of(Fixtures.due(second, DueKind.FIRST_CONTACT, "warning", T0)))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findForVendor(second.id())).isEmpty();
        assertThat(store.findOpenForCustomer(second.customer(), second.caseId()))
                .isEmpty();
        assertThat(store.outbox().counts().pending()).isEqualTo(1);
        assertThat(store.dueWork().due(T0.plusSeconds(1), 10)).isEmpty();
        assertThat(store.changesSince("", 10).changes()).hasSize(1);
        store.create(Fixtures.creation(second, List.of(ok), List.of())); // nothing of the failed write remained
    }

    private static Instant outsideOf(Instant at) {
        return at.plus(Duration.ofDays(30));
    }
}
