package dev.escalation;

import dev.escalation.model.AuditRecord;
import dev.escalation.model.AuditTrail;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.Anchor;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.PartyRef;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.internal.Copies;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The audit trail of escalations, reached by {@link EscalationOperations#audit()}: the chain as typed records,
 * verification, and signed checkpoints (anchors). <b>Vendor-scoped:</b> every method is for active staff; a customer
 * contact is refused with {@link NotAuthorizedException} (customers receive the chain's head with every notification
 * instead). Every method but {@link #trail} and {@link #verify} throws {@link IllegalStateException} when the engine
 * was built without {@link EscalationEngineBuilder#auditTrail}; those two then return a trail without records and a
 * verification of length 0. See {@code docs/audit.md} for the encoding and what can and cannot be detected.
 */
public final class AuditOperations {
    private static final int PAGE = 500;
    private final Workflow w;
    private final WorkflowReads reads;
    private final Optional<AuditChain> chain;
    private final AnchorWriter anchors;

    private final Object schedule = new Object();
    private Duration anchorEvery = Duration.ZERO;
    private Instant nextAnchor = Instant.MIN;
    private String anchorCursor = ChangeBatch.START;

    AuditOperations(Workflow w, WorkflowReads reads, Optional<AuditChain> chain) {
        this.w = w;
        this.reads = reads;
        this.chain = chain;
        this.anchors = new AnchorWriter(w);
    }

    /**
     * An escalation's audit chain as typed records: genesis (if older entries precede the chain), every chained entry
     * with personal values as commitments (recomputed from the stored values where the person's key exists, so an
     * edited value shows as a broken hash), and the latest anchor. Reads the whole log.
     *
     * @param actor an active staff member
     * @param id    the escalation
     * @return the trail
     * @throws CorruptDataException if the store cannot read back an entry, a person's key or the latest anchor (data
     *     changed outside the engine; {@link #verify} names where), or answers another escalation's anchor
     * @throws EscalationNotFoundException if the escalation does not exist
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public AuditTrail trail(Actor actor, EscalationId id) {
        reads.requireStaff(actor, null);
        Result r = read(Inputs.id(id, "id"));
        if (r.corrupt != null) {
            throw r.corrupt; // a trail without the unreadable entry, key or anchor would read as intact
        }
        return r.trail;
    }

    /**
     * Verifies an escalation's chain and its latest anchor: reports the first broken link (a gap, an unlinked entry
     * after a linked one, a wrong previous hash, a changed personal value, an edited entry, a stored head that is not
     * the last entry) or, if the chain holds, the first disagreement with the anchor (its signature, a chain shorter
     * than the anchored length, another hash at that length). Reads the whole log. Stored data the store cannot read
     * back is a finding too: an entry or a person's key ({@link AuditVerification.Reason#UNREADABLE}, where reading
     * stops), the latest anchor ({@link AuditVerification.Reason#ANCHOR_SIGNATURE}).
     *
     * @param actor an active staff member
     * @param id    the escalation
     * @return the result
     * @throws EscalationNotFoundException if the escalation does not exist
     * @throws NotAuthorizedException if the actor is not active staff
     */
    public AuditVerification verify(Actor actor, EscalationId id) {
        reads.requireStaff(actor, null);
        return read(Inputs.id(id, "id")).verification;
    }

    /**
     * Takes a signed checkpoint of one escalation's chain now: its stored head and length, signed with the engine's
     * Ed25519 key, recorded in {@link dev.escalation.spi.AuditAnchors}. Checks first that the last stored entry
     * carries that head. Nothing is recorded when the chain is empty or the latest anchor already covers its length.
     *
     * @param actor an active staff member
     * @param id    the escalation
     * @return the anchor recorded (or the latest one, when nothing changed), empty for an empty chain
     * @throws CorruptDataException if the stored head is not the last entry's hash, the latest anchor answered is
     *     another escalation's or covers more entries than the chain (nothing is signed), or the store cannot read back
     *     the escalation, its last entry or the anchor
     * @throws EscalationNotFoundException if the escalation does not exist
     * @throws IllegalStateException if the audit trail is off
     */
    public Optional<AuditTrail.SignedHead> anchor(Actor actor, EscalationId id) {
        reads.requireStaff(actor, null);
        return anchors.anchorNow(Inputs.id(id, "id"), settings()).anchor().map(AuditOperations::head);
    }

    /**
     * Periodic checkpoints: anchors every escalation changed in the next {@code limit} changes of the change feed
     * after {@code cursor} (see {@link EscalationOperations#changesSince}). Hosts call it on a schedule (for example
     * after {@link EscalationEngine#processDueWork()}) and keep the returned cursor.
     *
     * @param actor  an active staff member
     * @param cursor where the previous run stopped ({@code ""} for the start)
     * @param limit  at most this many changes (as {@link EscalationOperations#changesSince})
     * @return the cursor to continue from, how many anchors were recorded, and the escalations not anchored because
     *     their stored head is not their last entry's hash (the others are anchored all the same; an escalation
     *     deleted by retention since its change is skipped)
     * @throws InvalidCommandException if the cursor was not issued by this store's change feed, or the limit is out
     *     of range
     * @throws IllegalStateException if the audit trail is off
     */
    public AnchorRun anchorChanges(Actor actor, String cursor, int limit) {
        reads.requireStaff(actor, null);
        return anchorBatch(Inputs.cursor(cursor), Inputs.limit(limit, "limit"));
    }

    /**
     * Lets the engine's background worker ({@link EscalationEngine#start}) take the periodic checkpoints: at most once
     * per {@code interval}, each run anchors every escalation changed since the previous run, following the change
     * feed from where it stopped (in batches of 500) to where it stood when read: a change committed during a run waits
     * for the next one. The cursor is kept by this engine instance: after a
     * restart it starts from the beginning, where escalations whose latest anchor already covers their length are
     * skipped. Hosts with their own scheduler call {@link #anchorChanges} instead.
     *
     * @param actor    an active staff member
     * @param interval the least time between two runs (10 ms to 1 day)
     * @throws InvalidCommandException if the interval is null or out of that range
     * @throws IllegalStateException if the audit trail is off
     */
    public void scheduleAnchoring(Actor actor, Duration interval) {
        reads.requireStaff(actor, null);
        Inputs.interval(interval);
        settings();
        synchronized (schedule) {
            anchorEvery = interval;
            nextAnchor = Instant.MIN;
        }
        Ports.LOG.info("audit anchoring scheduled by {} every {}", actor, interval);
    }

    /**
     * Takes the scheduled checkpoint if its time has come (called by the background worker). A run that fails is due
     * again {@link WorkflowPrivacy#RETRY_FAILED} later (or at the interval, if shorter).
     */
    void runScheduled() {
        Instant now = w.clock.instant();
        String cursor;
        synchronized (schedule) {
            if (anchorEvery.isZero() || now.isBefore(nextAnchor)) {
                return;
            }
            nextAnchor = now.plus(anchorEvery);
            cursor = anchorCursor;
        }
        AuditSettings settings = settings();
        int anchored = 0;
        List<EscalationId> unanchored = new ArrayList<>();
        Set<String> cursors = new HashSet<>(); // a feed whose cursors come round again (breaking S19) ends the run
        cursors.add(cursor);
        boolean more = true;
        try {
            while (more) { // up to where the feed stood when read: a change made meanwhile waits for the next run
                ChangeBatch batch = read(cursor, PAGE);
                anchored += anchors.anchor(batch, settings, unanchored);
                more = batch.changes().size() == PAGE;
                if (more && !cursors.add(batch.cursor())) {
                    Ports.LOG.warn(
                            "scheduled audit anchoring: the change feed's cursor came back to one it gave before;"
                                    + " the run ends there");
                    break;
                }
                cursor = batch.cursor();
            }
        } catch (RuntimeException | Error e) {
            synchronized (schedule) { // an outage at the scheduled time: tried again soon, not an interval later
                Duration every = anchorEvery;
                nextAnchor = now.plus(
                        every.compareTo(WorkflowPrivacy.RETRY_FAILED) < 0 ? every : WorkflowPrivacy.RETRY_FAILED);
            }
            throw e;
        }
        synchronized (schedule) {
            anchorCursor = cursor;
        }
        Ports.LOG.info(
                "scheduled audit anchoring: {} anchors recorded, {} escalations not anchored",
                anchored,
                unanchored.size());
    }

    private AnchorRun anchorBatch(String from, int max) {
        AuditSettings settings = settings();
        ChangeBatch batch = WorkflowOutbox.feed(w.store, from, max);
        List<EscalationId> unanchored = new ArrayList<>();
        int anchored = anchors.anchor(batch, settings, unanchored);
        return new AnchorRun(batch.cursor(), anchored, unanchored);
    }

    /** The feed from the engine's own cursor: a store that refuses it fails the run as any other store failure. */
    private ChangeBatch read(String from, int max) {
        return Ports.call(() -> w.store.changesSince(from, max));
    }

    /**
     * What {@link #anchorChanges} did.
     *
     * @param cursor     where to continue
     * @param anchored   how many anchors were recorded
     * @param unanchored escalations not anchored because their stored head is not their last entry's hash, or their
     *                   stored data cannot be read back (their log, head or anchor was changed outside the engine, or
     *                   the latest anchor is another's or beyond the end; {@link #verify} shows where); the others
     *                   were anchored
     */
    public record AnchorRun(String cursor, int anchored, List<EscalationId> unanchored) {
        /**
         * Copies the list.
         *
         * @param cursor     where to continue
         * @param anchored   how many anchors were recorded
         * @param unanchored escalations whose stored head is not their last entry's hash
         * @throws NullPointerException if {@code unanchored} is null
         */
        public AnchorRun {
            unanchored = Copies.list(unanchored, "unanchored");
        }
    }

    // ------------------------------------------------------------------ implementation

    private AuditSettings settings() {
        return chain.orElseThrow(() -> new IllegalStateException("the audit trail is off: builder.auditTrail(...)"))
                .settings();
    }

    private static boolean signatureHolds(AuditSettings settings, Anchor a) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(settings.signing().getPublic());
            s.update(AuditEncoding.anchorBytes(a.escalation(), a.length(), a.head(), a.at()));
            return s.verify(a.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static AuditTrail.SignedHead head(Anchor a) {
        return new AuditTrail.SignedHead(a.length(), a.head(), a.at(), a.signature());
    }

    private record Result(
            AuditTrail trail,
            AuditVerification verification,
            @org.jspecify.annotations.Nullable CorruptDataException corrupt) {}

    private Result read(EscalationId id) {
        StoredEscalation e = Ports.call(() -> w.store.findForVendor(id))
                .filter(x -> StoreRows.asked("audit trail's load", x, id, null))
                .orElseThrow(() -> Workflow.notFound(id));
        CorruptDataException[] corrupt = {null}; // stored data the store cannot read back
        Optional<Anchor> anchor = Optional.empty();
        long unreadableAnchor = -1;
        try {
            anchor = chain.isEmpty() ? anchor : AnchorWriter.latest(settings(), id);
        } catch (CorruptDataException badAnchor) {
            corrupt[0] = badAnchor;
            unreadableAnchor = AuditReads.position(badAnchor);
        }
        Map<PartyRef, Optional<byte[]>> keyCache = new HashMap<>();
        Function<PartyRef, Optional<byte[]>> keys = chain.isEmpty()
                ? s -> Optional.empty()
                : s -> keyCache.computeIfAbsent(s, x -> AuditReads.existingKey(settings(), x, corrupt));
        List<AuditRecord> records = new ArrayList<>();
        Optional<AuditTrail.Genesis> genesis = Optional.empty();
        Optional<AuditVerification.Problem> problem = Optional.empty();
        long unverified = 0;
        long expected = 1;
        int uncheckable = 0;
        String previous = null;
        long after = 0;
        while (true) {
            long from = after;
            CorruptDataException unreadable = null;
            List<StoredEntry> page;
            try {
                page = Ports.call(() -> w.store.entriesForVendor(id, from, PAGE));
            } catch (CorruptDataException badPage) {
                unreadable = badPage;
                page = AuditReads.readableBefore(w.store, id, from, PAGE); // the entries before it, one at a time
            }
            for (StoredEntry entry : page) {
                long seq = entry.sequence();
                if (problem.isEmpty() && seq != expected) {
                    problem = problem(seq, AuditVerification.Reason.SEQUENCE_GAP);
                }
                expected = seq + 1;
                if (entry.chain().isEmpty()) {
                    if (previous == null) {
                        unverified = seq;
                    } else if (problem.isEmpty()) {
                        problem = problem(seq, AuditVerification.Reason.UNLINKED);
                    }
                    continue;
                }
                if (previous == null) {
                    previous = seq == 1 ? AuditEncoding.ZEROS : AuditEncoding.genesisHash(id, seq - 1, entry.at());
                    if (seq > 1) {
                        genesis = Optional.of(new AuditTrail.Genesis(seq - 1, entry.at(), previous));
                    }
                }
                CorruptDataException keyBefore = corrupt[0];
                AuditChain.Read r = AuditReads.read(id, entry, keys);
                if (problem.isEmpty() && corrupt[0] != keyBefore) {
                    problem = problem(seq, AuditVerification.Reason.UNREADABLE); // a key of this entry's values
                }
                records.add(r.record());
                uncheckable += r.uncheckable();
                if (problem.isEmpty() && !r.record().previous().equals(previous)) {
                    problem = problem(seq, AuditVerification.Reason.BROKEN_LINK);
                }
                if (problem.isEmpty() && r.valueMismatch()) {
                    problem = problem(seq, AuditVerification.Reason.VALUE_CHANGED);
                }
                if (problem.isEmpty()
                        && !AuditChain.recompute(id, r.record())
                                .equals(r.record().hash())) {
                    problem = problem(seq, AuditVerification.Reason.HASH_MISMATCH);
                }
                previous = r.record().hash();
            }
            long last = page.isEmpty() ? from : page.get(page.size() - 1).sequence();
            if (unreadable != null) { // reading stops at it: the entries after it are not read
                long at = AuditReads.position(unreadable);
                problem = problem.isPresent()
                        ? problem
                        : problem(at > last ? at : last + 1, AuditVerification.Reason.UNREADABLE);
                corrupt[0] = corrupt[0] == null ? unreadable : corrupt[0];
                break;
            }
            if (page.size() < PAGE || last <= from) {
                break; // the end, or a store that does not page on (its repetition is a problem found above)
            }
            after = last;
        }
        long length = records.isEmpty() ? 0 : records.get(records.size() - 1).sequence();
        Optional<String> head = records.isEmpty()
                ? Optional.empty()
                : Optional.of(records.get(records.size() - 1).hash());
        if (problem.isEmpty()
                && (!e.facts().chainHead().equals(head)
                        || (length > 0 && e.facts().entryCount() != length))) {
            problem = problem(length, AuditVerification.Reason.HEAD_MISMATCH);
        }
        if (problem.isEmpty() && unreadableAnchor >= 0) { // not an anchor the engine signed
            problem = problem(unreadableAnchor, AuditVerification.Reason.ANCHOR_SIGNATURE);
        }
        if (problem.isEmpty() && anchor.isPresent()) {
            Anchor a = anchor.get();
            if (!signatureHolds(settings(), a) || !a.escalation().equals(id)) {
                problem = problem(a.length(), AuditVerification.Reason.ANCHOR_SIGNATURE);
            } else if (a.length() > length) {
                problem = problem(a.length(), AuditVerification.Reason.ANCHOR_BEYOND_END);
            } else if (!hashAt(records, a.length()).equals(Optional.of(a.head()))) {
                problem = problem(a.length(), AuditVerification.Reason.ANCHOR_MISMATCH);
            }
        }
        AuditTrail trail = new AuditTrail(id, genesis, records, anchor.map(AuditOperations::head));
        return new Result(
                trail,
                new AuditVerification(id, length, head, unverified, anchor.map(Anchor::length), problem, uncheckable),
                corrupt[0]);
    }

    private static Optional<String> hashAt(List<AuditRecord> records, long sequence) {
        return records.stream()
                .filter(r -> r.sequence() == sequence)
                .map(AuditRecord::hash)
                .findFirst();
    }

    private static Optional<AuditVerification.Problem> problem(long sequence, AuditVerification.Reason reason) {
        return Optional.of(new AuditVerification.Problem(sequence, reason));
    }
}
