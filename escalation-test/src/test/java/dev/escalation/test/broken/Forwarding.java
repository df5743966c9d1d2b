package dev.escalation.test.broken;

import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.spi.Capability;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.CustomerAccount;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.ErasureCounts;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.Notification;
import dev.escalation.spi.Notifier;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SupportCase;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Ticketing;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.TicketView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decorators that pass every call of a port to the shipped adapter; each fault in {@link Broken} overrides the one or
 * two methods it breaks. Facets ({@link Outbox}, {@link DueWork}, …) are wrapped by overriding the store's accessor.
 */
public final class Forwarding {

    private Forwarding() {}

    /** An {@link EscalationStore} that forwards everything. */
    public static class Store implements EscalationStore {
        /** The port every call goes to. */
        protected final EscalationStore delegate;

        /**
         * Forwards to {@code delegate}.
         *
         * @param delegate the port every call goes to
         */
        public Store(EscalationStore delegate) {
            this.delegate = delegate;
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
            return delegate.changeForCustomer(customer, id, work);
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForVendor(id, work);
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return delegate.findForCustomer(customer, id);
        }

        @Override
        public Optional<StoredEscalation> findForVendor(EscalationId id) {
            return delegate.findForVendor(id);
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
        public List<StoredEntry> entriesForCustomer(
                CustomerId customer, EscalationId id, long afterSequence, int limit) {
            return delegate.entriesForCustomer(customer, id, afterSequence, limit);
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return delegate.entriesForVendor(id, afterSequence, limit);
        }

        @Override
        public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
            return delegate.listForCustomer(customer, page);
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
    }

    /** An {@link Outbox} that forwards everything. */
    static class OutboxFacet implements Outbox {
        final Outbox delegate;

        OutboxFacet(Outbox delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
            return delegate.claim(claimant, now, lease, limit);
        }

        @Override
        public int finish(List<DeliveryOutcome> outcomes, Instant now) {
            return delegate.finish(outcomes, now);
        }

        @Override
        public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
            return delegate.finishAndCount(outcomes, now);
        }

        @Override
        public OutboxCounts counts() {
            return delegate.counts();
        }

        @Override
        public OutboxCounts countsOf(EscalationId escalation) {
            return delegate.countsOf(escalation);
        }

        @Override
        public Page<OutboxMessage> deadLetters(PageRequest page) {
            return delegate.deadLetters(page);
        }

        @Override
        public boolean replay(MessageId id, Instant now) {
            return delegate.replay(id, now);
        }

        @Override
        public int replayAll(EscalationId escalation, Instant now) {
            return delegate.replayAll(escalation, now);
        }
    }

    /** A {@link DueWork} that forwards everything. */
    static class DueFacet implements DueWork {
        final DueWork delegate;

        DueFacet(DueWork delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<DueItem> due(Instant now, int limit) {
            return delegate.due(now, limit);
        }

        @Override
        public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
            return delegate.claim(claimant, now, lease, limit);
        }

        @Override
        public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
            return delegate.complete(claimed, followUps);
        }

