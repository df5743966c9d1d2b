package dev.escalation.test.engine;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubmissionExistsException;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.broken.Forwarding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A store that returns the wrong rows on purpose: it forwards every call to the in-memory store, except that a by-id
 * load of an escalation in {@link #swap} answers (and changes) the escalation it maps to, whatever the customer asked
 * for, and, while {@link #leakPages} is set, a customer's list and filtered list carry every other customer's
 * escalations too, a person's data export answers {@link #exportAs}'s, and, while {@link #globalSubmissions} is set,
 * submission keys are unique across customers instead of per customer, and, while {@link #ignoresFilters} is set,
 * queries answer every row of their scope, and, while {@link #leakEntries} is set, a customer's log pages carry the
 * internal entries. Nothing of it is the engine's: it is the
 * adapter fault the engine must not pass on.
 */
final class PlantedStore extends Forwarding.Store {

    /** By-id loads of a key answer the value's row. */
    final Map<EscalationId, EscalationId> swap = new ConcurrentHashMap<>();

    /** Whether a customer's pages carry other customers' escalations. */
    volatile boolean leakPages;

    /** If set, a person's data export answers this person's data instead. */
    volatile @Nullable PartyRef exportAs;

    /**
     * Whether submission keys are unique across customers (a unique index on the key alone): a create whose key any
     * customer used is refused naming that customer's escalation, and a lookup by key finds any customer's.
     */
    volatile boolean globalSubmissions;

    /** Whether queries ignore their filters (states, case and the rest) and answer every row of the scope. */
    volatile boolean ignoresFilters;

    /** Whether a customer's page of log entries carries the internal ones too (the vendor's page). */
    volatile boolean leakEntries;

    PlantedStore(EscalationStore delegate) {
        super(delegate);
    }

    private EscalationId planted(EscalationId id) {
        return swap.getOrDefault(id, id);
    }

    private List<EscalationSummary> everyones() {
        return delegate.listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(PageRequest.MAX_SIZE))
                .items();
    }

    private Page<EscalationSummary> leaky(CustomerId customer, Page<EscalationSummary> own) {
        if (!leakPages) {
            return own;
        }
        List<EscalationSummary> items = new ArrayList<>(own.items());
        everyones().stream().filter(s -> !s.customer().equals(customer)).forEach(items::add);
        return new Page<>(items, own.next());
    }

    private Optional<StoredEscalation> anyCustomers(String submissionKey) {
        return everyones().stream()
                .map(s -> delegate.findBySubmissionForCustomer(s.customer(), submissionKey))
                .flatMap(Optional::stream)
                .findFirst();
    }

    @Override
    public void create(EscalationWrite write) {
        Optional<String> key = write.next().submissionKey();
        if (globalSubmissions && key.isPresent()) {
            Optional<StoredEscalation> taken = anyCustomers(key.get());
            if (taken.isPresent()) {
                throw new SubmissionExistsException(taken.get().id());
            }
        }
        delegate.create(write);
    }

    @Override
    public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
        return globalSubmissions
                ? anyCustomers(submissionKey)
                : delegate.findBySubmissionForCustomer(customer, submissionKey);
    }

    @Override
    public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
        EscalationId p = planted(id);
        return p.equals(id) ? delegate.changeForCustomer(customer, id, work) : delegate.changeForVendor(p, work);
    }

    @Override
    public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
        return delegate.changeForVendor(planted(id), work);
    }

    @Override
    public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
        EscalationId p = planted(id);
        return p.equals(id) ? delegate.findForCustomer(customer, id) : delegate.findForVendor(p);
    }

    @Override
    public Optional<StoredEscalation> findForVendor(EscalationId id) {
        return delegate.findForVendor(planted(id));
    }

    @Override
    public List<StoredEntry> entriesForCustomer(CustomerId customer, EscalationId id, long afterSequence, int limit) {
        return leakEntries
                ? delegate.entriesForVendor(id, afterSequence, limit)
                : delegate.entriesForCustomer(customer, id, afterSequence, limit);
    }

    @Override
    public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
        return leaky(customer, delegate.listForCustomer(customer, page));
    }

    @Override
    public Optional<EscalationQueries> queries() {
        return delegate.queries().map(q -> new Forwarding.QueriesFacet(q) {
            @Override
            public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page) {
                return leaky(customer, q.ofCustomer(customer, filtered(query), page));
            }

            @Override
            public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
                return q.inbox(filtered(query), page);
            }
        });
    }

    private InboxQuery filtered(InboxQuery query) {
        return ignoresFilters ? InboxQuery.all(query.sort(), query.now()) : query;
    }

    @Override
    public Optional<DataRetention> retention() {
        return delegate.retention().map(r -> new Forwarding.RetentionFacet(r) {
            @Override
            public PersonalData exportPerson(PartyRef person) {
                PartyRef as = exportAs;
                return r.exportPerson(as == null ? person : as);
            }
        });
    }
}
