package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Outbox and due-work rules on one database, single-threaded. */
abstract class OutboxAndDueWorkTestBase extends StoreTestSupport {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private EscalationRecord escalation(String id) {
        EscalationRecord r = Fixtures.raised("acme", id, "C-" + id, T0);
        store.insert(r, List.of(), List.of());
        return r;
    }

    private static OutboxMessage note(EscalationRecord r, String key, Instant createdAt) {
        return Fixtures.message(r.customer().value(), Fixtures.notification(r.id(), key), createdAt);
    }

    private static OutboxMessage ticket(EscalationRecord r, String key, Instant createdAt) {
        return Fixtures.message(
                r.customer().value(),
                new TicketCommand.PostUpdate(key, r.id(), "text", Visibility.INTERNAL),
                createdAt);
    }

    private void queue(EscalationRecord current, List<OutboxMessage> messages, List<DueItem> due) {
        EscalationRecord stored = store.find(current.id()).orElseThrow();
        store.update(Fixtures.next(stored, stored.state(), "queue"), messages, due);
    }

    // ------------------------------------------------------------------------------------------------ outbox

    @Test
    void claimReturnsOnlyDueMessagesOldestFirst() {
        EscalationRecord a = escalation("E-a");
        EscalationRecord b = escalation("E-b");
        EscalationRecord c = escalation("E-c");
        OutboxMessage later = note(a, "later", T0.plusSeconds(5));
        OutboxMessage earlier = note(b, "earlier", T0.plusSeconds(1));
        OutboxMessage notYet = new OutboxMessage(
                MessageId.of("m-not-yet"),
                c.customer(),
                Fixtures.notification(c.id(), "not-yet"),
                T0,
                T0.plusSeconds(100),
                0,
                Optional.empty());
        queue(a, List.of(later), List.of());
        queue(b, List.of(earlier), List.of());
        queue(c, List.of(notYet), List.of());

        List<ClaimedMessage> claimed = store.outbox().claim("me", T0.plusSeconds(10), MINUTE, 10);

        assertThat(claimed).extracting(ClaimedMessage::message).containsExactly(earlier, later);
        assertThat(store.outbox().claim("me", T0.plusSeconds(99), MINUTE, 10)).isEmpty(); // leased or not due
        assertThat(store.outbox().claim("me", T0.plusSeconds(100), MINUTE, 10))
                .extracting(ClaimedMessage::message)
                .containsExactly(notYet);
        assertThat(store.outbox().claim("me", T0.plusSeconds(100), MINUTE, 1)).isEmpty();
    }

