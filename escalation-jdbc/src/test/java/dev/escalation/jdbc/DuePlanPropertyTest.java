package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.DueItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JdbcDueWork#plan}, which both the H2 path ({@link JdbcDueWork#replace}) and PostgreSQL's one statement
 * ({@code EscalationRows.bindDueReplacement}) follow: applied to the escalation's due rows (each key pending or done,
 * nobody holding a lease), the plan for the keys known under the row lock leaves the same rows as the plan without them
 * (remove every pending key not wanted, queue every item skipping present keys), and it leaves out the removal and the
 * present keys whenever it can. And {@link JdbcDueWork#known(long, String)}, which decodes the keys the row read
 * joined, gives exactly the rows' keys or none.
 */
class DuePlanPropertyTest {
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final EscalationId ESCALATION = EscalationId.of("e-1");

    @Property(tries = 2000)
    void knownKeysLeaveTheSameRowsAsUnknown(
            @ForAll("rows") Map<String, Boolean> rows, @ForAll("items") List<DueItem> items) {
        JdbcDueWork.Known known = known(rows);

        JdbcDueWork.Plan blind = JdbcDueWork.plan(items, null);
        JdbcDueWork.Plan informed = JdbcDueWork.plan(items, known);

        assertThat(blind.delete()).isTrue();
        assertThat(blind.queued()).isEqualTo(items);
        assertThat(informed.wanted()).containsExactlyElementsOf(blind.wanted());
        assertThat(apply(rows, informed)).isEqualTo(apply(rows, blind));
        // nothing needless: the removal only if a pending key is to go, only absent keys queued
        boolean pendingUnwanted =
                known.pending().stream().anyMatch(k -> !informed.wanted().contains(k));
        assertThat(informed.delete()).isEqualTo(pendingUnwanted);
        assertThat(informed.queued()).allSatisfy(item -> assertThat(rows).doesNotContainKey(item.key()));
        assertThat(informed.queued()).hasSize((int)
                items.stream().filter(i -> !rows.containsKey(i.key())).count());
    }

    /**
     * {@link JdbcDueWork#known(long, String)} decodes the keys the row read joined (each prefixed P or D, separated by
     * U+001F, in the database's order): it gives exactly the rows' pending and all keys, or null when it cannot tell
     * them apart (a key holding the separator, a count that does not match, no keys where there should be some).
     * Decoding wrongly would skip a removal the plan needs; null only costs the removal statement.
     */
    @Property(tries = 2000)
    void theJoinedKeysDecodeToTheRowsOrToUnknown(
            @ForAll("decodable") Map<String, Boolean> rows,
            @ForAll("orders") long order,
            @ForAll("tampering") int tamper) {
        List<String> parts = new ArrayList<>();
        rows.forEach((k, pending) -> parts.add((pending ? "P" : "D") + k));
        java.util.Collections.shuffle(parts, new java.util.Random(order)); // no ORDER BY in the aggregate
        String joined = parts.isEmpty() ? null : String.join("\u001f", parts);
        long count = rows.size();
        JdbcDueWork.Known truth = known(rows);
        boolean separatorInKey = rows.keySet().stream().anyMatch(k -> k.contains("\u001f"));

        switch (tamper) {
            case 0 -> { // as read
                JdbcDueWork.Known decoded = JdbcDueWork.known(count, joined);
                if (separatorInKey) {
                    assertThat(decoded)
                            .as("a key holding the separator cannot be told apart")
                            .isNull();
                } else {
                    assertThat(decoded).isEqualTo(truth);
                }
            }
            case 1 -> // one row more or fewer than the keys read
                assertThat(JdbcDueWork.known(count + (count == 0 ? 1 : -1), joined))
                        .isNull();
            case 2 -> // keys missing where rows are counted
                assertThat(JdbcDueWork.known(Math.max(count, 1), null)).isNull();
            case 3 -> { // a part without its status letter
                if (!parts.isEmpty() && !separatorInKey) {
                    List<String> bare = new ArrayList<>(parts);
                    String key = bare.get(0).substring(1);
                    bare.set(0, key);
                    if (key.charAt(0) != 'P' && key.charAt(0) != 'D') { // else it reads as another key's part
                        assertThat(JdbcDueWork.known(count, String.join("\u001f", bare)))
                                .as("a part whose first character is not P or D")
                                .isNull();
                    }
                }
            }
            default -> { // one key read twice in place of another: as many parts as rows, fewer keys
                if (parts.size() >= 2 && !separatorInKey) {
                    List<String> twice = new ArrayList<>(parts);
                    twice.set(1, twice.get(0));
                    assertThat(JdbcDueWork.known(count, String.join("\u001f", twice)))
                            .as("a key read twice")
                            .isNull();
                }
            }
        }
    }

    @Provide
    Arbitrary<Map<String, Boolean>> decodable() {
        Arbitrary<String> key = Arbitraries.oneOf(
                keys(),
                Arbitraries.strings().withChars("PDk1/\u001f").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12));
        return Arbitraries.maps(key, Arbitraries.of(true, false)).ofMaxSize(9);
    }

    @Provide
    Arbitrary<Long> orders() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Integer> tampering() {
        return Arbitraries.integers().between(0, 4);
    }

    /** The rows after the plan: pending keys not wanted removed (if it deletes), absent queued keys added pending. */
    private static Map<String, Boolean> apply(Map<String, Boolean> rows, JdbcDueWork.Plan plan) {
        Map<String, Boolean> after = new TreeMap<>(rows);
        if (plan.delete()) {
            after.entrySet().removeIf(e -> e.getValue() && !plan.wanted().contains(e.getKey()));
        }
        for (DueItem item : plan.queued()) {
            after.putIfAbsent(item.key(), true);
        }
        return after;
    }

    /** Key to pending (true) or done (false). */
    private static JdbcDueWork.Known known(Map<String, Boolean> rows) {
        Set<String> pending = new HashSet<>();
        for (Map.Entry<String, Boolean> e : rows.entrySet()) {
            if (e.getValue()) {
                pending.add(e.getKey());
            }
        }
        return new JdbcDueWork.Known(pending, new HashSet<>(rows.keySet()));
    }

    private static Arbitrary<String> keys() {
        return Arbitraries.of("k0", "k1", "k2", "k3", "k4", "k5", "k6");
    }

    @Provide
    Arbitrary<Map<String, Boolean>> rows() {
        return Arbitraries.maps(keys(), Arbitraries.of(true, false)).ofMaxSize(7);
    }

    @Provide
    Arbitrary<List<DueItem>> items() {
        return keys().set().ofMaxSize(7).map(DuePlanPropertyTest::itemsOf);
    }

    private static List<DueItem> itemsOf(Set<String> keys) {
        List<DueItem> items = new ArrayList<>();
        for (String key : new LinkedHashSet<>(keys)) {
            items.add(new DueItem(
                    key,
                    ESCALATION,
                    ACME,
                    DueKind.RESOLUTION,
                    "step",
                    Instant.parse("2026-01-01T00:00:00Z"),
                    Map.of()));
        }
        return items;
    }
}
