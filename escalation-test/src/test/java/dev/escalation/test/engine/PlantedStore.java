package dev.escalation.test.engine;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.MetricsQueries;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.PersonalData;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A store that returns the wrong rows on purpose: it forwards every call to the in-memory store, except that a by-id
 * load of an escalation in {@link #swap} answers (and changes) the escalation it maps to, whatever the customer asked
 * for, and, while {@link #leakPages} is set, a customer's list and filtered list carry every other customer's
 * escalations too, and a person's data export answers {@link #exportAs}'s. Nothing of it is the engine's: it is the adapter fault the engine must not pass on.
 */
final class PlantedStore implements EscalationStore {
    private final EscalationStore delegate;

    /** By-id loads of a key answer the value's row. */
    final Map<EscalationId, EscalationId> swap = new ConcurrentHashMap<>();

    /** Whether a customer's pages carry other customers' escalations. */
    volatile boolean leakPages;

    /** If set, a person's data export answers this person's data instead. */
    volatile @Nullable PartyRef exportAs;

    PlantedStore(EscalationStore delegate) {
        this.delegate = delegate;
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

    @Override
    public StoreCapabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public void create(EscalationWrite write) {
        delegate.create(write);
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
    public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
        return delegate.findOpenForCustomer(customer, caseId);
    }

    @Override
    public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
        return delegate.findBySubmissionForCustomer(customer, submissionKey);
    }

    @Override
    public List<StoredEntry> entriesForCustomer(CustomerId customer, EscalationId id, long afterSequence, int limit) {
        return delegate.entriesForCustomer(customer, id, afterSequence, limit);
    }

    @Override
    public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
        return delegate.entriesForVendor(id, afterSequence, limit);
    }

    @Override
    public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
        return leaky(customer, delegate.listForCustomer(customer, page));
    }

    @Override
    public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
        return delegate.listForVendor(states, page);
    }

    @Override
    public ChangeBatch changesSince(String cursor, int limit) {
        return delegate.changesSince(cursor, limit);
    }

    @Override
    public Outbox outbox() {
        return delegate.outbox();
    }

    @Override
    public DueWork dueWork() {
        return delegate.dueWork();
    }

    @Override
    public Optional<EscalationQueries> queries() {
        return delegate.queries().map(q -> new EscalationQueries() {
            @Override
            public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
                return q.inbox(query, page);
            }

            @Override
            public Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery query, Set<InboxQuery.Facet> facets) {
                return q.counts(query, facets);
            }

            @Override
            public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page) {
                return leaky(customer, q.ofCustomer(customer, query, page));
            }

            @Override
            public Page<EscalationSummary> overdue(java.time.Instant now, PageRequest page) {
                return q.overdue(now, page);
            }
        });
    }

    @Override
    public Optional<DataRetention> retention() {
        return delegate.retention().map(r -> new DataRetention() {
            @Override
            public ErasureCounts erasePerson(PartyRef person, String marker) {
                return r.erasePerson(person, marker);
            }

            @Override
            public int purgeFinalBefore(java.time.Instant cutoff, int limit) {
                return r.purgeFinalBefore(cutoff, limit);
            }

            @Override
            public int purgeDeliveredBefore(java.time.Instant cutoff, java.time.Instant now, int limit) {
                return r.purgeDeliveredBefore(cutoff, now, limit);
            }

            @Override
            public PersonalData exportPerson(PartyRef person) {
                PartyRef as = exportAs;
                return r.exportPerson(as == null ? person : as);
            }
        });
    }

    @Override
    public Optional<MetricsQueries> metrics() {
        return delegate.metrics();
    }
}