        @Override
        public void release(ClaimedDue claimed) {
            delegate.release(claimed);
        }
    }

    /** An {@link EscalationQueries} that forwards everything. */
    public static class QueriesFacet implements EscalationQueries {
        /** The port every call goes to. */
        protected final EscalationQueries delegate;

        /**
         * Forwards to {@code delegate}.
         *
         * @param delegate the port every call goes to
         */
        public QueriesFacet(EscalationQueries delegate) {
            this.delegate = delegate;
        }

        @Override
        public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
            return delegate.inbox(query, page);
        }

        @Override
        public Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery query, Set<InboxQuery.Facet> facets) {
            return delegate.counts(query, facets);
        }

        @Override
        public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page) {
            return delegate.ofCustomer(customer, query, page);
        }

        @Override
        public Page<EscalationSummary> overdue(java.time.Instant now, PageRequest page) {
            return delegate.overdue(now, page);
        }
    }

    /** A {@link DataRetention} that forwards everything. */
    public static class RetentionFacet implements DataRetention {
        /** The port every call goes to. */
        protected final DataRetention delegate;

        /**
         * Forwards to {@code delegate}.
         *
         * @param delegate the port every call goes to
         */
        public RetentionFacet(DataRetention delegate) {
            this.delegate = delegate;
        }

        @Override
        public ErasureCounts erasePerson(PartyRef person, String marker) {
            return delegate.erasePerson(person, marker);
        }

        @Override
        public int purgeFinalBefore(Instant cutoff, int limit) {
            return delegate.purgeFinalBefore(cutoff, limit);
        }

        @Override
        public int purgeFinalBefore(
                Instant cutoff,
                int limit,
                java.util.function.Consumer<java.util.List<dev.escalation.model.EscalationId>> beforeDelete) {
            return delegate.purgeFinalBefore(cutoff, limit, beforeDelete);
        }

        @Override
        public int purgeDeliveredBefore(Instant cutoff, Instant now, int limit) {
            return delegate.purgeDeliveredBefore(cutoff, now, limit);
        }

        @Override
        public dev.escalation.spi.PersonalData exportPerson(PartyRef person) {
            return delegate.exportPerson(person);
        }
    }

    /** A {@link Notifier} that forwards everything; {@link #delivered()} is what the recipients received. */
    static class NotifierPort implements Notifier {
        final dev.escalation.inmemory.InMemoryNotifier delegate;

        NotifierPort(dev.escalation.inmemory.InMemoryNotifier delegate) {
            this.delegate = delegate;
        }

        @Override
        public void send(Notification notification) {
            delegate.send(notification);
        }

        @Override
        public Set<DeliveryChannel> channels() {
            return delegate.channels();
        }

        @Override
        public Set<Capability> capabilities() {
            return delegate.capabilities();
        }

        List<Notification> delivered() {
            return delegate.delivered();
        }

        void setAvailable(boolean available) {
            delegate.setAvailable(available);
        }
    }

    /** A {@link Ticketing} that forwards everything; {@link #view} is what the ticketing system holds. */
    static class TicketingPort implements Ticketing {
        final dev.escalation.inmemory.InMemoryTicketing delegate;

        TicketingPort(dev.escalation.inmemory.InMemoryTicketing delegate) {
            this.delegate = delegate;
        }

        @Override
        public String open(TicketCommand.Open command) {
            return delegate.open(command);
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
            delegate.addParticipant(ticket, command);
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
            delegate.removeParticipant(ticket, command);
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
            delegate.postUpdate(ticket, command);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
            delegate.changeStatus(ticket, command);
        }

        @Override
        public Set<Capability> capabilities() {
            return delegate.capabilities();
        }

        Optional<TicketView> view(String reference) {
            return delegate.ticket(reference)
                    .map(t -> new TicketView(t.reference(), t.status(), t.participants(), t.updates()));
        }

        void setAvailable(boolean available) {
            delegate.setAvailable(available);
        }
    }

    /** A {@link CustomerDirectory} that forwards everything. */
    static class Customers implements CustomerDirectory {
        final CustomerDirectory delegate;

        Customers(CustomerDirectory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<CustomerAccount> account(CustomerId id) {
            return delegate.account(id);
        }

        @Override
        public Optional<Touchpoint> touchpoint(ContactId id) {
            return delegate.touchpoint(id);
        }

        @Override
        public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
            return delegate.touchpoints(customer, role);
        }

        @Override
        public Optional<SupportCase> supportCase(CaseId id) {
            return delegate.supportCase(id);
        }
    }

    /** A {@link StaffDirectory} that forwards everything. */
    static class Staff implements StaffDirectory {
        final StaffDirectory delegate;

        Staff(StaffDirectory delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<StaffMember> member(StaffId id) {
            return delegate.member(id);
        }

        @Override
        public List<StaffMember> withRole(StaffRole role) {
            return delegate.withRole(role);
        }
    }
}
