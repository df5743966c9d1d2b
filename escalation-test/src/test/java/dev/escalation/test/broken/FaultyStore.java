package dev.escalation.test.broken;

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

/**
 * A copy of the in-memory reference store with switchable {@link Fault}s, to prove that the contract kit catches
 * each of them. With no fault it behaves like the reference.
 */
public final class FaultyStore implements EscalationStore {

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
    private final java.util.concurrent.locks.ReentrantReadWriteLock listing =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private final java.util.Set<Fault> faults;
    private final FaultyOutbox outbox;
    private final FaultyDueWork dueWork;

    /**
     * Creates an empty store.
     *
     * @param faults the bugs to exhibit
     */
    public FaultyStore(java.util.Set<Fault> faults) {
        this.faults = java.util.EnumSet.noneOf(Fault.class);
        this.faults.addAll(faults);
        this.outbox = new FaultyOutbox(this.faults);
        this.dueWork = new FaultyDueWork(outbox, this.faults);
        for (EscalationState s : EscalationState.values()) {
            byState.put(s, new ConcurrentSkipListMap<>());
        }
    }

    @Override
    public void insert(EscalationRecord record, List<OutboxMessage> messages, List<DueItem> due) {
        Objects.requireNonNull(record, "record");
        if (!available()) {
            return;
        }
        if (faults.contains(Fault.OVERWRITES_ON_INSERT) && records.containsKey(record.id())) {
            records.put(record.id(), record);
            return;
        }
        if (record.version() != 1) {
            throw new IllegalArgumentException("a new escalation must have version 1, not " + record.version());
        }
        CaseKey caseKey = new CaseKey(record.customer(), record.caseId());
        if (record.state().isOpen() && faults.contains(Fault.ALLOWS_TWO_OPEN_PER_CASE)) {
            openCases.put(caseKey, record.id());
        } else if (record.state().isOpen()) {
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
                .filter(k -> !faults.contains(Fault.FORGETS_SUBMISSION_KEY))
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
        if (!available()) {
            return;
        }
        long expected = next.version() - 1;
        EscalationState[] previous = new EscalationState[1];
        boolean locked = lockedListing();
        if (locked) {
            listing.writeLock().lock();
        }
        try {
            records.compute(next.id(), (id, current) -> {
                if (current != null && faults.contains(Fault.IGNORES_VERSIONS)) {
                    previous[0] = current.state();
                    outbox.enqueue(messages);
                    dueWork.replace(id, due);
                    return next;
                }
                if (current != null
                        && current.version() != expected
                        && faults.contains(Fault.STALE_SAVE_WRITES_OUTBOX)) {
                    outbox.enqueue(messages);
                }
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
                if (!locked) {
                    letAConcurrentListingSeeTheGap();
                }
                byState.get(next.state()).put(order, next.id());
            }
        } finally {
            if (locked) {
                listing.writeLock().unlock();
            }
        }
        if (!next.state().isOpen()) {
            openCases.remove(new CaseKey(next.customer(), next.caseId()), next.id());
        }
    }

    @Override
    public Optional<EscalationRecord> find(EscalationId id) {
        if (!available()) {
            return Optional.empty();
        }
        return Optional.ofNullable(records.get(id)).map(this::read);
    }

    private volatile boolean available = true;

    /**
     * Simulates an outage: while unavailable every call throws {@link dev.escalation.spi.UnavailableException},
     * or, with {@link Fault#DROPS_FAILURES_SILENTLY}, does nothing and finds nothing.
     *
     * @param available whether the backend answers
     */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    private final java.util.concurrent.atomic.AtomicLong pagesListed = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastListerThread = -1;
    private volatile long lastListedNanos;

    /**
     * The fault made visible on any scheduler, however loaded: when another thread has been listing within the last
     * half second (a concurrent reader), the writer waits in the gap – the moving escalation in no index – until
     * that reader completes a page, yielding the CPU meanwhile and giving up after a second. Listings from the
     * writer's own thread (the sequential tests) never make it wait, so the other tests stay fast.
     */
    private void letAConcurrentListingSeeTheGap() {
        long lister = lastListerThread;
        if (lister == -1
                || lister == Thread.currentThread().getId()
                || System.nanoTime() - lastListedNanos > 500_000_000L) {
            return;
        }
        long seen = pagesListed.get();
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (pagesListed.get() == seen && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    private boolean lockedListing() {
        return !faults.contains(Fault.MOVES_BETWEEN_STATES_NON_ATOMICALLY);
    }

    private boolean available() {
        if (available) {
            return true;
        }
        if (faults.contains(Fault.DROPS_FAILURES_SILENTLY)) {
            return false;
        }
        throw new dev.escalation.spi.UnavailableException("store unavailable (simulated outage)", null);
    }

    private EscalationRecord read(EscalationRecord r) {
        if (faults.contains(Fault.DROPS_DETAIL_ORDER)) {
            List<dev.escalation.spi.ProgressEntry> log = new ArrayList<>();
            for (dev.escalation.spi.ProgressEntry p : r.progress()) {
                List<String> keys = new ArrayList<>(p.details().keySet());
                java.util.Collections.reverse(keys);
                Map<String, String> details = new java.util.LinkedHashMap<>();
                keys.forEach(k -> details.put(k, p.details().get(k)));
                log.add(new dev.escalation.spi.ProgressEntry(
                        p.sequence(), p.at(), p.kind(), p.actor(), p.visibility(), p.text(), details));
            }
            r = new EscalationRecord(
                    r.id(),
                    r.version(),
                    r.customer(),
                    r.caseId(),
                    r.state(),
                    r.raisedBy(),
                    r.message(),
                    r.cause(),
                    r.criticality(),
                    r.submissionKey(),
                    r.raisedAt(),
                    r.updatedAt(),
                    r.manager(),
                    r.plan(),
                    r.participants(),
                    r.resolution(),
                    r.lessonsLearned(),
                    r.policy(),
                    log);
        }
        if (!faults.contains(Fault.REORDERS_PROGRESS_LOG) || r.progress().size() <= 3) {
            return r;
        }
        List<dev.escalation.spi.ProgressEntry> log =
                new ArrayList<>(r.progress().subList(0, 3));
        List<dev.escalation.spi.ProgressEntry> tail =
                new ArrayList<>(r.progress().subList(3, r.progress().size()));
        java.util.Collections.reverse(tail);
        log.addAll(tail);
        return new EscalationRecord(
                r.id(),
                r.version(),
                r.customer(),
                r.caseId(),
                r.state(),
                r.raisedBy(),
                r.message(),
                r.cause(),
                r.criticality(),
                r.submissionKey(),
                r.raisedAt(),
                r.updatedAt(),
                r.manager(),
                r.plan(),
                r.participants(),
                r.resolution(),
                r.lessonsLearned(),
                r.policy(),
                log);
    }

    @Override
    public Optional<EscalationRecord> find(CustomerId customer, EscalationId id) {
        EscalationRecord r = records.get(id);
        boolean leak = faults.contains(Fault.LEAKS_ACROSS_CUSTOMERS);
        return r != null && (leak || r.customer().equals(customer)) ? Optional.of(read(r)) : Optional.empty();
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
        if (index != null && faults.contains(Fault.OFFSET_IN_CURSOR)) {
            List<EscalationSummary> all = index.values().stream()
                    .map(records::get)
                    .map(EscalationRecord::summary)
                    .toList();
            int offset = page.after()
                    .map(c -> Integer.parseInt(c.id().substring("offset:".length())))
                    .orElse(0);
            List<EscalationSummary> items =
                    all.subList(Math.min(offset, all.size()), Math.min(offset + page.size(), all.size()));
            boolean more = offset + page.size() < all.size();
            return new Page<>(
                    items,
                    more
                            ? Optional.of(new PageCursor(java.time.Instant.EPOCH, "offset:" + (offset + page.size())))
                            : Optional.empty());
        }
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
        boolean locked = lockedListing();
        if (locked) {
            listing.readLock().lock();
        }
        try {
            Page<EscalationSummary> result = pageLocked(indexes, page, states);
            pagesListed.incrementAndGet();
            lastListerThread = Thread.currentThread().getId();
            lastListedNanos = System.nanoTime();
            return result;
        } finally {
            if (locked) {
                listing.readLock().unlock();
            }
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

    private Order toOrder(PageCursor c) {
        if (faults.contains(Fault.PAGES_BY_INSTANT_ONLY)) {
            return new Order(c.at(), EscalationId.of("\uffff"));
        }
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
