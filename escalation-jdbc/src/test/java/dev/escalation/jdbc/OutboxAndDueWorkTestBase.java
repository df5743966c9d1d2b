package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outbox and due-work rules on one database, single-threaded. */
abstract class OutboxAndDueWorkTestBase extends StoreTestSupport {
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

    private static OutboxMessage ticket(StoredEscalation r, String key, Instant createdAt) {
        return Fixtures.message(
                r.customer().value(),
                new TicketCommand.PostUpdate(key, r.id(), "text", Visibility.INTERNAL),
                createdAt);
    }

    private static OutboxMessage open(StoredEscalation r, String key, Instant createdAt) {
        return Fixtures.message(
                r.customer().value(),
                new TicketCommand.Open(key, r.id(), r.customer(), r.caseId(), "s", "d", r.criticality()),
                createdAt);
    }

    /** Writes a new version of {@code r} that queues {@code messages} and makes {@code due} its due items. */
    private void queue(StoredEscalation r, List<OutboxMessage> messages, List<DueItem> due) {
        store.changeForVendor(r.id(), current -> {
            StoredEscalation next = Fixtures.nextVersion(current, current.state(), 0);
            return UnitOfWork.Decision.write(new EscalationWrite(next, List.of(), messages, due), 0);
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
    void claimReturnsOnlyDueMessagesOrderedByCreationAndHonoursTheLimit() {
        StoredEscalation a = escalation("E-a");
        StoredEscalation b = escalation("E-b");
        OutboxMessage later = note(a, "later", T0.plusSeconds(2));
        OutboxMessage first = note(b, "first", T0.plusSeconds(1));
        OutboxMessage future = noteTo(a, "future", "x", T0.plusSeconds(100));
        queue(a, later, future);
        queue(b, first);

        assertThat(messages(store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 10)))
                .containsExactly(first);
        assertThat(messages(store.outbox().claim("me", T0.plusSeconds(10), MINUTE, 10)))
                .containsExactly(later);
        assertThat(store.outbox().claim("me", T0.plusSeconds(100), MINUTE, 1)).hasSize(1);
        assertThatThrownBy(() -> store.outbox().claim("me", T0, MINUTE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.outbox().claim("me", T0, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneClaimTakesSeveralMessagesOfAChainInOrderAndAFailingRecipientHoldsBackOnlyItsChain() {
        StoredEscalation r = escalation("E-1");
        OutboxMessage ina1 = noteTo(r, "ina-1", "ina", T0);
        OutboxMessage bob1 = noteTo(r, "bob-1", "bob", T0);
        OutboxMessage ina2 = noteTo(r, "ina-2", "ina", T0.plusNanos(1));
        OutboxMessage bob2 = noteTo(r, "bob-2", "bob", T0.plusNanos(1));
        OutboxMessage ina3 = noteTo(r, "ina-3", "ina", T0.plusNanos(2));
        queue(r, ina1, bob1, ina2, bob2, ina3);

        List<ClaimedMessage> batch = store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 100);
        assertThat(messages(batch)).containsExactly(ina1, bob1, ina2, bob2, ina3);
        // ina fails first: the dispatcher releases the rest of her chain; bob's chain is delivered
        List<DeliveryOutcome> outcomes = List.of(
                new DeliveryOutcome.Retry(batch.get(0), T0.plusSeconds(60), "smtp down"),
                new DeliveryOutcome.Delivered(batch.get(1), Optional.empty()),
                new DeliveryOutcome.Released(batch.get(2)),
                new DeliveryOutcome.Delivered(batch.get(3), Optional.empty()),
                new DeliveryOutcome.Released(batch.get(4)));
        assertThat(store.outbox().finish(outcomes, T0.plusSeconds(1))).isEqualTo(5);

        // her later messages wait behind the retry, even though they are due
        assertThat(store.outbox().claim("me", T0.plusSeconds(30), MINUTE, 100)).isEmpty();
        List<ClaimedMessage> retried = store.outbox().claim("me", T0.plusSeconds(60), MINUTE, 100);
        assertThat(messages(retried))
                .extracting(OutboxMessage::idempotencyKey)
                .containsExactly("ina-1", "ina-2", "ina-3");
        assertThat(retried.get(0).message().attempts()).isEqualTo(1);
        assertThat(retried.get(0).message().lastError()).contains("smtp down");
        assertThat(retried.get(1).message().attempts()).isZero(); // released: no attempt counted
    }

    @Test
    void aChainIsClaimedOnlyAsAPrefixUpToTheLimit() {
        StoredEscalation r = escalation("E-1");
        List<OutboxMessage> chain = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            chain.add(note(r, "k" + i, T0.plusNanos(i)));
        }
        queue(r, chain, List.of());

        List<ClaimedMessage> first = store.outbox().claim("a", T0.plusSeconds(1), MINUTE, 2);
        assertThat(messages(first)).containsExactlyElementsOf(chain.subList(0, 2));
        // the rest of the chain waits while its head is leased to another claim
        assertThat(store.outbox().claim("b", T0.plusSeconds(1), MINUTE, 10)).isEmpty();
        deliverAll(first, T0.plusSeconds(1));
        assertThat(messages(store.outbox().claim("b", T0.plusSeconds(1), MINUTE, 10)))
                .containsExactlyElementsOf(chain.subList(2, 5));
    }

    @Test
    void aMessageWhoseOlderChainMemberIsCreatedLaterWaitsForIt() {
        StoredEscalation r = escalation("E-1");
        // written first but stamped later (clock skew between instances): the younger one must not overtake it
        OutboxMessage older = note(r, "older", T0.plusSeconds(5));
        OutboxMessage younger = note(r, "younger", T0);
        queue(r, older, younger);

        assertThat(store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 10)).isEmpty();
        List<ClaimedMessage> batch = store.outbox().claim("me", T0.plusSeconds(5), MINUTE, 10);
        assertThat(messages(batch)).containsExactly(older);
        deliverAll(batch, T0.plusSeconds(5));
        assertThat(messages(store.outbox().claim("me", T0.plusSeconds(5), MINUTE, 10)))
                .containsExactly(younger);
    }

    @Test
    void aFixedChannelIsAChainOfItsOwn() {
        StoredEscalation r = escalation("E-1");
        NotificationRequest preferred = Fixtures.notification(r.id(), "preferred", Fixtures.contact("ina"));
        NotificationRequest sms = new NotificationRequest(
                "sms",
                r.id(),
                preferred.caseId(),
                preferred.kind(),
                Optional.of(DeliveryChannel.SMS),
                preferred.recipient(),
                preferred.params(),
                preferred.text(),
                Optional.empty());
        OutboxMessage p = Fixtures.message("acme", preferred, T0);
        OutboxMessage s = Fixtures.message("acme", sms, T0.plusNanos(1));
        queue(r, p, s);

        List<ClaimedMessage> batch = store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 10);
        store.outbox()
                .finish(
                        List.of(
                                new DeliveryOutcome.Retry(batch.get(0), T0.plusSeconds(600), "down"),
                                new DeliveryOutcome.Delivered(batch.get(1), Optional.empty())),
                        T0.plusSeconds(1));
        assertThat(store.outbox().counts().pending()).isEqualTo(1);
    }

    @Test
    void ticketCallsWaitForTheReferenceWhichTheClaimCarriesAndBehindADeadLetter() {
        StoredEscalation r = escalation("E-1");
        OutboxMessage open = open(r, "open", T0);
        OutboxMessage update1 = ticket(r, "u1", T0.plusNanos(1));
        OutboxMessage update2 = ticket(r, "u2", T0.plusNanos(2));
        OutboxMessage notice = note(r, "n", T0.plusNanos(3));
        queue(r, open, update1, update2, notice);

        List<ClaimedMessage> first = store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 100);
        // the updates need the reference that only the delivered open gives; the notification is another chain
        assertThat(messages(first)).containsExactly(open, notice);
        assertThat(first.get(0).ticketReference()).isEmpty();
        assertThat(store.outbox()
                        .finish(
                                List.of(
                                        new DeliveryOutcome.Delivered(first.get(0), Optional.of("T-42")),
                                        new DeliveryOutcome.Delivered(first.get(1), Optional.empty())),
                                T0.plusSeconds(1)))
                .isEqualTo(2);

        List<ClaimedMessage> second = store.outbox().claim("me", T0.plusSeconds(1), MINUTE, 100);
        assertThat(messages(second)).containsExactly(update1, update2);
        assertThat(second).allSatisfy(c -> assertThat(c.ticketReference()).contains("T-42"));
        store.outbox()
                .finish(
                        List.of(
                                new DeliveryOutcome.DeadLetter(second.get(0), "PERMANENT", "rejected"),
                                new DeliveryOutcome.Released(second.get(1))),
                        T0.plusSeconds(1));
        // a dead-lettered ticket call holds back the later ones until it is replayed and delivered
        assertThat(store.outbox().claim("me", T0.plusSeconds(2), MINUTE, 100)).isEmpty();
        Page<OutboxMessage> parked = store.outbox().deadLetters(PageRequest.first(10));
        assertThat(parked.items()).extracting(OutboxMessage::deadCode).containsExactly(Optional.of("PERMANENT"));
        assertThat(store.outbox().replay(update1.id(), T0.plusSeconds(3))).isTrue();
        List<ClaimedMessage> replayed = store.outbox().claim("me", T0.plusSeconds(3), MINUTE, 100);
        assertThat(messages(replayed)).extracting(OutboxMessage::idempotencyKey).containsExactly("u1", "u2");
        assertThat(replayed.get(0).message().deadCode()).isEmpty();
        assertThat(replayed.get(0).message().nextAttemptAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aClaimedMessageIsNotClaimedAgainWhileItsLeaseHoldsAndStaleFinishesAreIgnored() {
        StoredEscalation r = escalation("E-1");
        queue(r, note(r, "k", T0));

        List<ClaimedMessage> a = store.outbox().claim("a", T0, MINUTE, 10);
        assertThat(a).hasSize(1);
        assertThat(store.outbox().claim("b", T0, MINUTE, 10)).isEmpty();
        store.outbox().finish(List.of(new DeliveryOutcome.Released(a.get(0))), T0);
        List<ClaimedMessage> b = store.outbox().claim("b", T0, MINUTE, 10);
        assertThat(b).hasSize(1);
        // a's claim was released: its outcomes no longer count
        assertThat(store.outbox().finish(List.of(new DeliveryOutcome.Delivered(a.get(0), Optional.empty())), T0))
                .isZero();
        assertThat(store.outbox().counts().pending()).isEqualTo(1);
        assertThat(deliverAll(b, T0)).isEqualTo(1);
        assertThat(store.outbox().counts().pending()).isZero();
    }

    @Test
    void finishRecordsEveryOutcomeOfABatchInOneTransaction() {
        StoredEscalation r = escalation("E-1");
        OutboxMessage ok = noteTo(r, "ok", "a", T0);
        OutboxMessage retry = noteTo(r, "retry", "b", T0);
        OutboxMessage dead = noteTo(r, "dead", "c", T0);
        OutboxMessage released = noteTo(r, "released", "d", T0);
        queue(r, ok, retry, dead, released);
        List<ClaimedMessage> batch = store.outbox().claim("me", T0, MINUTE, 10);

        int recorded = store.outbox()
                .finish(
                        List.of(
                                new DeliveryOutcome.Delivered(batch.get(0), Optional.empty()),
                                new DeliveryOutcome.Retry(batch.get(1), T0.plusSeconds(60), "later"),
                                new DeliveryOutcome.DeadLetter(batch.get(2), "NO_CHANNEL", "no channel"),
                                new DeliveryOutcome.Released(batch.get(3))),
                        T0);

        assertThat(recorded).isEqualTo(4);
        assertThat(store.outbox().counts()).isEqualTo(new OutboxCounts(2, 1, Optional.of(T0)));
        assertThat(store.outbox().countsOf(r.id())).isEqualTo(new OutboxCounts(2, 1, Optional.of(T0)));
        assertThat(store.outbox().countsOf(escalation("E-2").id())).isEqualTo(new OutboxCounts(0, 0, Optional.empty()));
        Page<OutboxMessage> dead1 = store.outbox().deadLetters(PageRequest.first(10));
        assertThat(dead1.items()).hasSize(1);
        assertThat(dead1.items().get(0).idempotencyKey()).isEqualTo("dead");
        assertThat(dead1.items().get(0).attempts()).isEqualTo(1);
        assertThat(messages(store.outbox().claim("me", T0, MINUTE, 10)))
                .extracting(OutboxMessage::idempotencyKey)
                .containsExactly("released");
        assertThat(store.outbox().finish(List.of(), T0)).isZero();
    }

    @Test
    void deadLettersArePagedCompletelyInCreationOrderAndReplayedPerEscalationInChainOrder() {
        StoredEscalation r = escalation("E-1");
        List<OutboxMessage> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(noteTo(r, "k" + i, "p" + (i % 3), T0.plusSeconds(i)));
        }
        queue(r, all, List.of());
        List<ClaimedMessage> claimed = store.outbox().claim("me", T0.plusSeconds(10), MINUTE, 100);
        assertThat(claimed).hasSize(7);
        store.outbox()
                .finish(
                        claimed.stream()
                                .map(c -> (DeliveryOutcome) new DeliveryOutcome.DeadLetter(c, "PERMANENT", "x"))
                                .toList(),
                        T0.plusSeconds(10));

        List<String> paged = new ArrayList<>();
        Page<OutboxMessage> page = store.outbox().deadLetters(PageRequest.first(3));
        while (true) {
            page.items().forEach(m -> paged.add(m.idempotencyKey()));
            if (page.next().isEmpty()) {
                break;
            }
            page = store.outbox().deadLetters(PageRequest.after(page.next().get(), 3));
        }
        assertThat(paged).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6");
        assertThat(store.outbox().counts().dead()).isEqualTo(7);

        assertThat(store.outbox().replayAll(r.id(), T0.plusSeconds(20))).isEqualTo(7);
        assertThat(store.outbox().replayAll(r.id(), T0.plusSeconds(20))).isZero();
        List<ClaimedMessage> again = store.outbox().claim("me", T0.plusSeconds(20), MINUTE, 100);
        assertThat(messages(again))
                .extracting(OutboxMessage::idempotencyKey)
                .containsExactlyElementsOf(
                        all.stream().map(OutboxMessage::idempotencyKey).toList());
        assertThat(again).allSatisfy(c -> assertThat(c.message().attempts()).isZero());
        assertThat(store.outbox().replay(MessageId.of("m-k0"), T0)).isFalse(); // not dead any more
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

    // ------------------------------------------------------------------------------------------ due work

    @Test
    void dueListsUncompletedItemsDueAtNowOrderedByInstantAndKey() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem b = Fixtures.due(r, DueKind.RESOLUTION, "b", T0.plusSeconds(10));
        DueItem a = Fixtures.due(r, DueKind.FIRST_CONTACT, "a", T0.plusSeconds(10));
        DueItem early = Fixtures.due(r, DueKind.NEXT_MEETING, "z", T0.plusSeconds(5));
        DueItem late = Fixtures.due(r, DueKind.NEXT_MEETING, "late", T0.plusSeconds(11));
        store.create(Fixtures.creation(r, List.of(), List.of(b, a, early, late)));

        assertThat(store.dueWork().due(T0.plusSeconds(10), 10)).containsExactly(early, a, b);
        assertThat(store.dueWork().due(T0.plusSeconds(10), 2)).containsExactly(early, a);
        ClaimedDue claimed =
                store.dueWork().claim("me", T0.plusSeconds(10), MINUTE, 1).get(0);
        assertThat(claimed.item()).isEqualTo(early);
        assertThat(store.dueWork().due(T0.plusSeconds(10), 10)).containsExactly(early, a, b); // claimed included
        assertThat(store.dueWork().complete(claimed, List.of())).isTrue();
        assertThat(store.dueWork().due(T0.plusSeconds(10), 10)).containsExactly(a, b);
    }

    @Test
    void aClaimedItemIsNotClaimedAgainUntilReleased() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem item = Fixtures.due(r, DueKind.FIRST_CONTACT, "warning", T0);
        store.create(Fixtures.creation(r, List.of(), List.of(item)));

        ClaimedDue claimed = store.dueWork().claim("a", T0, MINUTE, 10).get(0);
        assertThat(store.dueWork().claim("b", T0, MINUTE, 10)).isEmpty();
        store.dueWork().release(claimed);
        ClaimedDue again = store.dueWork().claim("b", T0, MINUTE, 10).get(0);
        assertThat(again.item()).isEqualTo(item);
        store.dueWork().release(claimed); // the old claim no longer releases anything
        assertThat(store.dueWork().claim("c", T0, MINUTE, 10)).isEmpty();
        assertThat(store.dueWork().complete(claimed, List.of())).isFalse();
        assertThat(store.dueWork().complete(again, List.of())).isTrue();
    }

    @Test
    void completingQueuesFollowUpsOnceAndOnlyWhileTheClaimHolds() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem item = Fixtures.due(r, DueKind.FIRST_CONTACT, "warning", T0);
        store.create(Fixtures.creation(r, List.of(), List.of(item)));
        ClaimedDue claimed = store.dueWork().claim("a", T0, MINUTE, 10).get(0);
        OutboxMessage reminder = note(r, "reminder", T0);
        OutboxMessage duplicate =
                new OutboxMessage(MessageId.of("dup"), r.customer(), reminder.effect(), T0, T0, 0, Optional.empty());

        assertThat(store.dueWork().complete(claimed, List.of(reminder, duplicate)))
                .isTrue();
        assertThat(store.dueWork().complete(claimed, List.of(note(r, "second", T0))))
                .isFalse();
        assertThat(store.outbox().counts().pending()).isEqualTo(1);
        assertThat(store.dueWork().claim("a", T0.plusSeconds(3600), MINUTE, 10)).isEmpty();
        assertThat(store.dueWork().due(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void aChangeReplacesPendingItemsButNeverRequeuesACompletedKey() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem a = Fixtures.due(r, DueKind.FIRST_CONTACT, "a", T0.plusSeconds(1));
        DueItem b = Fixtures.due(r, DueKind.FIRST_CONTACT, "b", T0.plusSeconds(2));
        DueItem c = Fixtures.due(r, DueKind.RESOLUTION, "c", T0.plusSeconds(3));
        DueItem leased = Fixtures.due(r, DueKind.NEXT_MEETING, "leased", T0);
        StoredEscalation other = Fixtures.raised("acme", "E-2", "C-2", T0);
        DueItem foreign = Fixtures.due(other, DueKind.FIRST_CONTACT, "x", T0.plusSeconds(1));
        store.create(Fixtures.creation(r, List.of(), List.of(a, b, leased)));
        store.create(Fixtures.creation(other, List.of(), List.of(foreign)));
        ClaimedDue held = store.dueWork().claim("worker", T0, MINUTE, 1).get(0);
        assertThat(held.item()).isEqualTo(leased);

        store.changeForVendor(r.id(), Fixtures.advance(EscalationState.ACKNOWLEDGED, "ack", List.of(), List.of(b, c)));
        // a is gone, b kept, c added; the leased item stays with its claimant; other escalations are untouched
        assertThat(store.dueWork().due(T0.plusSeconds(10), 10)).containsExactly(leased, foreign, b, c);

        ClaimedDue cClaim = store.dueWork().claim("w", T0.plusSeconds(10), MINUTE, 10).stream()
                .filter(x -> x.item().equals(c))
                .findFirst()
                .orElseThrow();
        assertThat(store.dueWork().complete(cClaim, List.of())).isTrue();
        store.changeForVendor(r.id(), Fixtures.advance(EscalationState.ACTIVE, "plan", List.of(), List.of(b, c)));
        assertThat(store.dueWork().due(T0.plusSeconds(10), 10))
                .doesNotContain(c)
                .contains(b);
        assertThat(store.dueWork().complete(held, List.of())).isTrue();
    }
}