    @Test
    void claimHonoursTheLimit() {
        EscalationRecord r = escalation("E-1");
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            EscalationRecord other = escalation("E-x" + i);
            messages.add(note(other, "k" + i, T0.plusSeconds(i)));
            queue(other, List.of(messages.get(i)), List.of());
        }
        assertThat(store.outbox().claim("me", T0.plusSeconds(10), MINUTE, 2))
                .extracting(ClaimedMessage::message)
                .containsExactly(messages.get(0), messages.get(1));
        assertThat(store.outbox().claim("me", T0.plusSeconds(10), MINUTE, 10)).hasSize(3);
        assertThatThrownBy(() -> store.outbox().claim("me", T0, MINUTE, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(r).isNotNull();
    }

    @Test
    void messagesOfOneEscalationAndTargetAreClaimedOneAfterAnother() {
        EscalationRecord r = escalation("E-1");
        OutboxMessage n1 = note(r, "n1", T0);
        OutboxMessage n2 = note(r, "n2", T0);
        OutboxMessage t1 = ticket(r, "t1", T0);
        OutboxMessage t2 = ticket(r, "t2", T0);
        queue(r, List.of(n1, t1, n2, t2), List.of());
        Outbox outbox = store.outbox();
        Instant now = T0.plusSeconds(1);

        List<ClaimedMessage> first = outbox.claim("me", now, MINUTE, 10);
        assertThat(first).extracting(ClaimedMessage::message).containsExactly(n1, t1);
        // a retried head still blocks its chain
        assertThat(outbox.retryLater(first.get(0), now.plusSeconds(30), "smtp timeout"))
                .isTrue();
        outbox.complete(first.get(1));
        List<ClaimedMessage> second = outbox.claim("me", now, MINUTE, 10);
        assertThat(second).extracting(ClaimedMessage::message).containsExactly(t2);
        // a dead-lettered head no longer blocks
        List<ClaimedMessage> retried = outbox.claim("me", now.plusSeconds(30), MINUTE, 10);
        assertThat(retried).extracting(c -> c.message().id()).containsExactly(n1.id());
        assertThat(outbox.deadLetter(retried.get(0), "rejected")).isTrue();
        assertThat(outbox.claim("me", now.plusSeconds(30), MINUTE, 10))
                .extracting(ClaimedMessage::message)
                .containsExactly(n2);
    }

    @Test
    void retryLaterCountsAnAttemptAndWaitsForTheNextAttempt() {
        EscalationRecord r = escalation("E-1");
        OutboxMessage m = note(r, "k", T0);
        queue(r, List.of(m), List.of());
        ClaimedMessage claimed = store.outbox().claim("me", T0, MINUTE, 1).get(0);

        assertThat(store.outbox().retryLater(claimed, T0.plusSeconds(60), "smtp 451"))
                .isTrue();
        assertThat(store.outbox().retryLater(claimed, T0.plusSeconds(60), "again"))
                .isFalse(); // claim is gone

        assertThat(store.outbox().claim("me", T0.plusSeconds(60).minusNanos(1), MINUTE, 1))
                .isEmpty();
        ClaimedMessage again =
                store.outbox().claim("me", T0.plusSeconds(60), MINUTE, 1).get(0);
        assertThat(again.message().attempts()).isEqualTo(1);
        assertThat(again.message().lastError()).contains("smtp 451");
        assertThat(again.message().nextAttemptAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(again.message().effect()).isEqualTo(m.effect());
        assertThat(again.claimToken()).isNotEqualTo(claimed.claimToken());
        assertThat(store.outbox().deadLetter(claimed, "old claim")).isFalse();
        assertThat(store.outbox().pendingCount()).isEqualTo(1);
    }

    @Test
    void deadLettersAreParkedUntilReplayedWithAttemptsReset() {
        EscalationRecord r = escalation("E-1");
        OutboxMessage m = note(r, "k", T0);
        queue(r, List.of(m), List.of());
        ClaimedMessage claimed = store.outbox().claim("me", T0, MINUTE, 1).get(0);
        assertThat(store.outbox().deadLetter(claimed, "mailbox unknown")).isTrue();

        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(store.outbox().claim("me", T0.plusSeconds(3600), MINUTE, 10)).isEmpty();
        OutboxMessage dead =
                store.outbox().deadLetters(PageRequest.first(10)).items().get(0);
        assertThat(dead.id()).isEqualTo(m.id());
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("mailbox unknown");

        assertThat(store.outbox().replay(m.id(), T0.plusSeconds(100))).isTrue();
        assertThat(store.outbox().replay(m.id(), T0.plusSeconds(100))).isFalse();
        assertThat(store.outbox().deadLetters(PageRequest.first(10)).items()).isEmpty();
        assertThat(store.outbox().claim("me", T0.plusSeconds(99), MINUTE, 1)).isEmpty();
        ClaimedMessage replayed =
                store.outbox().claim("me", T0.plusSeconds(100), MINUTE, 1).get(0);
        assertThat(replayed.message().attempts()).isZero();
        assertThat(store.outbox().replay(MessageId.of("unknown"), T0)).isFalse();
    }

    @Test
    void deadLettersArePagedCompletelyInCreationOrder() {
        List<OutboxMessage> dead = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            EscalationRecord r = escalation("E-" + i);
            OutboxMessage m = note(r, "k" + i, T0.plusSeconds(i % 4));
            queue(r, List.of(m), List.of());
        }
        List<ClaimedMessage> all = store.outbox().claim("me", T0.plusSeconds(10), MINUTE, 100);
        assertThat(all).hasSize(23);
        for (ClaimedMessage c : all) {
            store.outbox().deadLetter(c, "x");
            dead.add(c.message());
        }
        List<OutboxMessage> seen = new ArrayList<>();
        Page<OutboxMessage> page = store.outbox().deadLetters(PageRequest.first(5));
        seen.addAll(page.items());
        while (page.next().isPresent()) {
            page = store.outbox().deadLetters(PageRequest.after(page.next().get(), 5));
            seen.addAll(page.items());
        }
        assertThat(seen)
                .extracting(OutboxMessage::id)
                .containsExactlyElementsOf(dead.stream()
                        .sorted(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()))
                        .map(OutboxMessage::id)
                        .toList());
    }

