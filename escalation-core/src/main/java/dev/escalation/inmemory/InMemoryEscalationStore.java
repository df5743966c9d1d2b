package dev.escalation.inmemory;

import dev.escalation.model.CaseId;
import dev.escalation.model.CommunicationPlan;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Intake;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.Capability;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.MetricsQueries;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory reference {@link EscalationStore}: thread-safe, one lock per escalation for its unit of work, one open
 * escalation per case, the outbox with its chains and de-duplication window, due work indexed by due instant, the
 * change feed, and the optional {@link EscalationQueries}, {@link DataRetention} and {@link MetricsQueries} facets
 * (metric rows are kept when their escalation is purged, and so are its changes in the change feed).
 *
 * <p>Data lives as long as the instance. It is the reference the contract kit checks; test authors may inspect it
 * through the SPI methods.
 */
public final class InMemoryEscalationStore implements EscalationStore {

    private final ChangeFeed feed = new ChangeFeed();

    private final StoreCapabilities capabilities;
    private final StoreState state;
    private final InMemoryQueries queries;
    private final InMemoryRetention retention;
    private final InMemoryMetrics metrics = new InMemoryMetrics();

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
                Set.of(Capability.QUERIES, Capability.RETENTION, Capability.METRICS),
                ChronoUnit.NANOS,
                deduplicationWindow);
        this.state = new StoreState(deduplicationWindow);
        this.queries = new InMemoryQueries(state);
        this.retention = new InMemoryRetention(state);
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public void create(EscalationWrite write) {
        Objects.requireNonNull(write, "write");
        StoredEscalation first = write.next();
        if (first.version() != 1) {
            throw new IllegalArgumentException("a new escalation must have version 1, not " + first.version());
        }
        checkEntries(write, 0);
        Slot slot = new Slot(shared(first, null), write.entries(), state.interner, state.reads);
        synchronized (slot) {
            // the record is readable before its keys are claimed: a create that loses the race for the case or the
            // submission key reads the escalation the exception names (readers of its log wait for this lock)
            if (state.slots.putIfAbsent(first.id(), slot) != null) {
                slot.forgetRead();
                throw new IllegalArgumentException("escalation " + first.id() + " exists");
            }
            try {
                state.keys.claim(first);
            } catch (RuntimeException refused) {
                state.slots.remove(first.id(), slot);
                slot.forgetRead();
                throw refused;
            }
            state.listings.add(first, slot);
            state.outbox.enqueue(write.messages());
            state.dueWork.replace(first.id(), write.due());
            metrics.append(write.metrics());
            feed.publish(first);
            slot.created = true;
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

    private <R> Optional<R> change(EscalationId id, @Nullable CustomerId customer, UnitOfWork<R> work) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(work, "work");
        Slot slot = state.slots.get(id);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            if (customer != null && !slot.record.customer.equals(customer)) {
                return Optional.empty();
            }
            if (state.slots.get(id) != slot) { // purged while we waited for the lock
                return Optional.empty();
            }
            StoredEscalation current = slot.read();
            UnitOfWork.Decision<R> decision = work.decide(current);
            if (decision instanceof UnitOfWork.Decision.Write<R> w) {
                apply(slot, current, w.write());
            }
            return Optional.ofNullable(decision.result());
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
        // compact, with the intake shared with equal ones (reads put in the slot's ticket reference)
        state.listings.update(current, next, slot, write.entries(), shared(next, current));
        state.outbox.enqueue(write.messages());
        state.dueWork.replace(next.id(), write.due());
        metrics.append(write.metrics());
        if (!next.state().isOpen()) {
            state.keys.closed(next);
        }
        feed.publish(next);
    }

    /**
     * {@code s} with its intake (channel and recording actor, as the log's actors) and its plan's meeting frequency
     * replaced by the equal instances the store already holds; {@code s} itself when they are those already or the
     * same objects as in {@code before}. An equal record. Participants are not shared: their names and e-mail
     * addresses are personal data, which erasure must be able to remove from every structure of the store (the
     * interner keeps what it shares).
     */
    private StoredEscalation shared(StoredEscalation s, @Nullable StoredEscalation before) {
        Intake intake =
                before != null && s.intake() == before.intake() ? s.intake() : state.interner.intern(s.intake());
        Optional<CommunicationPlan> plan = s.plan();
        if (plan.isPresent() && (before == null || before.plan().orElse(null) != plan.get())) {
            CommunicationPlan p = plan.get();
            Duration frequency = state.interner.intern(p.frequency());
            if (frequency != p.frequency()) {
                plan = Optional.of(new CommunicationPlan(
                        frequency,
                        p.channel(),
                        p.firstMeetingAt(),
                        p.agreedAt(),
                        p.customerSide(),
                        p.vendorSide(),
                        p.agreement(),
                        p.zone()));
            }
        }
        if (intake == s.intake() && plan == s.plan()) {
            return s;
        }
        return new StoredEscalation(
                s.id(),
                s.version(),
                s.customer(),
                s.caseId(),
                s.state(),
                s.raisedBy(),
                intake,
                s.message(),
                s.cause(),
                s.criticality(),
                s.submissionKey(),
                s.raisedAt(),
                s.updatedAt(),
                s.manager(),
                plan,
                s.proposal(),
                s.participants(),
                s.resolution(),
                s.lessonsLearned(),
                s.policy(),
                s.hotline(),
                s.facts(),
                s.ticketReference());
    }

    private static void checkEntries(EscalationWrite write, long stored) {
        long first = write.next().facts().entryCount() - write.entries().size() + 1;
        if (first != stored + 1) {
            throw new IllegalArgumentException(
                    "entries must continue the log after sequence " + stored + ", not at " + first);
        }
    }

    @Override
    public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
        Objects.requireNonNull(customer, "customer");
        return findForVendor(id).filter(s -> s.customer().equals(customer));
    }

    @Override
    public Optional<StoredEscalation> findForVendor(EscalationId id) {
        Objects.requireNonNull(id, "id");
        Slot slot = state.visible(id);
        return slot == null ? Optional.empty() : Optional.of(slot.read());
    }

    @Override
    public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
        Objects.requireNonNull(caseId, "caseId");
        return state.keys
                .openFor(Objects.requireNonNull(customer, "customer"), caseId)
                .flatMap(id -> findForCustomer(customer, id))
                .filter(r -> r.state().isOpen());
    }

    @Override
    public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
        Objects.requireNonNull(submissionKey, "submissionKey");
        return state.keys
                .bySubmission(Objects.requireNonNull(customer, "customer"), submissionKey)
                .flatMap(id -> findForCustomer(customer, id));
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

    private List<StoredEntry> entries(EscalationId id, long afterSequence, int limit, @Nullable CustomerId customer) {
        Objects.requireNonNull(id, "id");
        if (limit < 1 || limit > PageRequest.MAX_SIZE) {
            throw new IllegalArgumentException("limit must be between 1 and " + PageRequest.MAX_SIZE + ": " + limit);
        }
        if (afterSequence < 0) {
            throw new IllegalArgumentException("afterSequence must not be negative: " + afterSequence);
        }
        Slot slot = state.visible(id);
        return slot == null ? List.of() : slot.entries(afterSequence, limit, customer);
    }

    @Override
    public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
        return state.listings.forCustomer(customer, page);
    }

    @Override
    public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
        return state.listings.forVendor(states, page);
    }

    @Override
    public ChangeBatch changesSince(String cursor, int limit) {
        return feed.changesSince(cursor, limit);
    }

    @Override
    public Outbox outbox() {
        return state.outbox;
    }

    @Override
    public DueWork dueWork() {
        return state.dueWork;
    }

    @Override
    public Optional<EscalationQueries> queries() {
        return Optional.of(queries);
    }

    @Override
    public Optional<DataRetention> retention() {
        return Optional.of(retention);
    }

    @Override
    public Optional<MetricsQueries> metrics() {
        return Optional.of(metrics);
    }

    /**
     * How many escalations the store holds (for tests and monitoring).
     *
     * @return the count
     */
    public int size() {
        return state.slots.size();
    }

    /**
     * What the outbox and the due work hold in memory, counted in entries (for tests and monitoring): waiting
     * messages, escalations with waiting messages, remembered idempotency keys with their delivery records, and
     * escalations with pending due items or completed due keys. Once every side effect was delivered and the clock
     * moved past the de-duplication window (and a claim, finish or write saw it), only pending work is counted.
     *
     * @return the count
     */
    public int sideEffectEntriesHeld() {
        return state.outbox.retained() + state.dueWork.escalationsHeld();
    }
}
