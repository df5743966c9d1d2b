package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link KeyTable} (open addressing, removal by shifting back) holds exactly what a {@link HashMap} would after any
 * sequence of puts, value changes and removals, including keys that share a hash and keys looked up by an equal
 * string that is not the same instance; and its size after removals follows the keys held (rebuilt smaller, and
 * back to its first size once empty).
 */
class KeyTableProperties {

    /** One step on key number {@code key}: put (or change) its value, or remove it; {@code copy}: look it up by a copy. */
    record Op(boolean put, int key, int value, boolean copy) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.of(true, true, false),
                        Arbitraries.integers().between(0, 300),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of(true, false))
                .as(Op::new);
        return op.list().ofMaxSize(400);
    }

    /** Keys: a few share one hash ("Aa" and "BB" hash alike, so do their concatenations), most do not. */
    private static String key(int n) {
        if (n < 16) {
            StringBuilder b = new StringBuilder();
            for (int bit = 0; bit < 4; bit++) {
                b.append((n >> bit & 1) == 0 ? "Aa" : "BB");
            }
            return b.toString();
        }
        return "msg-" + n;
    }

    @Property(tries = 1000)
    void holdsWhatAHashMapHolds(@ForAll("ops") List<Op> ops) {
        KeyTable table = new KeyTable();
        Map<String, Object> model = new HashMap<>();
        String[] interned = new String[301];
        for (Op op : ops) {
            if (interned[op.key()] == null) {
                interned[op.key()] = key(op.key());
            }
            String key = op.copy() ? new String(interned[op.key()]) : interned[op.key()];
            int hash = key.hashCode();
            int i = table.find(key, hash);
            assertThat(i >= 0).isEqualTo(model.containsKey(key));
            if (op.put()) {
                Object value = Integer.valueOf(op.value());
                if (i >= 0) {
                    assertThat(table.valueAt(i)).isEqualTo(model.get(key));
                    table.setValueAt(i, value);
                } else {
                    table.insert(i, key, hash, value);
                }
                model.put(key, value);
            } else if (i >= 0) {
                table.removeAt(i);
                model.remove(key);
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (int n = 0; n <= 300; n++) {
            String key = key(n);
            int i = table.find(key, key.hashCode());
            assertThat(i >= 0).as(key).isEqualTo(model.containsKey(key));
            if (i >= 0) {
                assertThat(table.valueAt(i)).isEqualTo(model.get(key));
            }
        }
        assertThat(table.capacity()).isGreaterThanOrEqualTo(2 * table.size());
    }

    /** The slots of a table that never held {@link KeyTable#MIN_PEAK} keys since its last rebuild, at most. */
    private static final int SMALL = 4 * KeyTable.MIN_PEAK;

    @Property(tries = 1000)
    void shrinksOnceSparse(@ForAll("ops") List<Op> ops) {
        KeyTable table = new KeyTable();
        int n = 64 + ops.size();
        String[] keys = new String[n];
        for (int k = 0; k < n; k++) {
            keys[k] = "k" + k;
            table.insert(table.find(keys[k], keys[k].hashCode()), keys[k], keys[k].hashCode(), k);
        }
        int grown = table.capacity();
        for (int k = 0; k < n; k++) {
            table.removeAt(table.find(keys[k], keys[k].hashCode()));
            // sized for at most SPARSE times the keys held (at most half its slots used), or never sparse-rebuilt
            assertThat(table.capacity()).isLessThanOrEqualTo(Math.max(SMALL, 4 * KeyTable.SPARSE * (n - k)));
        }
        assertThat(table.size()).isZero();
        assertThat(table.capacity()).isLessThan(grown);
        assertThat(table.capacity()).as("emptied: back to its first size").isEqualTo(16);
    }
}
