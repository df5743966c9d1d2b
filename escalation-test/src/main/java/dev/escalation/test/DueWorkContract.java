package dev.escalation.test;

import static dev.escalation.test.Rules.broken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.Capability;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of the {@link DueWork} facet of an {@link EscalationStore}: rules D1 to D9 of {@code RULES.md}.
 *
 * <p>Due items enter through store writes ({@link dev.escalation.spi.EscalationWrite#due()} is the escalation's
 * complete set of pending items), so the factory returns the store. The store must start empty. Lease expiry (D2b)
 * is checked unless the store declares {@link Capability#LEASES_IN_BACKEND_TIME}.
 */
public abstract class DueWorkContract {

    private static final Instant AT = Records.T0;
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final String run = Kit.run("d");
    private final CustomerId customer = CustomerId.of(run + "-acme");
    private final CustomerId other = CustomerId.of(run + "-globex");
    private EscalationStore store;
    private final Set<EscalationId> written = new HashSet<>();

    /** Creates the contract. */
    protected DueWorkContract() {}

    /**
     * Creates the store whose due work is under test: empty. Called once per test.
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
     * How many threads claim at once in rule D8.
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
    }

    @AfterEach
    final void disposeStoreUnderTest() {
        if (store != null) {
            disposeStore(store);
        }
    }

    private DueWork due() {
        return store.dueWork();
    }

    private EscalationId esc(String name) {
        return EscalationId.of(run + "-" + name);
    }

    private DueItem item(EscalationId e, DueKind kind, String step, Instant at) {
        return Records.dueItem(e, customer, kind, step, at);
    }

    /**
     * Writes the escalation with its complete set of due items (a create first, changes afterwards); the escalation is
     * of its items' customer.
     */
    private void write(EscalationId id, List<OutboxMessage> messages, DueItem... items) {
        if (written.add(id)) {
            CustomerId of = items.length > 0 ? items[0].customer() : customer;
            store.create(Records.creation(Records.escalation(id, of, CaseId.of("case-" + id.value()))
                            .build())
                    .messages(messages)
                    .due(items)
                    .build());
        } else {
            Kit.change(
                    store,
                    id,
                    cur -> Records.change(cur).messages(messages).due(items).build());
        }
    }

    private void write(EscalationId id, DueItem... items) {
        write(id, List.of(), items);
    }

    private static List<String> keys(List<ClaimedDue> claimed) {
        return claimed.stream().map(c -> c.item().key()).toList();
    }

    private static ClaimedDue only(List<ClaimedDue> claimed) {
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** D1: due and claim return exactly the items due at now, ordered by (dueAt, key), at most limit. */
    @Test
    void d1_dueQueriesReturnExactlyTheDueItemsOldestFirst() {
        // of another customer: claim returns each item with its own escalation and customer
        DueItem b = Records.dueItem(esc("b"), other, DueKind.FIRST_CONTACT, "breach", AT.plusSeconds(20));
        DueItem a1 = item(esc("a"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(10));
        DueItem a2 = item(esc("a"), DueKind.RESOLUTION, "warning", AT.plusSeconds(20)); // ties with b: key decides
        DueItem later = item(esc("a"), DueKind.RESOLUTION, "breach", AT.plusSeconds(300));
        write(esc("a"), a2, later, a1);
        write(esc("b"), b);
        List<DueItem> expected =
                List.of(a1, a2.key().compareTo(b.key()) < 0 ? a2 : b, a2.key().compareTo(b.key()) < 0 ? b : a2);
        String check = "that due and claim select dueAt <= now from an index on (dueAt, key) and order by (dueAt, key)";
        assertThat(due().due(AT.plusSeconds(20), 10))
                .as(broken("D1", "due(now) is not exactly the due items, oldest " + "first", check))
                .containsExactlyElementsOf(expected);
        assertThat(due().due(AT.plusSeconds(20), 2))
                .as(broken("D1", "due(now, 2) ignored the limit or the order", check))
                .containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(Rules.thrown(() -> due().due(AT.plusSeconds(20), 1)))
                .as(broken("D1", "due(now, 1) refused a limit of 1", check))
                .isNull();
        assertThat(due().due(AT.plusSeconds(20), 1))
                .as(broken("D1", "due(now, 1) did not return the oldest item alone", check))
                .containsExactly(expected.get(0));
        assertThat(due().due(AT.plusSeconds(9), 10))
                .as(broken("D1", "due returned an item before its dueAt", check))
                .isEmpty();
        List<DueItem> all = new ArrayList<>(expected);
        all.add(later);
        assertThat(due().due(AT.plusSeconds(300), 10))
                .as(broken(
                        "D1",
                        "due(now) does not return every item as written (kind, step, key, data) once all are due",
                        "that every component of each DueItem is stored unchanged, also where an escalation's items "
                                + "share a step name or a kind"))
                .containsExactlyElementsOf(all);
        List<ClaimedDue> claimed = due().claim("w", AT.plusSeconds(20), LEASE, 10);
        assertThat(keys(claimed))
                .as(broken("D1", "claim did not return exactly the due items, oldest first", check))
                .containsExactlyElementsOf(expected.stream().map(DueItem::key).toList());
        assertThat(claimed.stream().map(ClaimedDue::item).toList())
                .as(broken(
                        "D1",
                        "claim did not return every item as written (escalation, customer, kind, step, data)",
                        "that claim maps every component of each row it leases, as due does"))
                .containsExactlyElementsOf(expected);
        assertThat(due().due(AT.plusSeconds(20), 10))
                .as(broken(
                        "D1", "claimed items vanished from due(now)", "that due lists claimed but not completed items"))
                .containsExactlyElementsOf(expected);
    }

    /**
     * D1: the order of due and claim is the due instant's first, the key's only among items of one instant: items whose
     * keys sort the other way round (escalation "z" due before "m" before "a") come back oldest first, also from a
     * claim that reads them by their keys.
     */
    @Test
    void d1_dueOrderIsTheInstantsNotTheKeys() {
        DueItem z = item(esc("z"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(1));
        DueItem m = item(esc("m"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(2));
        DueItem a = item(esc("a"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(3));
        write(esc("a"), a);
        write(esc("z"), z);
        write(esc("m"), m);
        assertThat(List.of(a.key(), m.key(), z.key()))
                .as("the test's keys sort against their instants")
                .isSorted();
        String check = "that due and claim order by (dueAt, key), not by key, whatever index they read the items by";
        Instant now = AT.plusSeconds(10);
        assertThat(due().due(now, 10).stream().map(DueItem::key).toList())
                .as(broken("D1", "due(now) ordered items of different instants by their keys", check))
                .containsExactly(z.key(), m.key(), a.key());
        assertThat(keys(due().claim("w", now, LEASE, 10)))
                .as(broken("D1", "claim ordered items of different instants by their keys", check))
                .containsExactly(z.key(), m.key(), a.key());
    }

    /**
     * D1: claim takes at most {@code limit} items, oldest first; items another claimant holds are skipped and do not
     * count toward the limit.
     */
    @Test
    void d1_claimTakesAtMostLimitItemsAndSkipsLeasedOnes() {
        DueItem a1 = item(esc("a"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(1));
        DueItem b = item(esc("b"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(2));
        DueItem a2 = item(esc("a"), DueKind.RESOLUTION, "warning", AT.plusSeconds(3));
        DueItem c = item(esc("c"), DueKind.FIRST_CONTACT, "breach", AT.plusSeconds(4));
        write(esc("a"), a1, a2);
        write(esc("b"), b);
        write(esc("c"), c);
        Instant now = AT.plusSeconds(10);
        String check = "that claim skips leased items and stops after limit unleased ones, oldest first";
        assertThat(keys(due().claim("w1", now, LEASE, 2)))
                .as(broken("D1", "claim(limit 2) of four due items did not take the two oldest", check))
                .containsExactly(a1.key(), b.key());
        assertThat(keys(due().claim("w2", now, LEASE, 1)))
                .as(broken(
                        "D1", "claim(limit 1) did not take the oldest item not leased (leased ones counted?)", check))
                .containsExactly(a2.key());
        assertThat(keys(due().claim("w3", now, LEASE, 5)))
                .as(broken("D1", "claim did not take exactly the one item left unleased", check))
                .containsExactly(c.key());
    }

    /**
     * D1: an item's key is the one it was written with ({@link DueItem#keyOf} is a convention, not a rule), so a key
     * that is not its parts' conventional key comes back unchanged and orders the items of one instant, and items of
     * equal parts and different keys are different items. An item is due from its exact instant, at the store's
     * instant precision.
     */
    @Test
    void d1_keysAndExactInstantsComeBackAsWritten() {
        ChronoUnit precision = store.capabilities().instantPrecision();
        Instant at = AT.plusSeconds(30).plusNanos(123_456_789).truncatedTo(precision);
        EscalationId e = esc("a");
        DueItem conventional = item(e, DueKind.NEXT_MEETING, "reminder", at);
        DueItem twin = keyed(run + "/twin", conventional); // the same parts, another key
        DueItem otherInstant = // looks like the conventional key of its parts one second later
                keyed(
                        DueItem.keyOf(e, DueKind.RESOLUTION, "warning", at.plusSeconds(1)),
                        item(e, DueKind.RESOLUTION, "warning", at));
        DueItem otherEscalation = // looks like the conventional key of another escalation's item
                keyed(
                        DueItem.keyOf(esc("b"), DueKind.FIRST_CONTACT, "breach", at),
                        item(e, DueKind.FIRST_CONTACT, "breach", at));
        DueItem custom = keyed("~" + run + "-custom", item(e, DueKind.FIRST_CONTACT, "warning", at));
        write(e, custom, otherInstant, otherEscalation, twin, conventional);
        List<DueItem> expected = byKey(custom, otherInstant, otherEscalation, twin, conventional);
        String check = "that the store keeps each item's key as written (not derived again from its parts), orders "
                + "one instant's items by that key, and compares due instants at its instant precision";
        assertThat(due().due(Kit.justBefore(at, precision), 10))
                .as(broken("D1", "due returned an item one unit of the store's precision before its dueAt", check))
                .isEmpty();
        assertThat(due().due(at, 10))
                .as(broken(
                        "D1",
                        "due(at) of items whose keys are not their parts' conventional keys did not return each as "
                                + "written, ordered by key",
                        check))
                .containsExactlyElementsOf(expected);
        List<ClaimedDue> claimed = due().claim("w", at, LEASE, 10);
        assertThat(claimed.stream().map(ClaimedDue::item).toList())
                .as(broken("D1", "claim(at) did not return each item as written, ordered by key", check))
                .containsExactlyElementsOf(expected);
        for (ClaimedDue c : claimed) {
            assertThat(due().complete(c, List.of()))
                    .as(broken("D1", "an item with a key of its own could not be completed", check))
                    .isTrue();
        }
        assertThat(due().due(at.plus(Duration.ofDays(1)), 10))
                .as(broken("D1", "an item with a key of its own was returned after it was completed", check))
                .isEmpty();
    }

    /**
     * D1: the items of one escalation due at one instant come in the order of their keys, which is neither the order
     * they were written in, nor the kinds' declaration order, nor the steps' numeric order ("repeat-10" before
     * "repeat-2").
     */
    @Test
    void d1_oneEscalationsItemsOfOneInstantComeInKeyOrder() {
        EscalationId e = esc("a");
        Instant at = AT.plusSeconds(40);
        List<DueItem> written = List.of(
                item(e, DueKind.RESOLUTION, "warning", at),
                item(e, DueKind.FIRST_CONTACT, "repeat-2", at),
                item(e, DueKind.CUSTOMER_CONTACT, "warning", at),
                item(e, DueKind.FIRST_CONTACT, "repeat-10", at),
                item(e, DueKind.NEXT_MEETING, "reminder", at),
                item(e, DueKind.FIRST_CONTACT, "breach", at));
        write(e, written.toArray(DueItem[]::new));
        List<DueItem> expected = byKey(written.toArray(DueItem[]::new));
        String check = "that due and claim order one instant's items by their key as a string (String.compareTo), "
                + "not by kind, step or the order written";
        assertThat(due().due(at, 10))
                .as(broken("D1", "due(now) did not order one escalation's items of one instant by key", check))
                .containsExactlyElementsOf(expected);
        assertThat(due().due(at, 3))
                .as(broken("D1", "due(now, 3) did not return the first three of them by key", check))
                .containsExactlyElementsOf(expected.subList(0, 3));
        assertThat(due().claim("w", at, LEASE, 10).stream()
                        .map(ClaimedDue::item)
                        .toList())
                .as(broken("D1", "claim did not order one escalation's items of one instant by key", check))
                .containsExactlyElementsOf(expected);
    }

    private static DueItem keyed(String key, DueItem like) {
        return new DueItem(
                key, like.escalation(), like.customer(), like.kind(), like.step(), like.dueAt(), like.data());
    }

    private static List<DueItem> byKey(DueItem... items) {
        return Arrays.stream(items).sorted(Comparator.comparing(DueItem::key)).toList();
    }

    /** D2: a claimed item goes to one claimant while the lease holds. */
    @Test
    void d2_claimedItemIsNotClaimedAgainWhileTheLeaseHolds() {
        DueItem i = item(esc("a"), DueKind.FIRST_CONTACT, "breach", AT);
        write(esc("a"), i);
        ClaimedDue mine = only(due().claim("w1", AT, LEASE, 10));
        assertThat(mine.item())
                .as(broken(
                        "D2",
                        "the claimed item differs from the one written",
                        "that every component of DueItem is stored unchanged"))
                .isEqualTo(i);
        String check = "that claim leases the item in the same atomic step that selects it and skips leased items";
        assertThat(due().claim("w2", AT, LEASE, 10))
                .as(broken("D2", "a second claimant got the item at once", check))
                .isEmpty();
        assertThat(due().claim("w2", AT.plus(LEASE).minusSeconds(1), LEASE, 10))
                .as(broken("D2", "a second claimant got the item before the lease ended", check))
                .isEmpty();
    }

    /** D2b: after the lease expires the item is claimable again; the old claim can no longer complete it. */
    @Test
    void d2b_itemIsClaimableAgainAfterTheLeaseExpires() {
        Assumptions.assumeFalse(
                store.capabilities().has(Capability.LEASES_IN_BACKEND_TIME),
                "capability declared: LEASES_IN_BACKEND_TIME (leases are measured in backend time, not by the "
                        + "engine's now), so rule D2b (lease expiry at now + lease) is not checked");
        DueItem i = item(esc("a"), DueKind.FIRST_CONTACT, "breach", AT);
        write(esc("a"), i);
        ClaimedDue old = only(due().claim("w1", AT, LEASE, 10));
        ClaimedDue again = only(due().claim("w2", AT.plus(LEASE).plusSeconds(1), LEASE, 10));
        assertThat(again.item().key())
                .as(broken(
                        "D2b",
                        "the item was not claimable after its lease expired",
                        "that an expired lease no longer blocks claim"))
                .isEqualTo(i.key());
        assertThat(due().complete(old, List.of()))
                .as(broken("D2b", "the superseded claim completed the item", "that complete checks the claim token"))
                .isFalse();
        assertThat(due().complete(again, List.of()))
                .as(broken(
                        "D2b",
                        "the current claim could not complete the item",
                        "that complete accepts the token of the current claim"))
                .isTrue();
    }

    /** D3: a released item is claimable again at once; a superseded claim cannot release the current one. */
    @Test
    void d3_releasedItemIsClaimableAgainAtOnce() {
        DueItem i = item(esc("a"), DueKind.FIRST_CONTACT, "breach", AT);
        write(esc("a"), i);
        ClaimedDue first = only(due().claim("w1", AT, LEASE, 10));
        due().release(first);
        ClaimedDue second = only(due().claim("w2", AT, LEASE, 10));
        assertThat(second.item().key())
                .as(broken("D3", "a released item was not claimable at once", "that release clears the lease"))
                .isEqualTo(i.key());
        due().release(first);
        assertThat(due().claim("w3", AT, LEASE, 10))
                .as(broken(
                        "D3",
                        "releasing with a superseded claim freed the current claim",
                        "that release checks the claim token"))
                .isEmpty();
        due().release(second);
        assertThat(due().complete(second, List.of()))
                .as(broken(
                        "D3",
                        "a released claim still completed the item",
                        "that release clears the claim token, so the claim no longer holds"))
                .isFalse();
        assertThat(due().claim("w4", AT, LEASE, 10).stream().map(c -> c.item().key()))
                .as(broken(
                        "D3",
                        "the item was not claimable after its released claim tried to complete it",
                        "that a refused complete changes nothing"))
                .containsExactly(i.key());
    }

    /** D4: a completed item is never returned again; completing twice returns false. */
    @Test
    void d4_completedItemIsNeverReturnedAgain() {
        DueItem i = item(esc("a"), DueKind.FIRST_CONTACT, "breach", AT);
        write(esc("a"), i);
        ClaimedDue c = only(due().claim("w1", AT, LEASE, 10));
        assertThat(due().complete(c, List.of()))
                .as(broken("D4", "complete with a holding claim returned false", "the claim-token check of complete"))
                .isTrue();
        String check = "that complete marks the item done and due/claim never select done items";
        assertThat(due().due(AT.plus(Duration.ofDays(1)), 10))
                .as(broken("D4", "due() returned a completed item", check))
                .isEmpty();
        assertThat(due().claim("w2", AT.plus(Duration.ofDays(1)), LEASE, 10))
                .as(broken("D4", "a completed item was claimed again", check))
                .isEmpty();
        assertThat(due().complete(c, List.of()))
                .as(broken("D4", "completing a completed item returned true", check))
                .isFalse();
    }

    /** D5: complete queues its follow-up messages once, in the same step. */
    @Test
    void d5_followUpsAreQueuedOnce() {
        EscalationId e = esc("a");
        DueItem i = item(e, DueKind.NEXT_MEETING, "warning", AT);
        OutboxMessage existing = Records.notificationMessage(customer, e, run + "-existing", AT);
        write(e, List.of(existing), i);
        OutboxMessage reminder = Records.notificationMessage(customer, e, run + "-reminder", AT);
        ClaimedDue c = only(due().claim("w", AT, LEASE, 10));
        String check = "that complete inserts the follow-ups in the same transaction, skipping idempotency keys "
                + "already in the outbox, and inserts nothing when it returns false";
        assertThat(due().complete(c, List.of(reminder, existing))).isTrue();
        assertThat(store.outbox().counts().pending())
                .as(broken("D5", "complete did not queue exactly its new follow-up", check))
                .isEqualTo(2);
        assertThat(due().complete(c, List.of(Records.notificationMessage(customer, e, run + "-again", AT))))
                .as(broken("D5", "a second complete returned true", check))
                .isFalse();
        assertThat(store.outbox().counts().pending())
                .as(broken("D5", "a refused complete queued follow-ups", check))
                .isEqualTo(2);
    }

    /** D6: a due item whose key is pending or completed is not queued again. */
    @Test
    void d6_dueItemKeyIsQueuedOnce() {
        EscalationId e = esc("a");
        DueItem i = item(e, DueKind.FIRST_CONTACT, "breach", AT);
        write(e, i, i);
        write(e, i);
        String check = "a unique constraint on the due key that also remembers completed keys";
        assertThat(due().due(AT, 10))
                .as(broken("D6", "one key was queued more than once", check))
                .containsExactly(i);
        assertThat(due().complete(only(due().claim("w", AT, LEASE, 10)), List.of()))
                .isTrue();
        write(e, i);
        assertThat(due().due(AT, 10))
                .as(broken("D6", "a completed key was queued again by a later write", check))
                .isEmpty();
    }

    /** D7: a change replaces the pending due items: unclaimed items left out are removed, claimed ones stay. */
    @Test
    void d7_changeReplacesPendingDueItems() {
        EscalationId e = esc("a");
        DueItem claimedOne = item(e, DueKind.FIRST_CONTACT, "breach", AT);
        DueItem dropped = item(e, DueKind.RESOLUTION, "warning", AT.plusSeconds(60));
        DueItem kept = item(e, DueKind.RESOLUTION, "breach", AT.plusSeconds(120));
        DueItem other = item(esc("b"), DueKind.RESOLUTION, "breach", AT.plusSeconds(60));
        write(e, claimedOne, dropped, kept);
        write(esc("b"), other);
        ClaimedDue c = only(due().claim("w", AT, LEASE, 1));
        DueItem added = item(e, DueKind.NEXT_MEETING, "warning", AT.plusSeconds(90));
        write(e, kept, added);
        String check = "that a change deletes the escalation's unclaimed pending items missing from the new set, and "
                + "only that escalation's";
        assertThat(due().due(AT.plusSeconds(200), 10))
                .as(broken(
                        "D7",
                        "the due work after a change is not (claimed item, other escalation's item, added, kept)",
                        check))
                .containsExactly(claimedOne, other, added, kept);
        assertThat(due().complete(c, List.of()))
                .as(broken(
                        "D7",
                        "a change removed an item while it was claimed",
                        "that a change leaves claimed items alone"))
                .isTrue();
    }

    /**
     * D7: a change replaces pending due items by key: an item whose parts (escalation, kind, step, due instant) come
     * with another key replaces the old key, and of two items of equal parts the one left out is removed.
     */
    @Test
    void d7_changeReplacesDueItemsByKeyNotByParts() {
        EscalationId e = esc("a");
        DueItem conventional = item(e, DueKind.RESOLUTION, "warning", AT.plusSeconds(60));
        DueItem renamed = keyed(run + "/renamed", conventional);
        DueItem reminder = item(e, DueKind.NEXT_MEETING, "reminder", AT.plusSeconds(90));
        DueItem twin = keyed(run + "/twin", reminder);
        write(e, renamed, reminder, twin);
        write(e, conventional, twin);
        assertThat(due().due(AT.plusSeconds(200), 10))
                .as(broken(
                        "D7",
                        "a change that gave an item's parts another key, or left out one of two items of equal "
                                + "parts, did not end with exactly the keys it wrote",
                        "that a change replaces pending items by key, not by (escalation, kind, step, dueAt)"))
                .containsExactly(conventional, twin);
    }

    /** D8: concurrent claimants never get the same item. */
    @Test
    void d8_concurrentClaimantsNeverShareAnItem() {
        int n = concurrentClaimants() * 5;
        List<String> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DueItem d = item(esc("e" + i), DueKind.FIRST_CONTACT, "breach", AT.plusMillis(i));
            write(esc("e" + i), d);
            all.add(d.key());
        }
        List<Concurrency.Outcome<List<ClaimedDue>>> outcomes =
                Concurrency.race(concurrentClaimants(), i -> () -> due().claim("w" + i, AT.plusSeconds(1), LEASE, 5));
        List<String> claimed = new ArrayList<>();
        for (Concurrency.Outcome<List<ClaimedDue>> o : outcomes) {
            assertThat(o.failure())
                    .as(broken("D8", "a concurrent claim failed", "the stack trace"))
                    .isNull();
            claimed.addAll(keys(o.value()));
        }
        claimed.addAll(keys(due().claim("rest", AT.plusSeconds(1), LEASE, n)));
        assertThat(claimed)
                .as(broken(
                        "D8",
                        "two concurrent claimants got the same item",
                        "that selecting and leasing is one atomic step"))
                .doesNotHaveDuplicates();
        assertThat(claimed)
                .as(broken(
                        "D8",
                        "not every due item was claimed by someone",
                        "that claim does not lose items under contention"))
                .containsExactlyInAnyOrderElementsOf(all);
    }

    /**
     * D9: {@code due} and {@code claim} refuse a limit below 1, and {@code claim} a lease that is not positive, with
     * {@link IllegalArgumentException}; a refused claim leases nothing.
     */
    @Test
    void d9_badLimitsAndLeasesAreRefusedAndClaimNothing() {
        DueItem a = item(esc("a"), DueKind.FIRST_CONTACT, "warning", AT.plusSeconds(1));
        write(esc("a"), a);
        Instant now = AT.plusSeconds(10);
        String check = "that due and claim check limit >= 1 and lease > 0 before they read or lease anything";
        for (int limit : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThat(Rules.thrown(() -> due().due(now, limit)))
                    .as(broken("D9", "due(now, " + limit + ") was not refused with IllegalArgumentException", check))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        Rules.refusesBadLimitsAndLeases("D9", (lease, limit) -> due().claim("w", now, lease, limit), LEASE, check);
        assertThat(keys(due().claim("w", now, LEASE, 10)))
                .as(broken("D9", "after the refused claims the due item could not be claimed (was it leased?)", check))
                .containsExactly(a.key());
    }
}