    @Test
    void aMessageWhoseIdempotencyKeyIsQueuedAlreadyIsNotQueuedAgain() {
        EscalationRecord r = Fixtures.raised("acme", "E-1", "C-1", T0);
        OutboxMessage m = note(r, "same-key", T0);
        OutboxMessage twin =
                new OutboxMessage(MessageId.of("other-id"), r.customer(), m.effect(), T0, T0, 0, Optional.empty());
        store.insert(r, List.of(m, twin), List.of());
        assertThat(store.outbox().pendingCount()).isEqualTo(1);

        ClaimedMessage claimed = store.outbox().claim("me", T0, MINUTE, 10).get(0);
        store.outbox().complete(claimed);
        store.outbox().complete(claimed); // idempotent
        OutboxMessage again =
                new OutboxMessage(MessageId.of("third-id"), r.customer(), m.effect(), T0, T0, 0, Optional.empty());
        queue(r, List.of(again), List.of());
        assertThat(store.outbox().pendingCount()).isZero();
        assertThat(store.outbox().claim("me", T0, MINUTE, 10)).isEmpty();
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNothingBehind() {
        EscalationRecord first = Fixtures.raised("acme", "E-1", "C-1", T0);
        OutboxMessage m = note(first, "k1", T0);
        store.insert(first, List.of(m), List.of());
        EscalationRecord second = Fixtures.raised("acme", "E-2", "C-2", T0);
        // the second message reuses the first's message id with another key: the database refuses it mid-write
        OutboxMessage ok = note(second, "k2", T0);
        OutboxMessage clash = new OutboxMessage(
                m.id(), second.customer(), Fixtures.notification(second.id(), "k3"), T0, T0, 0, Optional.empty());

        assertThatThrownBy(() -> store.insert(
                        second,
                        List.of(ok, clash),
                        List.of(Fixtures.due(second, DueKind.FIRST_CONTACT, "warning", T0))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.findOpen(second.customer(), second.caseId())).isEmpty();
        assertThat(store.outbox().pendingCount()).isEqualTo(1);
        assertThat(store.dueWork().due(T0.plusSeconds(1), 10)).isEmpty();
        store.insert(second, List.of(ok), List.of()); // the case is free: nothing of the failed write remained
    }

    // ---------------------------------------------------------------------------------------------- due work

    @Test
    void dueListsUncompletedItemsDueAtNowOrderedByInstantAndKey() {
        EscalationRecord r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem b = Fixtures.due(r, DueKind.RESOLUTION, "b", T0.plusSeconds(10));
        DueItem a = Fixtures.due(r, DueKind.FIRST_CONTACT, "a", T0.plusSeconds(10));
        DueItem early = Fixtures.due(r, DueKind.NEXT_MEETING, "z", T0.plusSeconds(5));
        DueItem late = Fixtures.due(r, DueKind.NEXT_MEETING, "late", T0.plusSeconds(11));
        store.insert(r, List.of(), List.of(b, a, early, late));

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
        EscalationRecord r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem item = Fixtures.due(r, DueKind.FIRST_CONTACT, "warning", T0);
        store.insert(r, List.of(), List.of(item));

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
        EscalationRecord r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem item = Fixtures.due(r, DueKind.FIRST_CONTACT, "warning", T0);
        store.insert(r, List.of(), List.of(item));
        ClaimedDue claimed = store.dueWork().claim("a", T0, MINUTE, 10).get(0);
        OutboxMessage reminder = note(r, "reminder", T0);
        OutboxMessage duplicate =
                new OutboxMessage(MessageId.of("dup"), r.customer(), reminder.effect(), T0, T0, 0, Optional.empty());

        assertThat(store.dueWork().complete(claimed, List.of(reminder, duplicate)))
                .isTrue();
        assertThat(store.dueWork().complete(claimed, List.of(note(r, "second", T0))))
                .isFalse();
        assertThat(store.outbox().pendingCount()).isEqualTo(1);
        assertThat(store.dueWork().claim("a", T0.plusSeconds(3600), MINUTE, 10)).isEmpty();
        assertThat(store.dueWork().due(T0.plusSeconds(3600), 10)).isEmpty();
    }

    @Test
    void updateReplacesPendingItemsButNeverRequeuesACompletedKey() {
        EscalationRecord r = Fixtures.raised("acme", "E-1", "C-1", T0);
        DueItem a = Fixtures.due(r, DueKind.FIRST_CONTACT, "a", T0.plusSeconds(1));
        DueItem b = Fixtures.due(r, DueKind.FIRST_CONTACT, "b", T0.plusSeconds(2));
        DueItem c = Fixtures.due(r, DueKind.RESOLUTION, "c", T0.plusSeconds(3));
        DueItem leased = Fixtures.due(r, DueKind.NEXT_MEETING, "leased", T0);
        EscalationRecord other = Fixtures.raised("acme", "E-2", "C-2", T0);
        DueItem foreign = Fixtures.due(other, DueKind.FIRST_CONTACT, "x", T0.plusSeconds(1));
        store.insert(r, List.of(), List.of(a, b, leased));
        store.insert(other, List.of(), List.of(foreign));
        ClaimedDue held = store.dueWork().claim("worker", T0, MINUTE, 1).get(0);
        assertThat(held.item()).isEqualTo(leased);

        EscalationRecord v2 = Fixtures.next(r, EscalationState.ACKNOWLEDGED, "ack");
        store.update(v2, List.of(), List.of(b, c));
        // a is gone, b kept, c added; the leased item stays with its claimant; other escalations are untouched
        assertThat(store.dueWork().due(T0.plusSeconds(10), 10)).containsExactly(leased, foreign, b, c);

        ClaimedDue cClaim = store.dueWork().claim("w", T0.plusSeconds(10), MINUTE, 10).stream()
                .filter(x -> x.item().equals(c))
                .findFirst()
                .orElseThrow();
        assertThat(store.dueWork().complete(cClaim, List.of())).isTrue();
        store.update(Fixtures.next(v2, EscalationState.ACTIVE, "plan"), List.of(), List.of(b, c));
        assertThat(store.dueWork().due(T0.plusSeconds(10), 10))
                .doesNotContain(c)
                .contains(b);
        assertThat(store.dueWork().complete(held, List.of())).isTrue();
        assertThat(CustomerId.of("acme")).isEqualTo(r.customer());
    }
}
