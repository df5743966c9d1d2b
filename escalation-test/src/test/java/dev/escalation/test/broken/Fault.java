package dev.escalation.test.broken;

import java.util.Locale;

/**
 * The deliberate bugs of the kit's own tests: each names one fault-injecting wrapper (decorator) of a shipped
 * in-memory adapter in {@link Broken}, whose class name is the constant in CamelCase ({@code DROPS_ENTRY_PARAMS} →
 * {@code DropsEntryParams}). RULES.md names the wrapper that fails each rule; {@code BrokenAdaptersTest} asserts the
 * exact set of rules each one fails.
 */
enum Fault {
    // ---- audit trail (BrokenAudit)
    /** Declares nanoseconds but keeps entry instants and At parameters to microseconds only. */
    KEEPS_LESS_THAN_DECLARED,
    /** AuditAnchors.latest returns the first anchor recorded. */
    ANCHORS_RETURN_FIRST,
    /** SubjectKeys stores keys by id alone: a contact and a staff member with the same id share one. */
    KEYS_IGNORE_KIND,
    /** SubjectKeys.shred reports success but a cache keeps serving the old key. */
    SHRED_KEEPS_KEY,
    /** Declares that it keeps any subject keys but gives its units of work keys of its own (SPI v2). */
    KEEPS_OWN_KEYS,
    /** SubjectKeys answers external participants' keys one byte short (a key column too narrow for their rows). */
    CUTS_EXTERNAL_KEYS,
    // ---- store
    /** Reads entries without their Span and Count parameters (a mapper that knows only the text-like variants). */
    DROPS_ENTRY_PARAMS,
    /** Reads the communication plan without its zone (a mapper written before plans recorded one). */
    FORGETS_PLAN_ZONE,
    /** Id columns of 64 characters: a write holding a longer id fails as the database refuses it. */
    REFUSES_LONG_IDS,
    /** Reads a page of the log with the entries after the third in reverse order. */
    REORDERS_LOG,
    /** A change whose unit of work throws still writes a new version (the "touch" of updatedAt comes first). */
    WRITES_BEFORE_DECIDE_FAILS,
    /** Runs the unit of work on a copy read before the per-escalation lock and writes the result on top of whatever
     * is stored then (a lost update). */
    LOADS_OUTSIDE_LOCK,
    /** Serves its units of work the escalation as last read by findForVendor/findForCustomer (a read cache), and
     * writes the result on top of what is stored (a lost update on a stale view). */
    DECIDES_ON_CACHED_READ,
    /** findForCustomer ignores the customer. */
    LEAKS_ACROSS_CUSTOMERS,
    /** findOpenForCustomer and findBySubmissionForCustomer match the case or key alone (own row first). */
    MATCHES_CASE_AND_KEY_ONLY,
    /** The next page of a list starts after the cursor's instant, skipping escalations that tie with it. */
    PAGES_BY_INSTANT_ONLY,
    /** listForCustomer pages by an offset smuggled into the cursor. */
    OFFSET_IN_CURSOR,
    /** While an escalation changes state it is missing from a concurrent listing (removed before it is re-added). */
    VANISHES_WHILE_MOVING,
    /** findOpenForCustomer treats RESOLVED and LESSONS_LEARNED as final: the case looks free. */
    FREES_CASE_ON_RESOLVE,
    /** create drops the outbox messages of a new escalation (changes still queue theirs). */
    DROPS_MESSAGES_OF_CREATE,
    /** create stores any version as version 1. */
    ACCEPTS_ANY_VERSION_ON_CREATE,
    /** create renumbers a log that does not start at sequence 1 instead of refusing it. */
    RENUMBERS_LOG_ON_CREATE,
    /** A change that alters id, customer, case or raisedAt, or reopens a final escalation, is written with the stored
     * ones instead of being refused. */
    REPAIRS_FIXED_COMPONENTS,
    /** findBySubmissionForCustomer never finds anything. */
    FORGETS_SUBMISSION_KEY,
    /** Store, notifier, ticketing: swallows the failures of an unavailable backend. */
    SWALLOWS_FAILURES,
    /** An unavailable store's outbox and due work answer with nothing (an empty claim, zero counts). */
    QUIET_OUTBOX_WHEN_DOWN,
    /** The log is cut after its 1,000th entry. */
    TRUNCATES_LONG_LOGS,
    /** entriesForCustomer returns internal entries too. */
    SHOWS_INTERNAL_ENTRIES,
    /** Customer-scoped reads and both lists lose the ticket reference (only findForVendor has it). */
    FORGETS_TICKET_REFERENCE,
    /** The change feed numbers a write when it starts and returns what has committed: a write that started earlier
     * and commits later falls behind the reader's cursor. */
    SKIPS_LATE_COMMITS,
    /** create checks the case with a look-up before the insert and passes on the backend's conflict of a lost race
     * unmapped (race, staged). */
    MISMAPS_CASE_CONFLICT,
    // ---- outbox
    /** claim returns messages that are still leased to another claim. */
    CLAIMS_TWICE,
    /** finish applies an outcome to the message's latest claim, so a superseded claim still counts. */
    KEEPS_SUPERSEDED_CLAIMS,
    /** A Retry is due at once instead of at its next attempt. */
    RETRIES_EARLY,
    /** replay and replayAll keep the attempts of the dead letter. */
    REPLAY_KEEPS_ATTEMPTS,
    /** deadLetterEntries lists every dead letter as unreadable, although the store reads it back. */
    HIDES_READABLE_DEAD_LETTERS,
    /** claim tells its caller it dead-lettered a message although it dead-lettered none. */
    TELLS_UNTOLD_DEAD_LETTERS,
    /** A Delivered outcome only releases the lease. */
    DELIVERED_ONLY_RELEASES,
    /** Orders by (escalation, target) only: one failing recipient holds back every notification of the escalation. */
    ORDERS_PER_ESCALATION_ONLY,
    /** The chain's recipient is the recipient's id without its kind (a contact and a staff member of one id share it). */
    CHAINS_BY_RECIPIENT_ID_ONLY,
    /** Moves dead letters to a table of their own: the chain goes on without them, and a replay queues them last. */
    IGNORES_DEAD_LETTER_IN_CHAIN,
    /** Forgets delivered idempotency keys: a delivered key is queued again. */
    FORGETS_DELIVERED_KEYS,
    /** finish applies outcomes one by one and stops at the first whose claim no longer holds. */
    FINISHES_PARTIALLY,
    /** finishAndCount counts before it records the batch (the counts are one batch old). */
    COUNTS_BEFORE_FINISHING,
    /** replayAll queues the replayed messages behind the ones they held back. */
    REPLAYS_OUT_OF_ORDER,
    /** The outbox returns a meeting invitation's instants cut to milliseconds. */
    TRUNCATES_INVITE_INSTANTS,
    /** claim answers a limit below 1 or a lease that is not positive with an empty batch instead of refusing it. */
    REPAIRS_CLAIM_ARGUMENTS,
    /** claim returns every message of a batch with the customer of the batch's first message. */
    MIXES_CLAIMED_CUSTOMERS,
    /** A Retry of a message that was retried before is recorded as delivered (the message is lost). */
    LOSES_SECOND_RETRY,
    /** Claimed ticket calls carry the reference of their customer's first ticket, not their escalation's. */
    JOINS_TICKET_REFERENCE_BY_CUSTOMER,
    // ---- due work
    /** due() leaves out claimed items. */
    DUE_HIDES_CLAIMED,
    /** Due work: claim returns items that are still leased. */
    CLAIMS_DUE_TWICE,
    /** release frees the item's latest claim, whoever holds it. */
    RELEASES_ANY_CLAIM,
    /** complete only releases the item (and says it completed it). */
    COMPLETES_BY_RELEASING,
    /** A refused complete queues its follow-ups anyway. */
    QUEUES_FOLLOW_UPS_OF_REFUSED_COMPLETE,
    /** A change keeps the pending due items its write left out. */
    KEEPS_REPLACED_DUE_ITEMS,
    /** due and claim order one instant's items by kind (declaration order) and step, not by key. */
    ORDERS_DUE_BY_KIND,
    /** claim returns its batch in key order, not in (dueAt, key) order. */
    CLAIMS_DUE_IN_KEY_ORDER,
    /** The store keeps no due key: it derives each item's key again from its parts (DueItem.keyOf). */
    DERIVES_DUE_KEYS,
    /** A change matches pending due items by their parts, so an item whose parts got another key keeps the old one. */
    REPLACES_DUE_ITEMS_BY_PARTS,
    /** complete applies to the item's latest claim, so a superseded claim still completes it. */
    COMPLETES_SUPERSEDED_CLAIMS,
    /** Completed due keys are forgotten: a later write carrying the item queues it again. */
    REQUEUES_COMPLETED_DUE_KEYS,
    /** claim selects, then leases without checking again: overlapping claimants share items (race, staged). */
    CLAIMS_DUE_WITHOUT_LOCK,
    /** Due work: due and claim answer a bad limit or lease with an empty list instead of refusing it. */
    REPAIRS_DUE_ARGUMENTS,
    /** Due work: claim returns every item of a batch with the escalation and customer of the batch's first. */
    CLAIMS_DUE_WITH_FIRST_ESCALATION,
    // ---- queries
    /** The breached filter is ignored. */
    IGNORES_BREACHED_FILTER,
    /** Descending sorts are served ascending. */
    IGNORES_SORT_DIRECTION,
    /** Facet counts apply the facet's own filter. */
    COUNTS_WITH_OWN_FACET,
    /** ofCustomer pages after the first run the vendor-wide inbox query (the tenant predicate is lost with the
     * cursor). */
    QUERY_LEAKS_TENANT,
    /** overdue lists breached deadlines only: an escalation overdue only by its missed meeting is left out. */
    OVERDUE_IGNORES_MEETINGS,
    /** overdue gives every escalation with a hotline advice the advice of the page's first one. */
    OVERDUE_MIXES_HOTLINE_ADVICE,
    // ---- retention
    /** Erasure reaches the escalation rows but not the log: entries are read from a cache that erasure misses. */
    ERASES_ONLY_RECORDS,
    /** purgeFinalBefore purges open escalations too (it closes them first). */
    PURGES_OPEN_ESCALATIONS,
    /** purgeDeliveredBefore does not refuse a cut-off inside the de-duplication window. */
    PURGES_INSIDE_WINDOW,
    /** purgeFinalBefore with beforeDelete deletes first and names the escalations afterwards. */
    NAMES_AFTER_DELETING,
    // ---- portal messages
    /** Reads portal messages without their Span and Count parameters. */
    DROPS_MESSAGE_PARAMS,
    /** A repeated message id replaces the stored message (an upsert) and reports it as stored. */
    OVERWRITES_REPEATED_KEYS,
    /** Lists the messages of every recipient kind with the recipient's id. */
    MIXES_RECIPIENT_KINDS,
    /** The next page of portal messages starts after the cursor's instant, skipping ties. */
    PAGES_MESSAGES_BY_INSTANT_ONLY,
    /** Once a message arrived for a recipient whose list was read, next pages name the cursor asked for (cycle). */
    CYCLES_PAGES_AFTER_STORE,
    /** eraseRecipient deletes the messages of every recipient kind with the recipient's id (a delete by id only). */
    ERASES_ACROSS_KINDS,
    /** eraseEscalations removes the messages of the first escalation it is given only. */
    ERASES_FIRST_ESCALATION_ONLY,
    /** exportPerson leaves out dead letters. */
    EXPORTS_WITHOUT_DEAD_LETTERS,
    /** create stores improvement actions without their owners' kinds (an adapter written before owners had one). */
    FORGETS_OWNER_KINDS,
    /** Erasure replaces every occurrence of the person's texts, however short, in every entry (read side). */
    ERASES_EVERY_MATCH,
    /** exportPerson lists the entries of the escalation with the later id first. */
    EXPORTS_ENTRIES_OUT_OF_ORDER,
    /** Erasure replaces the person's name and address inside other parties' names and addresses too (read side). */
    ERASES_INSIDE_OTHER_PARTIES,
    /** Erasure of an external stakeholder also erases the parties whose address differs from theirs in case only. */
    ERASES_ADDRESSES_IGNORING_CASE,
    // ---- metrics
    /** Metric totals ignore the criticality filter. */
    IGNORES_CRITICALITY_FILTER,
    /** Changes store their write without its metric rows (creates keep theirs). */
    DROPS_METRICS_OF_CHANGES,
    /** Purging an escalation takes its customer's metric rows with it (as a foreign key with ON DELETE CASCADE). */
    PURGES_METRIC_ROWS,
    // ---- notifier
    /** Declares every channel but delivers e-mail only. */
    CLAIMS_EVERY_CHANNEL,
    /** Notifier: recipients receive each new notification before the earlier ones. */
    REORDERS_NOTIFICATIONS,
    /** Declares de-duplication but applies a repeated key again (notifier and ticketing). */
    DUPLICATES_ON_RETRY,
    /** Refuses notifications that carry a meeting invitation. */
    REJECTS_INVITATIONS,
    /** Delivers every notification to the first recipient it ever sent to. */
    MISDIRECTS_NOTIFICATIONS,
    // ---- ticketing
    /** open posts the ticket's description as its first update. */
    POSTS_DESCRIPTION_AS_UPDATE,
    /** Keeps participants in a list, so adding twice lists twice. */
    LISTS_PARTICIPANT_TWICE,
    /** Removing a participant the ticket does not have fails. */
    REMOVING_ABSENT_FAILS,
    /** The ticket's updates read newest first. */
    REORDERS_UPDATES,
    /** changeStatus does nothing. */
    IGNORES_STATUS,
    /** changeStatus sets the status and drops its note. */
    DROPS_STATUS_NOTE,
    /** open retried with the same key opens another ticket. */
    OPENS_AGAIN_ON_RETRY,
    /** Every call goes to the ticket opened last, whatever reference it is given. */
    IGNORES_TICKET_REFERENCE,
    /** open finds an existing ticket by a case-insensitive substring of the escalation id (another's ticket). */
    MATCHES_TICKETS_BY_SUBSTRING,
    // ---- directories
    /** touchpoint() returns the contact with default preferences. */
    FORGETS_CONTACT_PREFERENCES,
    /** touchpoints(customer, role) ignores the role. */
    IGNORES_CONTACT_ROLE,
    /** touchpoint() finds a contact whose id differs in case (a case-insensitive collation). */
    IGNORES_CONTACT_ID_CASE,
    /** member() returns the staff member with default preferences. */
    FORGETS_STAFF_PREFERENCES,
    /** withRole ignores the role. */
    IGNORES_STAFF_ROLE,
    /** member() finds a staff member whose id differs in case (a case-insensitive collation). */
    IGNORES_STAFF_ID_CASE;

    /**
     * The wrapper's class name in {@link Broken}.
     *
     * @return e.g. {@code DropsEntryParams}
     */
    String wrapper() {
        StringBuilder sb = new StringBuilder();
        for (String part : name().split("_")) {
            sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return sb.toString();
    }
}
