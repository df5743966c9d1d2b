package dev.escalation.test.broken;

/** Deliberate bugs the faulty copies of the in-memory adapters can be switched into, one rule each. */
public enum Fault {
    /** Store: update never checks the stored version. */
    IGNORES_VERSIONS,
    /** Store: find(customer, id) ignores the customer. */
    LEAKS_ACROSS_CUSTOMERS,
    /** Store: reads the progress log after its third entry in reverse order. */
    REORDERS_PROGRESS_LOG,
    /** Store: insert does not check for an open escalation of the case. */
    ALLOWS_TWO_OPEN_PER_CASE,
    /** Store: a stale update queues its outbox messages before refusing. */
    STALE_SAVE_WRITES_OUTBOX,
    /** Store: the next page starts after the cursor's instant, skipping items that tie with it. */
    PAGES_BY_INSTANT_ONLY,
    /** Store: keeps the details of progress entries in reverse key order. */
    DROPS_DETAIL_ORDER,
    /** Store: smuggles an offset into the page cursor of listByCustomer. */
    OFFSET_IN_CURSOR,
    /** Store: moves an escalation between state indexes without excluding listings (the pre-fix reference). */
    MOVES_BETWEEN_STATES_NON_ATOMICALLY,
    /** Store: insert of an existing id replaces the stored escalation. */
    OVERWRITES_ON_INSERT,
    /** Store: does not index submission keys. */
    FORGETS_SUBMISSION_KEY,
    /** Store, notifier, ticketing: swallows the failure of an unavailable backend. */
    DROPS_FAILURES_SILENTLY,
    /** Outbox: complete only releases the lease. */
    COMPLETE_ONLY_RELEASES,
    /** Outbox: claim ignores leases. */
    CLAIMS_OUTBOX_TWICE,
    /** Outbox: retryLater ignores the next-attempt instant. */
    RETURNS_FAILED_BEFORE_NEXT_ATTEMPT,
    /** Outbox: claim ignores the order per escalation and target. */
    IGNORES_ORDER_PER_TARGET,
    /** Outbox: queues a message whose idempotency key is already in the outbox. */
    REQUEUES_IDEMPOTENCY_KEY,
    /** Outbox: replay does not reset the attempts. */
    REPLAY_KEEPS_ATTEMPTS,
    /** Due work: due() leaves out claimed items. */
    DUE_HIDES_CLAIMED,
    /** Due work: claim ignores leases. */
    CLAIMS_DUE_TWICE,
    /** Due work: complete leaves the item pending. */
    RETURNS_COMPLETED_DUE,
    /** Due work: a refused complete queues its follow-ups anyway. */
    QUEUES_FOLLOW_UPS_OF_REFUSED_COMPLETE,
    /** Due work: update keeps items left out of the new set. */
    KEEPS_REPLACED_DUE_ITEMS,
    /** Notifier/ticketing: declares de-duplication but applies a repeated key again. */
    DUPLICATES_ON_RETRY,
    /** Notifier/ticketing: delivers or stores each new message or update first instead of last. */
    REORDERS_UPDATES,
    /** Ticketing: keeps participants in a list, so adding twice lists twice. */
    LISTS_PARTICIPANT_TWICE,
    /** Ticketing: removing a participant the ticket does not have fails. */
    REMOVING_ABSENT_FAILS,
    /** Ticketing: changeStatus is a no-op. */
    IGNORES_STATUS,
    /** Notifier: refuses notifications with a meeting invitation. */
    REJECTS_INVITATIONS,
    /** Ticketing: a second open replaces the ticket. */
    OPEN_TWICE_REPLACES_TICKET
}
