package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link DeliveredKeys} de-duplicates and forgets exactly as a plain model does (a map from key to its waiting entry
 * or delivery instant, and a list of delivered keys in the order recorded, forgotten from its head while the head was
 * delivered before the cutoff): after any sequence of claims, deliveries of several keys at one instant (instants
 * out of order too, and instants far outside the epoch-nanosecond range), releases, lazy forgetting (before a cutoff,
 * or before an instant minus a window) and bounded forgetting, every claim and every bounded forget answers alike and
 * the keys held are the same number.
 */
class DeliveredKeysModelProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");

    /** Instants: mostly near each other, a few far outside the range an epoch nanosecond {@code long} covers. */
    private static Instant at(int n) {
        return switch (n) {
            case -2 -> Instant.MIN;
            case -1 -> Instant.ofEpochSecond(-20_000_000_000L);
            case 100 -> Instant.ofEpochSecond(20_000_000_000L, 5);
            case 101 -> Instant.MAX;
            default -> T0.plusNanos(n);
        };
    }

    /** Windows: none, a few nanoseconds, and one longer than a {@code long} of nanoseconds holds. */
    private static final Duration[] WINDOWS = {
        Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(37), Duration.ofNanos(60), Duration.ofDays(365L * 300)
    };

    /** One step: what it does, on which keys, at (or with a cutoff of) which instant, and a bound. */
    record Op(int kind, List<Integer> keys, int at, int limit) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers()
                                .between(0, 40)
                                .list()
                                .ofMinSize(1)
                                .ofMaxSize(5),
                        Arbitraries.integers().between(-2, 99),
                        Arbitraries.integers().between(0, 6))
                .as(Op::new);
        return Arbitraries.oneOf(op, Arbitraries.integers().between(100, 101).map(n -> new Op(3, List.of(0), n, 0)))
                .list()
                .ofMaxSize(300);
    }

    /** The model: each key's waiting entry or delivery instant, and the delivered keys in order. */
    private static final class Model {
        final Map<String, Object> keys = new HashMap<>();
        final ArrayDeque<Object[]> order = new ArrayDeque<>();

        boolean claim(String key, Object entry, Instant deliveredAfter) {
            Object v = keys.get(key);
            if (v == null || (v instanceof Instant at && at.isBefore(deliveredAfter))) {
                keys.put(key, entry);
                return true;
            }
            return false;
        }

        int forget(Instant cutoff, int limit) {
            int forgotten = 0;
            while (forgotten < limit && !order.isEmpty() && ((Instant) order.peek()[1]).isBefore(cutoff)) {
                Object[] d = order.poll();
                if (d[1].equals(keys.get((String) d[0]))) {
                    keys.remove((String) d[0]);
                    forgotten++;
                }
            }
            return forgotten;
        }

        int retained() {
            return keys.size() + order.size();
        }
    }

    @Property(tries = 1500)
    void forgetsAndDeduplicatesAsTheModel(@ForAll("ops") List<Op> ops) {
        DeliveredKeys keys = new DeliveredKeys();
        Model model = new Model();
        Map<String, Object> entries = new HashMap<>(); // the entry each key was last claimed for
        for (Op op : ops) {
            Instant at = at(op.at());
            switch (op.kind()) {
                case 0, 1 -> { // claim each key, the window starting at `at`
                    for (int k : op.keys()) {
                        String key = "k" + k;
                        Object entry = new Object();
                        boolean claimed = keys.claim(key, entry, at);
                        assertThat(claimed).as("claim %s", key).isEqualTo(model.claim(key, entry, at));
                        if (claimed) {
                            entries.put(key, entry);
                        }
                    }
                }
                case 2 -> { // deliver the waiting ones among the keys, together at `at`
                    List<String> done = new ArrayList<>();
                    for (int k : op.keys()) {
                        String key = "k" + k;
                        Object entry = entries.get(key);
                        boolean marked = entry != null && keys.markDelivered(key, entry, at);
                        assertThat(marked).isEqualTo(entry != null && Objects.equals(model.keys.get(key), entry));
                        if (marked && !done.contains(key)) {
                            model.keys.put(key, at);
                            model.order.add(new Object[] {key, at});
                            done.add(key);
                        }
                    }
                    keys.recordDelivered(done.toArray(new String[0]), done.size(), at);
                }
                case 3 -> { // forget lazily before `at`
                    keys.forgetLazily(at);
                    model.forget(at, Integer.MAX_VALUE);
                }
                case 4 -> { // forget at most `limit` before `at`
                    assertThat(keys.forgetBefore(at, op.limit())).isEqualTo(model.forget(at, op.limit()));
                }
                case 6 -> { // forget lazily before `at` minus a window, passed with its nanoseconds (-1: none)
                    Instant now = at.equals(Instant.MIN) ? T0 : at;
                    Duration window = WINDOWS[op.limit() % WINDOWS.length];
                    long nanos = DeliveredKeys.nanosOf(window);
                    keys.forgetLazily(now, window, nanos);
                    model.forget(now.minus(window), Integer.MAX_VALUE);
                }
                default -> { // release the keys' entries
                    for (int k : op.keys()) {
                        String key = "k" + k;
                        Object entry = entries.get(key);
                        if (entry != null) {
                            keys.release(key, entry);
                            if (Objects.equals(model.keys.get(key), entry)) {
                                model.keys.remove(key);
                            }
                        }
                    }
                }
            }
            assertThat(keys.retained()).isEqualTo(model.retained());
        }
        keys.forgetLazily(Instant.MAX);
        model.forget(Instant.MAX, Integer.MAX_VALUE);
        assertThat(keys.retained()).isEqualTo(model.retained());
    }
}
