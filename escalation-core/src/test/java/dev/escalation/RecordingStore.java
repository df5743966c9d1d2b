package dev.escalation;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A store wrapper for tests: counts calls per method (outbox methods as {@code outbox.claim} …), records the
 * outcomes given to {@code finish} and the limits of log reads, marks the thread while a unit of work decides
 * ({@link #insideUnitOfWork()}), can be switched down (every store method except the outbox and due-work facets
 * throws {@link UnavailableException}, as a database that refuses connections), can forbid log reads (the
 * {@code entriesFor…} methods throw a {@link GuardViolation}, which nothing in the engine catches), and can break
 * the tenant scope ({@link #leak}: the {@code …ForCustomer} methods ignore the customer) or return another escalation
 * than asked for ({@link #redirect}) to prove the engine's own checks.
 */
final class RecordingStore implements EscalationStore {
    private static final ThreadLocal<Boolean> DECIDING = ThreadLocal.withInitial(() -> false);
    final AtomicBoolean down = new AtomicBoolean();
    /**
     * If set, every store method, the outbox's and the due work's included, throws this (a broken adapter: a failure
     * the SPI does not name, such as a driver's {@code IllegalStateException} or a bug's {@code NullPointerException},
     * a checked exception thrown sneakily or an {@link Error}).
     */
    final java.util.concurrent.atomic.AtomicReference<Throwable> broken =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * How many messages the outbox's claims are still to dead-letter themselves, from the start of each batch, as a
     * store does with messages it cannot read back (told through the claim's {@code deadLettered}).
     */
    final AtomicInteger parksInClaim = new AtomicInteger();

    /** Whether every claim returns nothing and tells of a batch it dead-lettered, which it did not. */
    final AtomicBoolean tellsUntoldDeadLetters = new AtomicBoolean();

    final AtomicBoolean forbidLogReads = new AtomicBoolean();
    final AtomicBoolean leak = new AtomicBoolean();
    /** If set, the {@code find…} methods return this escalation whatever id they are asked for (a broken store). */
    final java.util.concurrent.atomic.AtomicReference<EscalationId> redirect =
            new java.util.concurrent.atomic.AtomicReference<>();
    /** If set, the {@code change…} methods change this escalation whatever id they are asked for (a broken store). */
    final java.util.concurrent.atomic.AtomicReference<EscalationId> redirectChanges =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * If set, the due work of this escalation is claimed with its data garbled (its {@code dueAt} no instant): a store
     * that hands back an item the engine cannot prepare.
     */
    final java.util.concurrent.atomic.AtomicReference<EscalationId> garbleDue =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * If set, the due work's {@code complete} answers as if its claim no longer held (its lease ran out and another
     * instance took the item): it completes and queues nothing and returns false. The item stays leased as it was.
     */
    final AtomicBoolean loseDueClaims = new AtomicBoolean();

    /**
     * If set, the due work's {@code complete} only releases the item and says it completed it (the kit's fault
     * {@code CompletesByReleasing}): the item is claimable again at once, and its follow-ups are not queued.
     */
    final AtomicBoolean completesByReleasing = new AtomicBoolean();

    /**
     * If set, runs once, on the calling thread, when the due work's next {@code complete} has completed its item: what
     * happens while a store call runs, such as the worker's stop interrupting it (and a driver ignoring the interrupt).
     */
    final java.util.concurrent.atomic.AtomicReference<Runnable> afterDueCompletion =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * If set, the outbox's {@code finish} records every {@code Delivered} outcome as {@code Released} (the kit's fault
     * {@code DeliveredOnlyReleases}): a delivered message is claimable again at once.
     */
    final AtomicBoolean deliveredOnlyReleases = new AtomicBoolean();

    /**
     * If set, the outbox's {@code finish} records the first message it sees delivered as {@code Released}, then and
     * every later time (a store that loses one message's delivery): that message is claimable again at once.
     */
    final AtomicBoolean forgetsOneDelivery = new AtomicBoolean();

    /**
     * If set, the outbox's {@code claim} returns each claimed message twice, one after the other (a join that
     * multiplies rows): a batch that holds the same message twice.
     */
    final AtomicBoolean claimsEachTwice = new AtomicBoolean();

    private final java.util.concurrent.atomic.AtomicReference<dev.escalation.model.MessageId> forgotten =
            new java.util.concurrent.atomic.AtomicReference<>();

    final List<DeliveryOutcome> finished = new CopyOnWriteArrayList<>();
    final List<Integer> logReadLimits = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final EscalationStore delegate;
    private final Outbox outbox;
    private final DueWork dueWork;

    /** The subject keys this store claims to keep in its transactions (SPI v2), or null: it keeps none. */
    private final dev.escalation.spi.@org.jspecify.annotations.Nullable SubjectKeys keptKeys;

    RecordingStore(EscalationStore delegate) {
        this(delegate, null);
    }

    /**
     * A store that says it keeps the engine's subject keys in its transactions ({@link #keepsSubjectKeys}) and hands
     * {@code keptKeys} to every unit of work and {@link #createWithKeys} (a test's view of the keys, e.g. one that
     * fails), or one that keeps none if null.
     */
    RecordingStore(
            EscalationStore delegate, dev.escalation.spi.@org.jspecify.annotations.Nullable SubjectKeys keptKeys) {
        this.delegate = delegate;
        this.outbox = new CountingOutbox(delegate.outbox());
        this.dueWork = breakable(delegate.dueWork());
        this.keptKeys = keptKeys;
    }

    /** {@code due}, breaking with the store ({@link #broken}); counts nothing. */
    private DueWork breakable(DueWork due) {
        return new DueWork() {
            @Override
            public List<dev.escalation.spi.DueItem> due(Instant now, int limit) {
                throwIfBroken();
                return due.due(now, limit);
            }

            @Override
            public List<dev.escalation.spi.ClaimedDue> claim(
                    String claimant, Instant now, java.time.Duration lease, int limit) {
                throwIfBroken();
                List<dev.escalation.spi.ClaimedDue> claimed = due.claim(claimant, now, lease, limit);
                EscalationId garbled = garbleDue.get();
                return garbled == null
                        ? claimed
                        : claimed.stream().map(c -> garbled(c, garbled)).toList();
            }

            @Override
            public boolean complete(dev.escalation.spi.ClaimedDue claimed, List<dev.escalation.spi.OutboxMessage> f) {
                throwIfBroken();
                if (completesByReleasing.get()) {
                    due.release(claimed);
                    return true;
                }
                boolean completed = !loseDueClaims.get() && due.complete(claimed, f);
                Runnable after = afterDueCompletion.getAndSet(null);
                if (after != null) {
                    after.run();
                }
                return completed;
            }

            @Override
            public void release(dev.escalation.spi.ClaimedDue claimed) {
                throwIfBroken();
                due.release(claimed);
            }
        };
    }

    private static dev.escalation.spi.ClaimedDue garbled(dev.escalation.spi.ClaimedDue c, EscalationId garbled) {
        dev.escalation.spi.DueItem i = c.item();
        if (!i.escalation().equals(garbled)) {
            return c;
        }
        Map<String, String> data = new java.util.LinkedHashMap<>(i.data());
        data.put("dueAt", "soon");
        return new dev.escalation.spi.ClaimedDue(
                new dev.escalation.spi.DueItem(
                        i.key(), i.escalation(), i.customer(), i.kind(), i.step(), i.dueAt(), data),
                c.claimToken());
    }

    @Override
    public boolean keepsSubjectKeys(dev.escalation.spi.SubjectKeys keys) {
        return keptKeys != null;
    }

    @Override
    public void createWithKeys(java.util.function.Function<dev.escalation.spi.SubjectKeys, EscalationWrite> write) {
        if (keptKeys == null) {
            EscalationStore.super.createWithKeys(write);
            return;
        }
        call("create");
        delegate.create(write.apply(keptKeys));
    }

    /** How often a method was called since the last {@link #reset()}. */
    int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    /** Every method's call count since the last {@link #reset()}, by name (a copy, sorted). */
    Map<String, Integer> callCounts() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        calls.forEach((method, n) -> copy.put(method, n.get()));
        return copy;
    }

    /** The unit-of-work calls (create and change) since the last reset. */
    int writes() {
        return calls("create") + calls("changeForCustomer") + calls("changeForVendor");
    }

    void reset() {
        calls.clear();
        finished.clear();
        logReadLimits.clear();
    }

    /** Whether the calling thread is inside a unit of work's {@code decide} of some recording store. */
    static boolean insideUnitOfWork() {
        return DECIDING.get();
    }

    private <R> UnitOfWork<R> marked(UnitOfWork<R> work) {
        dev.escalation.spi.SubjectKeys keys = keptKeys;
        return current -> {
            DECIDING.set(true);
            try {
                return keys == null ? work.decide(current) : work.decide(current, keys);
            } finally {
                DECIDING.set(false);
            }
        };
    }

    private void call(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        throwIfBroken();
        if (down.get()) {
            throw new UnavailableException("database refused the connection", null);
        }
    }

    private void throwIfBroken() {
        Throwable e = broken.get();
        if (e != null) {
            throw PlantedDirectories.sneaky(e);
        }
    }

    private void logRead(String method) {
        call(method);
        if (forbidLogReads.get()) {
            throw new GuardViolation(method + " was called while log reads are forbidden");
        }
    }

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void create(EscalationWrite write) {
        call("create");
        delegate.create(write);
    }

    @Override
    public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
        call("changeForCustomer");
        EscalationId asked = redirectChanges.get() != null ? redirectChanges.get() : id;
        return leak.get()
                ? delegate.changeForVendor(asked, marked(work))
                : delegate.changeForCustomer(customer, asked, marked(work));
    }

    @Override
    public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
        call("changeForVendor");
        return delegate.changeForVendor(redirectChanges.get() != null ? redirectChanges.get() : id, marked(work));
    }

    @Override
    public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
        call("findForCustomer");
        EscalationId asked = redirect.get() != null ? redirect.get() : id;
        return leak.get() ? delegate.findForVendor(asked) : delegate.findForCustomer(customer, asked);
    }

    @Override
    public Optional<StoredEscalation> findForVendor(EscalationId id) {
        call("findForVendor");
        return delegate.findForVendor(redirect.get() != null ? redirect.get() : id);
    }

    @Override
    public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
        call("findOpenForCustomer");
        return delegate.findOpenForCustomer(customer, caseId);
    }

    @Override
    public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
        call("findBySubmissionForCustomer");
        return delegate.findBySubmissionForCustomer(customer, submissionKey);
    }

    @Override
    public List<StoredEntry> entriesForCustomer(CustomerId customer, EscalationId id, long after, int limit) {
        logRead("entriesForCustomer");
        logReadLimits.add(limit);
        return leak.get()
                ? delegate.entriesForVendor(id, after, limit)
                : delegate.entriesForCustomer(customer, id, after, limit);
    }

    @Override
    public List<StoredEntry> entriesForVendor(EscalationId id, long after, int limit) {
        logRead("entriesForVendor");
        logReadLimits.add(limit);
        return delegate.entriesForVendor(id, after, limit);
    }

    @Override
    public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
        call("listForCustomer");
        if (leak.get()) {
            return delegate.listForVendor(java.util.EnumSet.allOf(EscalationState.class), page);
        }
        return delegate.listForCustomer(customer, page);
    }

    @Override
    public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
        call("listForVendor");
        return delegate.listForVendor(states, page);
    }

    @Override
    public ChangeBatch changesSince(String cursor, int limit) {
        call("changesSince");
        return delegate.changesSince(cursor, limit);
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
        return delegate.queries();
    }

    @Override
    public Optional<DataRetention> retention() {
        return delegate.retention();
    }

    @Override
    public Optional<dev.escalation.spi.MetricsQueries> metrics() {
        return delegate.metrics();
    }

    /** Counts claims and finishes and keeps the outcomes. */
    private boolean forgets(DeliveryOutcome.Delivered d) {
        if (deliveredOnlyReleases.get()) {
            return true;
        }
        forgotten.compareAndSet(null, d.claimed().message().id());
        return d.claimed().message().id().equals(forgotten.get());
    }

    private final class CountingOutbox implements Outbox {
        private final Outbox delegate;

        CountingOutbox(Outbox delegate) {
            this.delegate = delegate;
        }

        private void count(String method) {
            calls.computeIfAbsent("outbox." + method, m -> new AtomicInteger()).incrementAndGet();
            throwIfBroken();
        }

        @Override
        public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
            count("claim");
            List<ClaimedMessage> claimed = delegate.claim(claimant, now, lease, limit);
            if (!claimsEachTwice.get()) {
                return claimed;
            }
            List<ClaimedMessage> twice = new ArrayList<>();
            for (ClaimedMessage c : claimed) {
                twice.add(c);
                twice.add(c);
            }
            return twice;
        }

        @Override
        public List<ClaimedMessage> claim(
                String claimant, Instant now, Duration lease, int limit, IntConsumer deadLettered) {
            if (tellsUntoldDeadLetters.get()) {
                count("claim");
                deadLettered.accept(limit);
                return List.of();
            }
            List<ClaimedMessage> claimed = claim(claimant, now, lease, limit);
            int parks = Math.min(parksInClaim.get(), claimed.size());
            if (parks == 0) {
                return claimed;
            }
            parksInClaim.addAndGet(-parks);
            delegate.finish(
                    claimed.subList(0, parks).stream()
                            .map(c -> (DeliveryOutcome) new DeliveryOutcome.DeadLetter(c, "UNREADABLE", "planted"))
                            .toList(),
                    now);
            deadLettered.accept(parks);
            return claimed.subList(parks, claimed.size());
        }

        @Override
        public int finish(List<DeliveryOutcome> outcomes, Instant now) {
            count("finish");
            finished.addAll(new ArrayList<>(outcomes));
            if (deliveredOnlyReleases.get() || forgetsOneDelivery.get()) {
                return delegate.finish(
                        outcomes.stream()
                                .map(o -> o instanceof DeliveryOutcome.Delivered d && forgets(d)
                                        ? new DeliveryOutcome.Released(d.claimed())
                                        : o)
                                .toList(),
                        now);
            }
            return delegate.finish(outcomes, now);
        }

        @Override
        public OutboxCounts counts() {
            count("counts");
            return delegate.counts();
        }

        @Override
        public OutboxCounts countsOf(EscalationId escalation) {
            count("countsOf");
            return delegate.countsOf(escalation);
        }

        @Override
        public Page<OutboxMessage> deadLetters(PageRequest page) {
            count("deadLetters");
            return delegate.deadLetters(page);
        }

        @Override
        public boolean replay(MessageId id, Instant now) {
            count("replay");
            return delegate.replay(id, now);
        }

        @Override
        public int replayAll(EscalationId escalation, Instant now) {
            count("replayAll");
            return delegate.replayAll(escalation, now);
        }
    }
}
