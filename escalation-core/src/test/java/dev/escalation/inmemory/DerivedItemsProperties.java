package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

/**
 * {@link DerivedItems}, the identity cache of items found to carry their derived key, answers exactly as matching the
 * item's key against its parts ({@link DueKeys#matches}, the slow path) however often the same instances come back,
 * among collisions and clears; and the due work's {@code replace} ends with the same pending items whether the engine
 * hands in the same item instances again (cache hits) or equal new ones (every item matched again).
 */
class DerivedItemsProperties {

    private static final CustomerId ACME = CustomerId.of("acme");

    /** How an item is made: its parts, and whether its key is the derived one or another string. */
    record Spec(EscalationId id, DueKind kind, String step, Instant at, int keyForm, String data) {
        DueItem item() {
            String key = switch (keyForm) {
                case 0 -> DueItem.keyOf(id, kind, step, at); // derived (if in the four-digit-year range)
                case 1 -> DueItem.keyOf(id, kind, step, at.plusSeconds(1)); // another instant's
                case 2 -> DueItem.keyOf(id, kind, step + "x", at); // another step's
                default -> "custom-" + step; // not a derived form
            };
            return new DueItem(key, id, ACME, kind, step, at, data.isEmpty() ? Map.of() : Map.of("policy", data));
        }
    }

