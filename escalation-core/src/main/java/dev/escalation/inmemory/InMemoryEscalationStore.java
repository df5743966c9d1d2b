package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationRecord;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StaleVersionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory reference {@link dev.escalation.spi.EscalationStore}: thread-safe, honouring versions, one open
 * escalation per case, outbox idempotency keys and dead letters, with due work indexed by due instant.
 *
 * <p>Data lives as long as the instance. It is the engine's default store and the reference the contract kit
 * checks; test authors may inspect it through the SPI methods.
 */
public final class InMemoryEscalationStore implements EscalationStore {

    private record CaseKey(CustomerId customer, CaseId caseId) {}

    private record SubmissionKey(CustomerId customer, String key) {}

    /** Ordering key of list indexes: (raisedAt, id). */
    private record Order(Instant at, EscalationId id) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.value().compareTo(o.id.value());
        }
    }

    private final ConcurrentHashMap<EscalationId, EscalationRecord> records = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CaseKey, EscalationId> openCases = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SubmissionKey, EscalationId> submissions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CustomerId, ConcurrentSkipListMap<Order, EscalationId>> byCustomer =
            new ConcurrentHashMap<>();
    private final Map<EscalationState, ConcurrentSkipListMap<Order, EscalationId>> byState =
            new EnumMap<>(EscalationState.class);
    /**
     * Write-held while a state change moves an escalation between the state indexes, read-held while a list query
     * scans them: a listing of several states scans their indexes one after another, so without it an escalation
     * moving from a not-yet-scanned index to an already-scanned one would be missing from the page.
     */
    private final ReentrantReadWriteLock listing = new ReentrantReadWriteLock();

    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryDueWork dueWork = new InMemoryDueWork(outbox);

    /** Creates an empty store. */
    public InMemoryEscalationStore() {
        for (EscalationState s : EscalationState.values()) {
            byState.put(s, new ConcurrentSkipListMap<>());
        }
    }

    @Override
    public void insert(EscalationRecord record, List<OutboxMessage> messages, List<DueItem> due) {
        Objects.requireNonNull(record, "record");
        if (record.version() != 1) {
            throw new IllegalArgumentException("a new escalation must have version 1, not " + record.version());
        }
        CaseKey caseKey = new CaseKey(record.customer(), record.caseId());
        if (record.state().isOpen()) {
            EscalationId existing = openCases.putIfAbsent(caseKey, record.id());
            if (existing != null) {
                throw new OpenEscalationExistsException(record.caseId(), existing);
            }
        }
        if (records.putIfAbsent(record.id(), record) != null) {
            openCases.remove(caseKey, record.id());
            throw new IllegalArgumentException("escalation " + record.id() + " exists");
        }
        record.submissionKey()
                .ifPresent(k -> submissions.putIfAbsent(new SubmissionKey(record.customer(), k), record.id()));
        Order order = new Order(record.raisedAt(), record.id());
        byCustomer
                .computeIfAbsent(record.customer(), c -> new ConcurrentSkipListMap<>())
                .put(order, record.id());
        byState.get(record.state()).put(order, record.id());
        outbox.enqueue(messages);
        dueWork.replace(record.id(), due);
    }

    @Override
    public void update(EscalationRecord next, List<OutboxMessage> messages, List<DueItem> due) {
        Objects.requireNonNull(next, "next");
        long expected = next.version() - 1;
        EscalationState[] previous = new EscalationState[1];
        listing.writeLock().lock();
        try {
            records.compute(next.id(), (id, current) -> {
                if (current == null || current.version() != expected) {
                    throw new StaleVersionException(next.id(), expected);
                }
                previous[0] = current.state();
                // written while the record's bin is locked: a stale write queues nothing
                outbox.enqueue(messages);
                dueWork.replace(id, due);
                return next;
            });
            if (previous[0] != next.state()) {
                Order order = new Order(next.raisedAt(), next.id());
                byState.get(previous[0]).remove(order);
                byState.get(next.state()).put(order, next.id());
            }
        } finally {
            listing.writeLock().unlock();
        }
        if (!next.state().isOpen()) {
            openCases.remove(new CaseKey(next.customer(), next.caseId()), next.id());
        }
    }

    @Override
    public Optional<EscalationRecord> find(EscalationId id) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public Optional<EscalationRecord> find(CustomerId customer, EscalationId id) {
        EscalationRecord r = records.get(id);
        return r != null && r.customer().equals(customer) ? Optional.of(r) : Optional.empty();
    }

    @Override
    public Optional<EscalationRecord> findOpen(CustomerId customer, CaseId caseId) {
        EscalationId id = openCases.get(new CaseKey(customer, caseId));
        return id == null
                ? Optional.empty()
                : find(customer, id).filter(r -> r.state().isOpen());
    }

    @Override
    public Optional<EscalationRecord> findBySubmission(CustomerId customer, String submissionKey) {
        EscalationId id = submissions.get(new SubmissionKey(customer, submissionKey));
        return id == null ? Optional.empty() : find(customer, id);
    }

    @Override
    public Page<EscalationSummary> listByCustomer(CustomerId customer, PageRequest page) {
        ConcurrentSkipListMap<Order, EscalationId> index = byCustomer.get(customer);
        return index == null ? Page.empty() : page(List.of(index), page, Set.of(EscalationState.values()));
    }

    @Override
    public Page<EscalationSummary> listByState(Set<EscalationState> states, PageRequest page) {
        if (states.isEmpty()) {
            throw new IllegalArgumentException("states must not be empty");
        }
        List<ConcurrentSkipListMap<Order, EscalationId>> indexes = new ArrayList<>();
        for (EscalationState s : states) {
            indexes.add(byState.get(s));
        }
        return page(indexes, page, states);
    }

    /** Merges the tails of sorted indexes after the cursor, taking one item more than the page to detect the end. */
    private Page<EscalationSummary> page(
            List<ConcurrentSkipListMap<Order, EscalationId>> indexes, PageRequest page, Set<EscalationState> states) {
        listing.readLock().lock();
        try {
            return pageLocked(indexes, page, states);
        } finally {
            listing.readLock().unlock();
        }
    }

    private Page<EscalationSummary> pageLocked(
            List<ConcurrentSkipListMap<Order, EscalationId>> indexes, PageRequest page, Set<EscalationState> states) {
        ConcurrentSkipListMap<Order, EscalationId> merged = new ConcurrentSkipListMap<>();
        for (ConcurrentSkipListMap<Order, EscalationId> index : indexes) {
            NavigableMap<Order, EscalationId> tail = page.after().isPresent()
                    ? index.tailMap(toOrder(page.after().get()), false)
                    : index;
            int taken = 0;
            for (Map.Entry<Order, EscalationId> e : tail.entrySet()) {
                if (taken++ > page.size()) {
                    break;
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        List<EscalationSummary> items = new ArrayList<>(page.size());
        boolean more = false;
        for (EscalationId id : merged.values()) {
            EscalationRecord r = records.get(id);
            if (r == null || !states.contains(r.state())) { // moved to another state meanwhile
                continue;
            }
            if (items.size() == page.size()) {
                more = true;
                break;
            }
            items.add(r.summary());
        }
        Optional<PageCursor> next = more && !items.isEmpty()
                ? Optional.of(new PageCursor(
                        items.get(items.size() - 1).raisedAt(),
                        items.get(items.size() - 1).id().value()))
                : Optional.empty();
        return new Page<>(items, next);
    }

    private static Order toOrder(PageCursor c) {
        return new Order(c.at(), EscalationId.of(c.id()));
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public DueWork dueWork() {
        return dueWork;
    }

    /**
     * How many escalations the store holds (for tests and monitoring).
     *
     * @return the count
     */
    public int size() {
        return records.size();
    }
}
