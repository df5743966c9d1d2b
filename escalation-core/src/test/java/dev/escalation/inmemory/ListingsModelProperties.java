package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.TestRecords;
import dev.escalation.model.CaseId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEscalation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The list indexes ({@link Listings}) against a model: after any sequence of creates, writes (state moves between the
 * state indexes, overdue instants moved, dropped or kept) and purges, every customer's listing, every vendor listing
 * by a set of states and the overdue listing, read page by page, hold exactly the escalations the model holds, in the
 * model's order. Raised instants and overdue instants are drawn from a few seconds, so ties (broken by id) are
 * frequent; a state index is left and entered again by one escalation.
 */
class ListingsModelProperties {
    private static final Instant T0 = Instant.parse("2027-01-12T09:00:00Z");
    private static final EscalationState[] STATES = EscalationState.values();

    /** One step: {@code kind} 0 create, 1 and 2 write, 3 purge; the other numbers choose what. */
    record Op(int kind, int target, int state, int raised, int overdue, int customer) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 15),
                        Arbitraries.integers().between(0, STATES.length - 1),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(-1, 3),
                        Arbitraries.integers().between(0, 1))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 1000)
    void listingsHoldWhatTheModelHolds(@ForAll("ops") List<Op> ops, @ForAll Set<EscalationState> asked) {
        ConcurrentHashMap<EscalationId, Slot> slots = new ConcurrentHashMap<>();
        Listings listings = new Listings(slots);
        Interner interner = new Interner();
        Slot.ReadCache cache = new Slot.ReadCache();
        Map<EscalationId, StoredEscalation> model = new LinkedHashMap<>();
        int created = 0;
        for (Op op : ops) {
            List<EscalationId> ids = new ArrayList<>(model.keySet());
            if (op.kind() == 0 || ids.isEmpty()) {
                EscalationId id = EscalationId.of("E-" + (created++ % 3 == 0 ? "z" : "a") + created);
                StoredEscalation first = record(id, 1, op.customer(), STATES[0], op.raised(), op.overdue());
                Slot slot = new Slot(first, List.of(), interner, cache);
                slots.put(id, slot);
                listings.add(first, slot);
                model.put(id, first);
                continue;
            }
            EscalationId id = ids.get(op.target() % ids.size());
            StoredEscalation current = model.get(id);
            Slot slot = slots.get(id);
            if (op.kind() == 3) {
                slots.remove(id);
                listings.remove(current, slot);
                model.remove(id);
                continue;
            }
            StoredEscalation next = record(
                    id,
                    current.version() + 1,
                    current.customer().value().equals("acme") ? 0 : 1,
                    STATES[op.state()],
                    (int) (current.raisedAt().getEpochSecond() - T0.getEpochSecond()),
                    op.overdue());
            listings.update(current, next, slot, List.of(), next);
            model.put(id, next);
        }

        for (int c = 0; c < 2; c++) {
            CustomerId customer = customer(c);
            List<EscalationId> expected = model.values().stream()
                    .filter(s -> s.customer().equals(customer))
                    .sorted(byRaised().reversed())
                    .map(StoredEscalation::id)
                    .toList();
            assertThat(all(p -> listings.forCustomer(customer, p))).isEqualTo(expected);
        }
        if (!asked.isEmpty()) {
            List<EscalationId> expected = model.values().stream()
                    .filter(s -> asked.contains(s.state()))
                    .sorted(byRaised())
                    .map(StoredEscalation::id)
                    .toList();
            assertThat(all(p -> listings.forVendor(asked, p))).isEqualTo(expected);
        }
        Instant now = T0.plusSeconds(2);
        List<EscalationId> overdue = model.values().stream()
                .filter(s -> OverdueIndex.overdueSince(s) != null
                        && !OverdueIndex.overdueSince(s).isAfter(now))
                .sorted(Comparator.comparing((StoredEscalation s) -> OverdueIndex.overdueSince(s))
                        .thenComparing(s -> s.id().value()))
                .map(StoredEscalation::id)
                .toList();
        assertThat(all(p -> listings.overdue(now, p))).isEqualTo(overdue);
    }

    /** Every page of a listing, two items a page, followed by its cursors. */
    private static List<EscalationId> all(Function<PageRequest, Page<EscalationSummary>> listing) {
        List<EscalationId> ids = new ArrayList<>();
        Optional<PageCursor> after = Optional.empty();
        do {
            Page<EscalationSummary> page = listing.apply(new PageRequest(after, 2));
            page.items().forEach(s -> ids.add(s.id()));
            after = page.next();
        } while (after.isPresent());
        return ids;
    }

    private static Comparator<StoredEscalation> byRaised() {
        return Comparator.comparing(StoredEscalation::raisedAt).thenComparing(s -> s.id().value());
    }

    private static CustomerId customer(int c) {
        return CustomerId.of(c == 0 ? "acme" : "globex");
    }

    /** A record of {@code customer}, raised {@code raised} seconds after T0, its next deadline {@code due} (-1: none). */
    private static StoredEscalation record(
            EscalationId id, long version, int customer, EscalationState state, int raised, int due) {
        EscalationFacts facts = new EscalationFacts(
                1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                due < 0 ? Optional.empty() : Optional.of(new DeadlineMark(DueKind.RESOLUTION, T0.plusSeconds(due))),
                0,
                0,
                false);
        Instant raisedAt = T0.plusSeconds(raised);
        StoredEscalation r = TestRecords.record(
                id, version, state, Criticality.HIGH, raisedAt, raisedAt, Optional.empty(), Optional.empty(), facts);
        return TestRecords.copy(r)
                .customer(customer(customer), CaseId.of("C-" + id.value()))
                .build();
    }
}
