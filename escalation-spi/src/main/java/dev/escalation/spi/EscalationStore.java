package dev.escalation.spi;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persistence of escalations, with the {@link Outbox} and the {@link DueWork} written in the same transaction as
 * the state change.
 *
 * <p><b>Guarantees an implementation must give</b> (the {@code escalation-test} contract kit checks each):
 * <ol>
 *   <li>Every component of an {@link EscalationRecord} survives a round trip unchanged.</li>
 *   <li>A write is all or nothing: the record, its outbox messages and its due items are stored together, or
 *       none of them is.</li>
 *   <li>Optimistic concurrency: {@link #update} succeeds only if the stored version is {@code next.version() - 1};
 *       otherwise it throws {@link StaleVersionException} and changes nothing. Of N concurrent writers of one
 *       version exactly one wins.</li>
 *   <li>At most one open escalation ({@link EscalationState#isOpen()}) per case: {@link #insert} of a second one
 *       throws {@link OpenEscalationExistsException} naming the existing one, also when two instances race.</li>
 *   <li>Customer-scoped methods never return another customer's data.</li>
 *   <li>Paged lists are ordered ascending by ({@code raisedAt}, {@code id}); following the cursors returns every
 *       matching escalation exactly once.</li>
 *   <li>An outbox message whose idempotency key is already in the outbox is not queued again; a due item whose
 *       key is pending or completed is not queued again.</li>
 * </ol>
 *
 * <p><b>Thread-safety:</b> implementations are safe for use by many threads and, for shared databases, by many
 * application instances. <b>Failures:</b> when the backend cannot answer, methods throw {@link UnavailableException}
 * and have no effect.
 */
public interface EscalationStore {

    /**
     * Stores a new escalation with its first side effects and due items.
     *
     * @param record   the escalation, at version 1
     * @param messages side effects to queue with it
     * @param due      due items to queue with it
     * @throws OpenEscalationExistsException if the case already has an open escalation
     * @throws IllegalArgumentException if {@code record.version()} is not 1 or the id exists
     * @throws UnavailableException if the backend cannot answer
     */
    void insert(EscalationRecord record, List<OutboxMessage> messages, List<DueItem> due);

    /**
     * Replaces an escalation with its next version, queues side effects and replaces its pending due items.
     *
     * <p>The stored version must be {@code next.version() - 1}. {@code due} is the complete set of the escalation's
     * future due items: pending (unclaimed) items not in it are removed; items in it whose key was already queued
     * or completed are left as they are. When {@code next} is no longer open, its case is free for a new
     * escalation.
     *
     * @param next     the new state of the escalation
     * @param messages side effects to queue with it
     * @param due      the escalation's due items from now on
     * @throws StaleVersionException if the stored version differs; nothing was changed
     * @throws UnavailableException if the backend cannot answer
     */
    void update(EscalationRecord next, List<OutboxMessage> messages, List<DueItem> due);

    /**
     * Finds an escalation by id across all customers. <b>Vendor-scoped:</b> the engine calls it only for staff.
     *
     * @param id the escalation
     * @return the record, or empty
     */
    Optional<EscalationRecord> find(EscalationId id);

    /**
     * Finds an escalation of one customer. Another customer's escalation is reported as absent.
     *
     * @param customer the tenant
     * @param id       the escalation
     * @return the record, or empty
     */
    Optional<EscalationRecord> find(CustomerId customer, EscalationId id);

    /**
     * Finds the open escalation of a case.
     *
     * @param customer the tenant
     * @param caseId   the case
     * @return the open escalation, or empty
     */
    Optional<EscalationRecord> findOpen(CustomerId customer, CaseId caseId);

    /**
     * Finds the escalation created by a portal submission.
     *
     * @param customer      the tenant
     * @param submissionKey the portal's idempotency key
     * @return the escalation, or empty
     */
    Optional<EscalationRecord> findBySubmission(CustomerId customer, String submissionKey);

    /**
     * Lists one customer's escalations, ascending by ({@code raisedAt}, {@code id}).
     *
     * @param customer the tenant
     * @param page     which page
     * @return the page
     */
    Page<EscalationSummary> listByCustomer(CustomerId customer, PageRequest page);

    /**
     * Lists escalations in the given states across all customers, ascending by ({@code raisedAt}, {@code id}).
     * <b>Vendor-scoped</b> (the support-desk inbox).
     *
     * @param states the states to include; must not be empty
     * @param page   which page
     * @return the page
     */
    Page<EscalationSummary> listByState(Set<EscalationState> states, PageRequest page);

    /**
     * The outbox written by this store's transactions.
     *
     * @return the outbox facet
     */
    Outbox outbox();

    /**
     * The due work written by this store's transactions.
     *
     * @return the due-work facet
     */
    DueWork dueWork();
}
