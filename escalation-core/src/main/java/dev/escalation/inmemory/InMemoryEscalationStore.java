package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The in-memory reference {@link EscalationStore}: thread-safe, one lock per escalation for its unit of work, one open
 * escalation per case, the outbox with its chains and de-duplication window, due work indexed by due instant, the
 * change feed, and the optional {@link EscalationQueries} and {@link DataRetention} facets.
 *
 * <p>Data lives as long as the instance. It is the reference the contract kit checks; test authors may inspect it
 * through the SPI methods.
 */
public final class InMemoryEscalationStore implements EscalationStore {

    /** One escalation: its current version and its log, guarded by its own lock. */
    static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile StoredEscalation current;
        final List<StoredEntry> log = new ArrayList<>();

        Slot(StoredEscalation first) {
            this.current = first;
        }
    }

    private record CaseKey(CustomerId customer, CaseId caseId) {}

    private record SubmissionKey(CustomerId customer, String key) {}

    /** Ordering key of list indexes: (raisedAt, id). */
    record Order(Instant at, String id) implements Comparable<Order> {
        @Override
        public int compareTo(Order o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    private final ConcurrentHashMap<EscalationId, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CaseKey, EscalationId> openCases = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SubmissionKey, EscalationId> submissions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CustomerId, ConcurrentSkipListMap<Order, EscalationId>> byCustomer =
            new ConcurrentHashMap<>();
    private final Map<EscalationState, ConcurrentSkipListMap<Order, EscalationId>> byState =
            new EnumMap<>(EscalationState.class);
    private final ConcurrentHashMap<EscalationId, String> tickets = new ConcurrentHashMap<>();
    /**
     * Write-held while a write moves an escalation between the state indexes, read-held while a list query scans
     * them: a listing of several states scans their indexes one after another, so without it an escalation moving from
     * a not-yet-scanned index to an already-scanned one would be missing from the page.
     */
    private final ReentrantReadWriteLock listing = new ReentrantReadWriteLock();

    /** The change feed: positions are reserved right after a write is applied; readers stop at the first gap. */
    private final ConcurrentSkipListMap<Long, Change> feed = new ConcurrentSkipListMap<>();

    private final AtomicLong feedPositions = new AtomicLong();

    private final StoreCapabilities capabilities;
    private final InMemoryOutbox outbox;
    private final InMemoryDueWork dueWork;
    private final InMemoryQueries queries = new InMemoryQueries(this);
    private final InMemoryRetention retention = new InMemoryRetention(this);

    /** Creates an empty store with the default de-duplication window of seven days. */
    public InMemoryEscalationStore() {
        this(StoreCapabilities.DEFAULT_WINDOW);
    }

    /**
     * Creates an empty store.
     *
     * @param deduplicationWindow how long a delivered side effect's key is remembered (positive)
     * @throws IllegalArgumentException if the window is not positive
     */
    public InMemoryEscalationStore(Duration deduplicationWindow) {
        this.capabilities = new StoreCapabilities(
                Set.of(Capability.QUERIES, Capability.RETENTION), ChronoUnit.NANOS, deduplicationWindow);
        for (EscalationState s : EscalationState.values()) {
            byState.put(s, new ConcurrentSkipListMap<>());
        }
        this.outbox = new InMemoryOutbox(deduplicationWindow, new InMemoryOutbox.TicketReferences() {
            @Override
            public Optional<String> get(EscalationId escalation) {
                return Optional.ofNullable(tickets.get(escalation));
            }

            @Override
            public void recordFirst(EscalationId escalation, String reference) {
                if (slots.containsKey(escalation)) {
                    tickets.putIfAbsent(escalation, reference);
                }
            }
        });
        this.dueWork = new InMemoryDueWork(outbox);
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void create(EscalationWrite write) {
        Objects.requireNonNull(write, "write");
        StoredEscalation first = write.next();
        if (first.version() != 1) {
            throw new IllegalArgumentException("a new escalation must have version 1, not " + first.version());
        }
        checkEntries(write, 0);
        Optional<SubmissionKey> submission = first.submissionKey().map(k -> new SubmissionKey(first.customer(), k));
        if (submission.isPresent()) {
            EscalationId existing = submissions.putIfAbsent(submission.get(), first.id());
            if (existing != null) {
                throw new SubmissionExistsException(existing);
            }
        }
        CaseKey caseKey = new CaseKey(first.customer(), first.caseId());
        if (first.state().isOpen()) {
            EscalationId existing = openCases.putIfAbsent(caseKey, first.id());
            if (existing != null) {
                submission.ifPresent(k -> submissions.remove(k, first.id()));
                throw new OpenEscalationExistsException(first.caseId(), existing);
            }
        }
        Slot slot = new Slot(first.withTicketReference(Optional.empty()));
        slot.lock.lock();
        try {
            if (slots.putIfAbsent(first.id(), slot) != null) {
                openCases.remove(caseKey, first.id());
                submission.ifPresent(k -> submissions.remove(k, first.id()));
                throw new IllegalArgumentException("escalation " + first.id() + " exists");
            }
            slot.log.addAll(write.entries());
            Order order = orderOf(first);
            byCustomer
                    .computeIfAbsent(first.customer(), c -> new ConcurrentSkipListMap<>())
                    .put(order, first.id());
            byState.get(first.state()).put(order, first.id());
            outbox.enqueue(write.messages());
            dueWork.replace(first.id(), write.due());
            publish(slot.current);
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
        Objects.requireNonNull(customer, "customer");
        return change(id, customer, work);
    }

    @Override
    public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
        return change(id, null, work);
    }

    private <R> Optional<R> change(EscalationId id, CustomerId customer, UnitOfWork<R> work) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(work, "work");
        Slot slot = slots.get(id);
        if (slot == null) {
            return Optional.empty();
        }
        slot.lock.lock();
        try {
            StoredEscalation current = slot.current;
            if (customer != null && !current.customer().equals(customer)) {
                return Optional.empty();
            }
            if (slots.get(id) != slot) { // purged while we waited for the lock
                return Optional.empty();
            }
            UnitOfWork.Decision<R> decision = work.decide(withTicket(current));
            if (decision instanceof UnitOfWork.Decision.Write<R> w) {
                apply(slot, current, w.write());
            }
            return Optional.ofNullable(decision.result());
        } finally {
            slot.lock.unlock();
        }
    }

    /** Applies a decided write; the slot's lock is held. Checks everything before changing anything. */
    private void apply(Slot slot, StoredEscalation current, EscalationWrite write) {
        StoredEscalation next = write.next();
        if (!next.id().equals(current.id())
                || !next.customer().equals(current.customer())
                || !next.caseId().equals(current.caseId())
                || !next.raisedAt().equals(current.raisedAt())) {
            throw new IllegalArgumentException("a write must keep the escalation's id, customer, case and raisedAt");
        }
        if (next.version() != current.version() + 1) {
            throw new IllegalArgumentException(
                    "version " + next.version() + " does not follow the stored version " + current.version());
        }
        checkEntries(write, current.facts().entryCount());
        if (next.state().isOpen() && !current.state().isOpen()) {
            throw new IllegalArgumentException("a final escalation cannot be opened again");
        }
        listing.writeLock().lock();
        try {
            slot.log.addAll(write.entries());
            slot.current = next.withTicketReference(Optional.empty());
            if (current.state() != next.state()) {
                Order order = orderOf(next);
                byState.get(current.state()).remove(order);
                byState.get(next.state()).put(order, next.id());
            }
        } finally {
            listing.writeLock().unlock();
        }
        outbox.enqueue(write.messages());
        dueWork.replace(next.id(), write.due());
        if (!next.state().isOpen()) {
            openCases.remove(new CaseKey(next.customer(), next.caseId()), next.id());
        }
        publish(next);
    }

    private static void checkEntries(EscalationWrite write, long stored) {
        long first = write.next().facts().entryCount() - write.entries().size() + 1;
        if (first != stored + 1) {
            throw new IllegalArgumentException(
                    "entries must continue the log after sequence " + stored + ", not at " + first);
        }
    }

    private void publish(StoredEscalation s) {
        long position = feedPositions.incrementAndGet();
        feed.put(position, new Change(s.id(), s.customer(), s.version(), s.state(), s.updatedAt()));
    }

    // ------------------------------------------------------------------ reads

    private StoredEscalation withTicket(StoredEscalation s) {
        String ref = tickets.get(s.id());
        return ref == null ? s : s.withTicketReference(Optional.of(ref));
    }

    @Override
    public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
        Objects.requireNonNull(customer, "customer");
        return findForVendor(id).filter(s -> s.customer().equals(customer));
    }

    @Override
    public Optional<StoredEscalation> findForVendor(EscalationId id) {
        Objects.requireNonNull(id, "id");
        Slot slot = slots.get(id);
        return slot == null ? Optional.empty() : Optional.of(withTicket(slot.current));
    }

    @Override
    public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        EscalationId id = openCases.get(new CaseKey(Objects.requireNonNull(customer, "customer"), caseId));
        return id == null
                ? Optional.empty()
                : findForCustomer(customer, id).filter(r -> r.state().isOpen());
    }

    @Override
    public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
        Objects.requireNonNull(submissionKey, "submissionKey");
        EscalationId id =
                submissions.get(new SubmissionKey(Objects.requireNonNull(customer, "customer"), submissionKey));
        return id == null ? Optional.empty() : findForCustomer(customer, id);
    }

    @Override
    public List<StoredEntry> entriesForCustomer(CustomerId customer, EscalationId id, long afterSequence, int limit) {
        Objects.requireNonNull(customer, "customer");
        return entries(id, afterSequence, limit, customer);
    }

    @Override
    public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
        return entries(id, afterSequence, limit, null);
    }

    private List<StoredEntry> entries(EscalationId id, long afterSequence, int limit, CustomerId customer) {
        Objects.requireNonNull(id, "id");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must not be negative: " + afterSequence);
        }
        Slot slot = slots.get(id);
        if (slot == null) {
            return List.of();
        }
        slot.lock.lock();
        try {
            if (customer != null && !slot.current.customer().equals(customer)) {
                return List.of();
            }
            List<StoredEntry> result = new ArrayList<>(Math.min(limit, 64));
            // sequences are 1-based without gaps: entry n is at index n - 1
            for (int i = (int) Math.min(afterSequence, slot.log.size());
                    i < slot.log.size() && result.size() < limit;
                    i++) {
                StoredEntry e = slot.log.get(i);
                if (customer == null || e.visibility() == Visibility.CUSTOMER) {
                    result.add(e);
                }
            }
            return result;
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(page, "page");
        ConcurrentSkipListMap<Order, EscalationId> index = byCustomer.get(customer);
        if (index == null) {
            return Page.empty();
        }
        NavigableMap<Order, EscalationId> newestFirst = page.after().isPresent()
                ? index.headMap(toOrder(page.after().get()), false).descendingMap()
                : index.descendingMap();
        List<EscalationSummary> items = new ArrayList<>(page.size());
        boolean more = false;
        for (EscalationId id : newestFirst.values()) {
            Slot slot = slots.get(id);
            if (slot == null || !slot.current.customer().equals(customer)) {
                continue;
            }
            if (items.size() == page.size()) {
                more = true;
                break;
            }
            items.add(withTicket(slot.current).summary());
        }
        return new Page<>(items, more ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty());
    }

    @Override
    public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(page, "page");
        if (states.isEmpty()) {
            throw new IllegalArgumentException("states must not be empty");
        }
        listing.readLock().lock();
        try {
            // merge the tails of the state indexes after the cursor, one item more than the page to detect the end
            ConcurrentSkipListMap<Order, EscalationId> merged = new ConcurrentSkipListMap<>();
            for (EscalationState s : states) {
                ConcurrentSkipListMap<Order, EscalationId> index = byState.get(s);
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
                Slot slot = slots.get(id);
                if (slot == null || !states.contains(slot.current.state())) {
                    continue;
                }
                if (items.size() == page.size()) {
                    more = true;
                    break;
                }
                items.add(withTicket(slot.current).summary());
            }
            return new Page<>(items, more ? Optional.of(cursorOf(items.get(items.size() - 1))) : Optional.empty());
        } finally {
            listing.readLock().unlock();
        }
    }

    private static Order orderOf(StoredEscalation s) {
        return new Order(s.raisedAt(), s.id().value());
    }

    private static Order toOrder(PageCursor c) {
        return new Order(c.at(), c.id());
    }

    private static PageCursor cursorOf(EscalationSummary s) {
        return new PageCursor(s.raisedAt(), s.id().value());
    }

    @Override
    public ChangeBatch changesSince(String cursor, int limit) {
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        long after;
        try {
            after = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor of this store", e);
        }
        if (after < 0) {
            throw new IllegalArgumentException("not a cursor of this store");
        }
        List<Change> changes = new ArrayList<>(Math.min(limit, 64));
        long position = after;
        // a position is reserved before its change is put: stop at the first gap, it fills in a moment
        while (changes.size() < limit) {
            Change c = feed.get(position + 1);
            if (c == null) {
                break;
            }
            changes.add(c);
            position++;
        }
        return new ChangeBatch(changes, position == 0 ? ChangeBatch.START : Long.toString(position));
    }

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public DueWork dueWork() {
        return dueWork;
    }

    @Override
    public Optional<EscalationQueries> queries() {
        return Optional.of(queries);
    }

    @Override
    public Optional<DataRetention> retention() {
        return Optional.of(retention);
    }

    /**
     * How many escalations the store holds (for tests and monitoring).
     *
     * @return the count
     */
    public int size() {
        return slots.size();
    }

    // ------------------------------------------------------------------ for the facets of this package

    /** Every escalation as it stands, with its ticket reference. */
    List<StoredEscalation> snapshot() {
        List<StoredEscalation> all = new ArrayList<>(slots.size());
        for (Slot slot : slots.values()) {
            all.add(withTicket(slot.current));
        }
        return all;
    }

    Collection<Slot> slots() {
        return slots.values();
    }

    InMemoryOutbox outboxInternal() {
        return outbox;
    }

    InMemoryDueWork dueWorkInternal() {
        return dueWork;
    }

    /** Rewrites an escalation and its log under its lock (erasure); not a version change, not in the feed. */
    void rewrite(
            Slot slot, java.util.function.UnaryOperator<StoredEscalation> record, Consumer<List<StoredEntry>> log) {
        slot.lock.lock();
        try {
            slot.current = record.apply(slot.current);
            log.accept(slot.log);
        } finally {
            slot.lock.unlock();
        }
    }

    /** Removes a final escalation with everything it owns; returns whether it was removed. */
    boolean purge(EscalationId id, Instant cutoff) {
        Slot slot = slots.get(id);
        if (slot == null) {
            return false;
        }
        slot.lock.lock();
        try {
            StoredEscalation s = slot.current;
            if (s.state().isOpen() || !s.updatedAt().isBefore(cutoff) || !slots.remove(id, slot)) {
                return false;
            }
            listing.writeLock().lock();
            try {
                Order order = orderOf(s);
                byState.get(s.state()).remove(order);
                ConcurrentSkipListMap<Order, EscalationId> customerIndex = byCustomer.get(s.customer());
                if (customerIndex != null) {
                    customerIndex.remove(order);
                }
            } finally {
                listing.writeLock().unlock();
            }
            s.submissionKey().ifPresent(k -> submissions.remove(new SubmissionKey(s.customer(), k), id));
            tickets.remove(id);
            outbox.dropEscalation(id);
            dueWork.dropEscalation(id);
            return true;
        } finally {
            slot.lock.unlock();
        }
    }
}
