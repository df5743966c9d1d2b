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
 * Persistence of escalations, their progress logs, and the {@link Outbox} and {@link DueWork} written in the same
 * transaction as each change.
 *
 * <p><b>Unit of work.</b> A command costs the store one transaction: {@link #changeForCustomer}/{@link
 * #changeForVendor} load the escalation (without its log), run the engine's {@link UnitOfWork} and write what it
 * decided — the next version, its new entries, outbox messages and due items — all or nothing. {@link #create} writes
 * a new escalation the same way. The store calls no other port inside the transaction. A store that keeps the audit
 * keys of data subjects in its own transactions ({@link #keepsSubjectKeys}, SPI v2) reads and creates them inside
 * the command's transaction too.
 *
 * <p><b>Guarantees</b> (the {@code escalation-test} contract kit checks each; RULES.md maps every method to its rules):
 * <ol>
 *   <li>Every component of a {@link StoredEscalation} and a {@link StoredEntry} survives a round trip unchanged, at
 *       the declared {@link StoreCapabilities#instantPrecision()}.</li>
 *   <li>Changes of one escalation are serialised: of N concurrent changes each sees the previous one's result, or
 *       all but one fail with {@link StaleVersionException}; none is lost.</li>
 *   <li>At most one open escalation ({@link EscalationState#isOpen()}) per case: {@link #create} of a second one
 *       throws {@link OpenEscalationExistsException}; a case is freed only by a final state.</li>
 *   <li>Customer-scoped methods ({@code …ForCustomer}) never return or change another customer's data, on any
 *       page.</li>
 *   <li>The log is append-only and complete: entries come back in sequence order, however long the log.</li>
 *   <li>Every committed write appears exactly once in {@link #changesSince}, in an order consistent with each
 *       escalation's versions.</li>
 *   <li>A change keeps what never changes: a write that changes the escalation's id, customer, case or
 *       {@code raisedAt}, or makes a final escalation open again, is refused with {@link IllegalArgumentException}
 *       and writes nothing. A final state is final for the store too: a freed case is never taken back.</li>
 * </ol>
 *
 * <p><b>Thread-safety:</b> safe for use by many threads and, for shared databases, by many application instances.
 * <b>Failures:</b> when the backend cannot answer, methods throw {@link UnavailableException} and have no effect.
 */
public interface EscalationStore {

    /**
     * What this store declares: optional capabilities, instant precision, de-duplication window.
     *
     * @return the declaration; by default no optional capability, nanosecond precision and a seven-day window
     */
    default StoreCapabilities capabilities() {
        return new StoreCapabilities(Set.of(), java.time.temporal.ChronoUnit.NANOS, StoreCapabilities.DEFAULT_WINDOW);
    }

    /**
     * Stores a new escalation (version 1) with its first entries, side effects and due items, in one transaction.
     *
     * @param write the escalation at version 1 with what it writes
     * @throws OpenEscalationExistsException if its case already has an open escalation
     * @throws SubmissionExistsException if the customer has an escalation created by the same submission key
     * @throws IllegalArgumentException if {@code write.next().version()} is not 1 or the id exists
     * @throws UnavailableException if the backend cannot answer
     */
    void create(EscalationWrite write);

    /**
     * <b>SPI v2.</b> Whether this store keeps the audit keys of {@code keys} itself (the same keys, for example the
     * same table in the same database) and reads and creates them inside its own transactions. If so, the engine reads
     * no key before a command: the store passes a view of the keys bound to the command's transaction to {@link
     * UnitOfWork#decide(StoredEscalation, SubjectKeys)} (instead of {@link UnitOfWork#decide(StoredEscalation)}) and
     * to the function of {@link #createWithKeys}, so a command is one transaction. A key that view creates is stored
     * with the transaction's commit and is gone if it rolls back; keys of other subjects and {@link
     * SubjectKeys#shred} are unaffected, and a shredded key never comes back (a later use creates a new one).
     * Called once when the engine is built.
     *
     * @param keys the engine's subject keys ({@code AuditSettings.keys()})
     * @return {@code true} if this store's transactions read and create exactly those keys; by default {@code false}:
     *     the engine then reads keys through {@code keys} before each unit of work, as before SPI v2
     */
    default boolean keepsSubjectKeys(SubjectKeys keys) {
        return false;
    }

    /**
     * <b>SPI v2.</b> {@link #create} for a store whose {@link #keepsSubjectKeys} is {@code true}: in one transaction,
     * {@code write} is given the keys view bound to it (see {@link #keepsSubjectKeys}) and what it returns is stored
     * as {@link #create} stores a write. {@code write} calls no other port and may be run again (in a new
     * transaction) if the store retries; what it throws passes through and nothing is written. The engine calls this
     * method only on a store that keeps its keys.
     *
     * @param write builds the escalation at version 1 with what it writes, given the transaction's keys
     * @throws OpenEscalationExistsException if its case already has an open escalation
     * @throws SubmissionExistsException if the customer has an escalation created by the same submission key
     * @throws IllegalArgumentException if the write's version is not 1 or the id exists
     * @throws UnsupportedOperationException by default: a store that does not keep subject keys has no keys to give
     * @throws UnavailableException if the backend cannot answer
     */
    default void createWithKeys(java.util.function.Function<SubjectKeys, EscalationWrite> write) {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no subject keys");
    }

    /**
     * Runs a unit of work on one customer's escalation in one transaction. Another customer's escalation is absent.
     *
     * @param customer the tenant
     * @param id       the escalation
     * @param work     the engine's decision
     * @param <R>      what the work returns
     * @return the work's result, or empty if the escalation does not exist for this customer (nothing ran)
     * @throws StaleVersionException if a concurrent change won and this store does not serialise changes
     * @throws IllegalArgumentException if the decided write does not follow the current version, its entries do not
     *     continue the log, it changes the escalation's id, customer, case or {@code raisedAt}, or it makes a final
     *     escalation open again (nothing is written)
     * @throws UnavailableException if the backend cannot answer
     */
    <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work);

    /**
     * Runs a unit of work on any customer's escalation in one transaction. <b>Vendor-scoped:</b> for staff and the
     * engine's own work.
     *
     * @param id   the escalation
     * @param work the engine's decision
     * @param <R>  what the work returns
     * @return the work's result, or empty if the escalation does not exist (nothing ran)
     * @throws StaleVersionException if a concurrent change won and this store does not serialise changes
     * @throws IllegalArgumentException if the decided write does not follow the current version, its entries do not
     *     continue the log, it changes the escalation's id, customer, case or {@code raisedAt}, or it makes a final
     *     escalation open again (nothing is written)
     * @throws UnavailableException if the backend cannot answer
     */
    <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work);

    /**
     * Finds one customer's escalation. Another customer's escalation is reported as absent.
     *
     * @param customer the tenant
     * @param id       the escalation
     * @return the escalation, or empty
     */
    Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id);

    /**
     * Finds an escalation of any customer. <b>Vendor-scoped.</b>
     *
     * @param id the escalation
     * @return the escalation, or empty
     */
    Optional<StoredEscalation> findForVendor(EscalationId id);

    /**
     * Finds the open escalation of a case.
     *
     * @param customer the tenant
     * @param caseId   the case
     * @return the open escalation, or empty
     */
    Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId);

    /**
     * Finds the escalation created by a submission key.
     *
     * @param customer      the tenant
     * @param submissionKey the request's idempotency key
     * @return the escalation, or empty
     */
    Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey);

    /**
     * Reads a customer-visible slice of one customer's escalation log: entries with {@code Visibility.CUSTOMER} and a
     * sequence greater than {@code afterSequence}, ascending, at most {@code limit}.
     *
     * @param customer      the tenant
     * @param id            the escalation
     * @param afterSequence 0 for the start
     * @param limit         at most this many, 1 to {@link PageRequest#MAX_SIZE}
     * @return the entries; empty for another customer's escalation
     */
    List<StoredEntry> entriesForCustomer(CustomerId customer, EscalationId id, long afterSequence, int limit);

    /**
     * Reads a slice of any escalation's log, all visibilities: sequence greater than {@code afterSequence},
     * ascending, at most {@code limit}. <b>Vendor-scoped.</b>
     *
     * @param id            the escalation
     * @param afterSequence 0 for the start
     * @param limit         at most this many, 1 to {@link PageRequest#MAX_SIZE}
     * @return the entries
     */
    List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit);

    /**
     * Lists one customer's escalations, newest first: descending by ({@code raisedAt}, {@code id}).
     *
     * @param customer the tenant
     * @param page     which page
     * @return the page
     */
    Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page);

    /**
     * Lists escalations in the given states across all customers, oldest first: ascending by ({@code raisedAt},
     * {@code id}). <b>Vendor-scoped</b> (the support-desk queue; richer desk queries are {@link #queries()}).
     *
     * @param states the states to include; must not be empty
     * @param page   which page
     * @return the page
     */
    Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page);

    /**
     * Reads committed changes after a cursor, for hosts that follow the store (search indexes, data warehouses,
     * listeners that must survive a crash). <b>Vendor-scoped.</b> Every committed write (create or change) appears
     * exactly once, in an order consistent with each escalation's versions, also when writes commit in another
     * order than they started. A change may appear only some time after its commit (never before). The changes of an
     * escalation deleted by {@link DataRetention#purgeFinalBefore} may leave the feed with it (see there).
     *
     * @param cursor {@link ChangeBatch#START} or the {@link ChangeBatch#cursor()} of the previous batch
     * @param limit  at most this many, 1 to {@link PageRequest#MAX_SIZE}
     * @return the changes and the cursor to continue from
     * @throws IllegalArgumentException if the cursor was not issued by this store
     */
    ChangeBatch changesSince(String cursor, int limit);

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

    /**
     * Desk queries, if {@link Capability#QUERIES} is declared.
     *
     * @return the queries facet, or empty
     */
    default Optional<EscalationQueries> queries() {
        return Optional.empty();
    }

    /**
     * Erasure and purging, if {@link Capability#RETENTION} is declared.
     *
     * @return the retention facet, or empty
     */
    default Optional<DataRetention> retention() {
        return Optional.empty();
    }

    /**
     * Service metrics, if {@link Capability#METRICS} is declared: the store keeps the {@link EscalationWrite#metrics()}
     * of every write, in its transaction, and aggregates them.
     *
     * @return the metrics facet, or empty
     */
    default Optional<MetricsQueries> metrics() {
        return Optional.empty();
    }
}
