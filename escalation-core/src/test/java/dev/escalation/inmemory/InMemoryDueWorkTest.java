package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.DueItem;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The due work keeps each pending item as one compact entry (no key string when the key is the derived one) and
 * returns items equal to those written, ordered by due instant and then by the key string.
 */
class InMemoryDueWorkTest {
    private static final Instant T = Instant.parse("2027-01-13T16:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");

    private static InMemoryDueWork dueWork() {
        InMemoryOutbox outbox = TestOutboxes.withoutTickets();
        return new InMemoryDueWork(outbox, new Interner());
    }

    private static DueItem derived(EscalationId id, String step, Instant at, Map<String, String> data) {
        return new DueItem(
                DueItem.keyOf(id, DueKind.RESOLUTION, step, at), id, ACME, DueKind.RESOLUTION, step, at, data);
    }

    @Test
    void returnsEqualItemsInKeyOrderAndKeepsNoDerivedKey() throws Exception {
        InMemoryDueWork due = dueWork();
        EscalationId a = EscalationId.of("E-1");
        EscalationId b = EscalationId.of("E-10");
        Map<String, String> data = Map.of("policy", "bench@1");
        List<DueItem> forA = List.of(
                derived(a, "breach-repeat-1", T, data),
                derived(a, "breach", T, data),
                derived(a, "warning", T.minusSeconds(3600).plusNanos(123_000), Map.of()),
                new DueItem("custom-key", a, ACME, DueKind.NEXT_MEETING, "reminder", T, Map.of()));
        List<DueItem> forB = List.of(derived(b, "breach", T, data), derived(b, "b", T.plusNanos(1), data));
        due.replace(a, forA);
        due.replace(b, forB);

        List<DueItem> expected = new ArrayList<>(forA);
        expected.addAll(forB);
        expected.sort(Comparator.comparing(DueItem::dueAt).thenComparing(DueItem::key));
        assertThat(due.due(Instant.MAX, 100)).containsExactlyElementsOf(expected);
        assertThat(due.items()).containsExactlyElementsOf(expected);
        assertThat(keysKept(due)).containsExactly("custom-key");

        // a write keeps known keys, drops the others, adds the new ones
        due.replace(a, List.of(forA.get(1), derived(a, "later", T.plusSeconds(60), data)));
        assertThat(due.due(Instant.MAX, 100))
                .filteredOn(i -> i.escalation().equals(a))
                .containsExactly(forA.get(1), derived(a, "later", T.plusSeconds(60), data));
    }

    @Test
    void anItemOfAnotherEscalationOrTenantThanItsOwnersKeepsItsOwn() {
        InMemoryDueWork due = dueWork();
        EscalationId a = EscalationId.of("E-1");
        EscalationId other = EscalationId.of("E-2");
        CustomerId globex = CustomerId.of("globex");
        DueItem first = derived(a, "breach", T, Map.of());
        DueItem tenant = new DueItem("k-1", a, globex, DueKind.RESOLUTION, "warning", T.plusSeconds(1), Map.of());
        DueItem escalation = new DueItem("k-2", other, ACME, DueKind.RESOLUTION, "late", T.plusSeconds(2), Map.of());
        due.replace(a, List.of(first, tenant, escalation));

        assertThat(due.due(Instant.MAX, 100)).containsExactly(first, tenant, escalation);
    }

    @Test
    void twoEscalationsHoldingItemsOfEqualKeysAreBothIndexed() {
        InMemoryDueWork due = dueWork();
        EscalationId a = EscalationId.of("E-1");
        EscalationId b = EscalationId.of("E-2");
        DueItem own = derived(b, "breach", T, Map.of());
        DueItem foreign = derived(b, "breach", T, Map.of("policy", "p@1"));
        due.replace(a, List.of(derived(a, "breach", T.plusSeconds(5), Map.of()), foreign));
        due.replace(b, List.of(own));

        assertThat(due.due(Instant.MAX, 100)).hasSize(3).contains(own, foreign);
        assertThat(due.items()).hasSize(3);
    }

    @Test
    void claimsCompletesAndReleasesByDerivedKey() {
        InMemoryDueWork due = dueWork();
        EscalationId a = EscalationId.of("E-1");
        DueItem breach = derived(a, "breach", T, Map.of());
        DueItem warning = derived(a, "warning", T.minusSeconds(60), Map.of());
        due.replace(a, List.of(breach, warning));

        List<ClaimedDue> claimed = due.claim("w", T, Duration.ofMinutes(5), 10);
        assertThat(claimed).extracting(ClaimedDue::item).containsExactly(warning, breach);
        assertThat(due.claim("w", T, Duration.ofMinutes(5), 10)).isEmpty();
        due.release(claimed.get(1));
        assertThat(due.complete(claimed.get(0), List.of())).isTrue();
        assertThat(due.complete(claimed.get(0), List.of())).isFalse();
        // completed keys are never planned again; the released item is claimable again
        due.replace(a, List.of(breach, warning));
        assertThat(due.claim("w", T, Duration.ofMinutes(5), 10))
                .extracting(ClaimedDue::item)
                .containsExactly(breach);
    }

    /** The key strings the due work holds (null for derived keys, which are not listed), in item order. */
    private static List<String> keysKept(InMemoryDueWork due) throws Exception {
        Field f = InMemoryDueWork.class.getDeclaredField("items");
        f.setAccessible(true);
        List<String> kept = new ArrayList<>();
        for (Object own : ((Map<?, ?>) f.get(due)).values()) {
            for (DueItems.Due e : ((DueItems) own).pending) {
                if (e.ownKey() != null) {
                    kept.add(e.ownKey());
                }
            }
        }
        return kept;
    }

    @Test
    void erasureAndPurgingLeaveNoItemInTheCacheOfDerivedKeys() {
        InMemoryDueWork due = dueWork();
        EscalationId a = EscalationId.of("E-1");
        EscalationId b = EscalationId.of("E-2");
        Map<String, String> data = Map.of("policy", "bench@1");
        due.replace(a, List.of(derived(a, "breach", T, data), derived(a, "warning", T.minusSeconds(60), data)));
        due.replace(b, List.of(derived(b, "breach", T, data)));
        assertThat(due.derivedItemsHeld()).isBetween(1, 3);

        due.rewriteItems(d -> d);
        assertThat(due.derivedItemsHeld()).isZero();

        due.replace(b, List.of(derived(b, "breach", T, data)));
        assertThat(due.derivedItemsHeld()).isOne();
        due.dropEscalation(b);
        assertThat(due.derivedItemsHeld()).isZero();
        assertThat(due.items()).hasSize(2);
    }
}