    @Provide
    Arbitrary<Spec> specs() {
        Arbitrary<EscalationId> ids =
                Arbitraries.of("E-1", "E-1/RESOLUTION", "E-2").map(EscalationId::of);
        Arbitrary<String> steps = Arbitraries.of("warning", "breach", "breach-repeat-1", "b/x", "");
        Arbitrary<Instant> instants = Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(6, Arbitraries.longs().between(1_800_000_000L, 1_800_000_100L)),
                                Tuple.of(1, Arbitraries.of(-1L, 253_402_300_799L, 253_402_300_800L))),
                        Arbitraries.of(0, 0, 0, 5_000_000, 123_000, 7))
                .as(Instant::ofEpochSecond);
        Arbitrary<Integer> forms = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(1)),
                Tuple.of(1, Arbitraries.just(2)),
                Tuple.of(1, Arbitraries.just(3)));
        return Combinators.combine(
                        ids, Arbitraries.of(DueKind.class), steps, instants, forms, Arbitraries.of("", "p@1"))
                .as(Spec::new);
    }

    @Property(tries = 2000)
    void answersAsMatchingTheKeyAgainstItsParts(
            @ForAll @Size(min = 1, max = 12) List<@From("specs") Spec> specs,
            @ForAll @Size(min = 1, max = 60)
                    List<@net.jqwik.api.constraints.IntRange(min = -1, max = 11) Integer> uses) {
        List<DueItem> pool = new ArrayList<>();
        for (Spec s : specs) {
            pool.add(s.item());
        }
        DerivedItems known = new DerivedItems();
        for (int u : uses) {
            if (u < 0) {
                known.clear();
                assertThat(known.size()).isZero();
                continue;
            }
            DueItem i = pool.get(u % pool.size());
            Instant at = i.dueAt();
            boolean inRange = at.getEpochSecond() >= 0 && at.getEpochSecond() <= DueKeys.LAST_FOUR_DIGIT_YEAR;
            boolean expected = inRange && i.key().equals(DueItem.keyOf(i.escalation(), i.kind(), i.step(), at));
            assertThat(DerivedItems.matches(i)).isEqualTo(expected);
            assertThat(known.derived(i)).isEqualTo(expected);
            assertThat(known.derived(i)).isEqualTo(expected); // again: held now if derived
            assertThat(known.size()).isLessThanOrEqualTo(DerivedItems.SIZE);
        }
    }

    @Property(tries = 1000)
    void replaceWithTheSameInstancesEndsAsWithEqualNewOnes(
            @ForAll @Size(min = 1, max = 10) List<@From("specs") Spec> specs,
            @ForAll @Size(min = 1, max = 8)
                    List<@Size(max = 6) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 9) Integer>> writes) {
        EscalationId escalation = EscalationId.of("E-1");
        List<DueItem> pool = new ArrayList<>();
        for (Spec s : specs) {
            pool.add(s.item());
        }
        InMemoryDueWork same = new InMemoryDueWork(TestOutboxes.withoutTickets(), new Interner());
        InMemoryDueWork fresh = new InMemoryDueWork(TestOutboxes.withoutTickets(), new Interner());
        for (List<Integer> write : writes) {
            List<DueItem> wanted = new ArrayList<>();
            List<DueItem> copies = new ArrayList<>();
            for (int n : write) {
                DueItem i = pool.get(n % pool.size());
                if (wanted.stream().noneMatch(w -> w.key().equals(i.key()))) { // keys are unique within a plan
                    wanted.add(i);
                    copies.add(equalCopy(i));
                }
            }
            same.replace(escalation, wanted);
            fresh.replace(escalation, copies);
            assertThat(same.items()).isEqualTo(fresh.items());
        }
    }

    /**
     * One step of the due work: a replace with some items of the pool (as the same instances or equal new ones), or a
     * claim of what is due at an instant followed by completing or releasing the first item claimed.
     */
    record Op(int kind, List<Integer> items, boolean copies, long at) {}

    @Provide
    Arbitrary<Op> ops() {
        Arbitrary<List<Integer>> picks =
                Arbitraries.integers().between(0, 19).list().ofMaxSize(6);
        return Combinators.combine(
                        Arbitraries.frequencyOf(
                                Tuple.of(6, Arbitraries.just(0)),
                                Tuple.of(1, Arbitraries.just(1)),
                                Tuple.of(1, Arbitraries.just(2))),
                        picks,
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true))),
                        Arbitraries.longs().between(1_800_000_000L, 1_800_000_100L))
                .as(Op::new);
    }

    @Property(tries = 1000)
    void theFastPathsEndAsTheFullComparison(
            @ForAll @Size(min = 1, max = 10) List<@From("specs") Spec> specs,
            @ForAll @Size(min = 1, max = 12) List<@From("ops") Op> ops) {
        EscalationId escalation = EscalationId.of("E-1");
        List<DueItem> pool = new ArrayList<>();
        for (Spec s : specs) {
            pool.add(s.item());
            // the twin with the same parts and the derived key: an item with another key must not pass for it
            pool.add(new Spec(s.id(), s.kind(), s.step(), s.at(), 0, s.data()).item());
        }
        InMemoryDueWork fast = new InMemoryDueWork(TestOutboxes.withoutTickets(), new Interner(), true);
        InMemoryDueWork slow = new InMemoryDueWork(TestOutboxes.withoutTickets(), new Interner(), false);
        List<DueItem> last = List.of();
        for (Op op : ops) {
            if (op.kind() == 0 || op.kind() == 3) {
                // kind 3: the items of the previous replace again, as the engine's plan memo hands them in
                List<DueItem> picked = new ArrayList<>();
                for (int n : op.items()) {
                    picked.add(pool.get(n % pool.size()));
                }
                List<DueItem> wanted = new ArrayList<>();
                for (DueItem i : op.kind() == 3 ? last : picked) {
                    if (wanted.stream().noneMatch(w -> w.key().equals(i.key()))) {
                        wanted.add(op.copies() ? equalCopy(i) : i);
                    }
                }
                fast.replace(escalation, wanted);
                slow.replace(escalation, wanted);
                last = wanted;
            } else {
                Instant now = Instant.ofEpochSecond(op.at());
                List<dev.escalation.spi.ClaimedDue> a = fast.claim("c", now, java.time.Duration.ofMinutes(1), 3);
                List<dev.escalation.spi.ClaimedDue> b = slow.claim("c", now, java.time.Duration.ofMinutes(1), 3);
                assertThat(a).isEqualTo(b);
                if (!a.isEmpty()) {
                    if (op.kind() == 1) {
                        assertThat(fast.complete(a.get(0), List.of())).isEqualTo(slow.complete(b.get(0), List.of()));
                    } else {
                        fast.release(a.get(0));
                        slow.release(b.get(0));
                    }
                }
            }
            assertThat(fast.items()).isEqualTo(slow.items());
            assertThat(fast.escalationsHeld()).isEqualTo(slow.escalationsHeld());
        }
    }

    /** An item equal to {@code i} but a different instance, its key a different string. */
    private static DueItem equalCopy(DueItem i) {
        return new DueItem(new String(i.key()), i.escalation(), i.customer(), i.kind(), i.step(), i.dueAt(), i.data());
    }
}
