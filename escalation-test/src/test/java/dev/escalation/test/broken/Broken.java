package dev.escalation.test.broken;

import dev.escalation.inmemory.InMemoryCustomerDirectory;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemoryNotifier;
import dev.escalation.inmemory.InMemoryStaffDirectory;
import dev.escalation.inmemory.InMemoryTicketing;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.CustomerRole;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.MessageId;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.model.Preferences;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.Change;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.DeadLetterEntry;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.InboxQuery;
import dev.escalation.spi.MetricSelection;
import dev.escalation.spi.MetricsQueries;
import dev.escalation.spi.Notification;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OpenEscalationExistsException;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PermanentDeliveryException;
import dev.escalation.spi.SideEffect;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.Touchpoint;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.spi.UnitOfWork.Decision;
import dev.escalation.test.Records;
import dev.escalation.test.TicketView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The fault-injecting wrappers of the shipped in-memory adapters, one class per {@link Fault} (named after it), and the
 * factories the kit's own tests use. Each wrapper forwards to the real adapter and breaks one thing; the two that must
 * stage a race do so without sleeping: for {@link LoadsOutsideLock} and {@link SkipsLateCommits} the contract holds the
 * first write on a latch, and the wrapper's fault shows whenever the second runs meanwhile; {@link MismapsCaseConflict}
 * and {@link ClaimsDueWithoutLock} hold the first of the contract's racers in their gap until a second one is in it.
 */
final class Broken {

    private Broken() {}

    // ------------------------------------------------------------------------------------------------ factories

    /** The in-memory store, wrapped in the fault's store wrapper (none: the plain store). */
    static EscalationStore store(Fault fault) {
        InMemoryEscalationStore base = new InMemoryEscalationStore();
        if (fault == null) {
            return base;
        }
        return switch (fault) {
            case DROPS_ENTRY_PARAMS -> new DropsEntryParams(base);
            case FORGETS_PLAN_ZONE -> new ForgetsPlanZone(base);
            case REFUSES_LONG_IDS -> new RefusesLongIds(base);
            case REORDERS_LOG -> new ReordersLog(base);
            case WRITES_BEFORE_DECIDE_FAILS -> new WritesBeforeDecideFails(base);
            case LOADS_OUTSIDE_LOCK -> new LoadsOutsideLock(base);
            case DECIDES_ON_CACHED_READ -> new DecidesOnCachedRead(base);
            case LEAKS_ACROSS_CUSTOMERS -> new LeaksAcrossCustomers(base);
            case MATCHES_CASE_AND_KEY_ONLY -> new MatchesCaseAndKeyOnly(base);
            case PAGES_BY_INSTANT_ONLY -> new PagesByInstantOnly(base);
            case OFFSET_IN_CURSOR -> new OffsetInCursor(base);
            case VANISHES_WHILE_MOVING -> new VanishesWhileMoving(base);
            case FREES_CASE_ON_RESOLVE -> new FreesCaseOnResolve(base);
            case DROPS_MESSAGES_OF_CREATE -> new DropsMessagesOfCreate(base);
            case ACCEPTS_ANY_VERSION_ON_CREATE -> new AcceptsAnyVersionOnCreate(base);
            case RENUMBERS_LOG_ON_CREATE -> new RenumbersLogOnCreate(base);
            case REPAIRS_FIXED_COMPONENTS -> new RepairsFixedComponents(base);
            case FORGETS_SUBMISSION_KEY -> new ForgetsSubmissionKey(base);
            case TRUNCATES_LONG_LOGS -> new TruncatesLongLogs(base);
            case SHOWS_INTERNAL_ENTRIES -> new ShowsInternalEntries(base);
            case FORGETS_TICKET_REFERENCE -> new ForgetsTicketReference(base);
            case SKIPS_LATE_COMMITS -> new SkipsLateCommits(base);
            case MISMAPS_CASE_CONFLICT -> new MismapsCaseConflict(base);
            case CLAIMS_TWICE -> new ClaimsTwice(base);
            case KEEPS_SUPERSEDED_CLAIMS -> new KeepsSupersededClaims(base);
            case RETRIES_EARLY -> new RetriesEarly(base);
            case REPLAY_KEEPS_ATTEMPTS -> new ReplayKeepsAttempts(base);
            case HIDES_READABLE_DEAD_LETTERS -> new HidesReadableDeadLetters(base);
            case TELLS_UNTOLD_DEAD_LETTERS -> new TellsUntoldDeadLetters(base);
            case DELIVERED_ONLY_RELEASES -> new DeliveredOnlyReleases(base);
            case ORDERS_PER_ESCALATION_ONLY -> new OrdersPerEscalationOnly(base);
            case CHAINS_BY_RECIPIENT_ID_ONLY -> new ChainsByRecipientIdOnly(base);
            case IGNORES_DEAD_LETTER_IN_CHAIN -> new IgnoresDeadLetterInChain(base);
            case FORGETS_DELIVERED_KEYS -> new ForgetsDeliveredKeys(base);
            case FINISHES_PARTIALLY -> new FinishesPartially(base);
            case COUNTS_BEFORE_FINISHING -> new CountsBeforeFinishing(base);
            case REPLAYS_OUT_OF_ORDER -> new ReplaysOutOfOrder(base);
            case TRUNCATES_INVITE_INSTANTS -> new TruncatesInviteInstants(base);
            case REPAIRS_CLAIM_ARGUMENTS -> new RepairsClaimArguments(base);
            case MIXES_CLAIMED_CUSTOMERS -> new MixesClaimedCustomers(base);
            case LOSES_SECOND_RETRY -> new LosesSecondRetry(base);
            case JOINS_TICKET_REFERENCE_BY_CUSTOMER -> new JoinsTicketReferenceByCustomer(base);
            case DUE_HIDES_CLAIMED -> new DueHidesClaimed(base);
            case CLAIMS_DUE_TWICE -> new ClaimsDueTwice(base);
            case RELEASES_ANY_CLAIM -> new ReleasesAnyClaim(base);
            case COMPLETES_BY_RELEASING -> new CompletesByReleasing(base);
            case QUEUES_FOLLOW_UPS_OF_REFUSED_COMPLETE -> new QueuesFollowUpsOfRefusedComplete(base);
            case KEEPS_REPLACED_DUE_ITEMS -> new KeepsReplacedDueItems(base);
            case ORDERS_DUE_BY_KIND -> new OrdersDueByKind(base);
            case CLAIMS_DUE_IN_KEY_ORDER -> new ClaimsDueInKeyOrder(base);
            case DERIVES_DUE_KEYS -> new DerivesDueKeys(base);
            case REPLACES_DUE_ITEMS_BY_PARTS -> new ReplacesDueItemsByParts(base);
            case COMPLETES_SUPERSEDED_CLAIMS -> new CompletesSupersededClaims(base);
            case REQUEUES_COMPLETED_DUE_KEYS -> new RequeuesCompletedDueKeys(base);
            case CLAIMS_DUE_WITHOUT_LOCK -> new ClaimsDueWithoutLock(base);
            case REPAIRS_DUE_ARGUMENTS -> new RepairsDueArguments(base);
            case CLAIMS_DUE_WITH_FIRST_ESCALATION -> new ClaimsDueWithFirstEscalation(base);
            case IGNORES_BREACHED_FILTER -> new IgnoresBreachedFilter(base);
            case IGNORES_SORT_DIRECTION -> new IgnoresSortDirection(base);
            case COUNTS_WITH_OWN_FACET -> new CountsWithOwnFacet(base);
            case QUERY_LEAKS_TENANT -> new QueryLeaksTenant(base);
            case OVERDUE_IGNORES_MEETINGS -> new OverdueIgnoresMeetings(base);
            case OVERDUE_MIXES_HOTLINE_ADVICE -> new OverdueMixesHotlineAdvice(base);
            case ERASES_ONLY_RECORDS -> new ErasesOnlyRecords(base);
            case PURGES_OPEN_ESCALATIONS -> new PurgesOpenEscalations(base);
            case EXPORTS_WITHOUT_DEAD_LETTERS -> new ExportsWithoutDeadLetters(base);
            case FORGETS_OWNER_KINDS -> new ForgetsOwnerKinds(base);
            case ERASES_EVERY_MATCH -> new ErasesEveryMatch(base);
            case EXPORTS_ENTRIES_OUT_OF_ORDER -> new ExportsEntriesOutOfOrder(base);
            case ERASES_INSIDE_OTHER_PARTIES -> new ErasesInsideOtherParties(base);
            case ERASES_ADDRESSES_IGNORING_CASE -> new ErasesAddressesIgnoringCase(base);
            case IGNORES_CRITICALITY_FILTER -> new IgnoresCriticalityFilter(base);
            case DROPS_METRICS_OF_CHANGES -> new DropsMetricsOfChanges(base);
            case PURGES_METRIC_ROWS -> new PurgesMetricRows(base);
            case PURGES_INSIDE_WINDOW -> new PurgesInsideWindow(base);
            case NAMES_AFTER_DELETING -> new NamesAfterDeleting(base);
            default -> base;
        };
    }

    /**
     * S10 (race, staged): checks the case with a look-up before the insert, as an adapter without a unique index on
     * the open case would, and lets the backend's own conflict of a lost race escape unmapped. Staged without
     * sleeping: a create on a thread other than the test's (one of the contract's racers) waits in the gap between
     * look-up and insert until a second create of the same case is in it too, so both look-ups find the case free.
     */
    static final class MismapsCaseConflict extends Forwarding.Store {
        private final Thread testThread = Thread.currentThread();
        private final Map<String, CountDownLatch> gaps = new ConcurrentHashMap<>();

        MismapsCaseConflict(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            StoredEscalation e = write.next();
            if (delegate.findOpenForCustomer(e.customer(), e.caseId()).isPresent()) {
                delegate.create(write); // the adapter's own check: the right exception
                return;
            }
            if (Thread.currentThread() != testThread) {
                CountDownLatch gap = gaps.computeIfAbsent(
                        e.customer().value() + "/" + e.caseId().value(), k -> new CountDownLatch(2));
                gap.countDown();
                awaitPartner(gap);
            }
            try {
                delegate.create(write);
            } catch (OpenEscalationExistsException lostTheRace) {
                // the fault: the unique-constraint violation of the insert is passed on as it comes
                throw new IllegalStateException("duplicate key value violates unique constraint \"open_case\"");
            }
        }
    }

    /** Waits (at most 10 s, then goes on) until the partner of a staged race has arrived. */
    static void awaitPartner(CountDownLatch gap) {
        try {
            gap.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A store whose backend is down: every call throws UnavailableException (or, with the fault, swallows). */
    static EscalationStore unavailableStore(Fault fault) {
        if (fault == Fault.QUIET_OUTBOX_WHEN_DOWN) {
            return new QuietOutboxWhenDown();
        }
        return new Down(fault == Fault.SWALLOWS_FAILURES);
    }

    /** The in-memory notifier, wrapped in the fault's notifier wrapper. */
    static Forwarding.NotifierPort notifier(Fault fault) {
        InMemoryNotifier base = new InMemoryNotifier();
        if (fault == null) {
            return new Forwarding.NotifierPort(base);
        }
        return switch (fault) {
            case CLAIMS_EVERY_CHANNEL -> new ClaimsEveryChannel(base);
            case REORDERS_NOTIFICATIONS -> new ReordersNotifications(base);
            case SWALLOWS_FAILURES -> new SwallowsSendFailures(base);
            case DUPLICATES_ON_RETRY -> new DuplicatesNotificationsOnRetry(base);
            case REJECTS_INVITATIONS -> new RejectsInvitations(base);
            case MISDIRECTS_NOTIFICATIONS -> new MisdirectsNotifications(base);
            default -> new Forwarding.NotifierPort(base);
        };
    }

    /** The in-memory ticketing system, wrapped in the fault's ticketing wrapper. */
    static Forwarding.TicketingPort ticketing(Fault fault) {
        InMemoryTicketing base = new InMemoryTicketing();
        if (fault == null) {
            return new Forwarding.TicketingPort(base);
        }
        return switch (fault) {
            case POSTS_DESCRIPTION_AS_UPDATE -> new PostsDescriptionAsUpdate(base);
            case LISTS_PARTICIPANT_TWICE -> new ListsParticipantTwice(base);
            case REMOVING_ABSENT_FAILS -> new RemovingAbsentFails(base);
            case REORDERS_UPDATES -> new ReordersUpdates(base);
            case IGNORES_STATUS -> new IgnoresStatus(base);
            case DROPS_STATUS_NOTE -> new DropsStatusNote(base);
            case OPENS_AGAIN_ON_RETRY -> new OpensAgainOnRetry(base);
            case IGNORES_TICKET_REFERENCE -> new IgnoresTicketReference(base);
            case SWALLOWS_FAILURES -> new SwallowsTicketFailures(base);
            case DUPLICATES_ON_RETRY -> new DuplicatesTicketCallsOnRetry(base);
            case MATCHES_TICKETS_BY_SUBSTRING -> new MatchesTicketsBySubstring(base);
            default -> new Forwarding.TicketingPort(base);
        };
    }

    /** The in-memory customer directory, wrapped in the fault's wrapper. */
    static dev.escalation.spi.CustomerDirectory customers(Fault fault, InMemoryCustomerDirectory base) {
        if (fault == Fault.FORGETS_CONTACT_PREFERENCES) {
            return new ForgetsContactPreferences(base);
        }
        if (fault == Fault.IGNORES_CONTACT_ROLE) {
            return new IgnoresContactRole(base);
        }
        if (fault == Fault.IGNORES_CONTACT_ID_CASE) {
            return new IgnoresContactIdCase(base);
        }
        return base;
    }

    /** The in-memory staff directory, wrapped in the fault's wrapper. */
    static dev.escalation.spi.StaffDirectory staff(Fault fault, InMemoryStaffDirectory base) {
        if (fault == Fault.FORGETS_STAFF_PREFERENCES) {
            return new ForgetsStaffPreferences(base);
        }
        if (fault == Fault.IGNORES_STAFF_ROLE) {
            return new IgnoresStaffRole(base);
        }
        if (fault == Fault.IGNORES_STAFF_ID_CASE) {
            return new IgnoresStaffIdCase(base);
        }
        return base;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

    static EscalationSummary withoutTicket(EscalationSummary s) {
        return with(s, Optional.empty(), s.hotline());
    }

    /** {@code s} with another ticket reference and hotline advice, every other component as it is. */
    static EscalationSummary with(
            EscalationSummary s,
            Optional<String> ticketReference,
            Optional<dev.escalation.model.HotlineAdvice> hotline) {
        return new EscalationSummary(
                s.id(),
                s.version(),
                s.customer(),
                s.caseId(),
                s.state(),
                s.cause(),
                s.criticality(),
                s.raisedBy(),
                s.raisedAt(),
                s.updatedAt(),
                s.manager(),
                s.nextDeadline(),
                s.nextMeetingAt(),
                s.pausedSince(),
                ticketReference,
                hotline);
    }

    static Change changeOf(StoredEscalation e) {
        return new Change(e.id(), e.customer(), e.version(), e.state(), e.updatedAt());
    }

    /** The same effect under another idempotency key. */
    static SideEffect withKey(SideEffect effect, String key) {
        if (effect instanceof NotificationRequest n) {
            return new NotificationRequest(
                    key,
                    n.escalation(),
                    n.caseId(),
                    n.kind(),
                    n.channel(),
                    n.recipient(),
                    n.params(),
                    n.text(),
                    n.invite());
        } else if (effect instanceof TicketCommand.Open o) {
            return new TicketCommand.Open(
                    key, o.escalation(), o.customer(), o.caseId(), o.subject(), o.description(), o.criticality());
        } else if (effect instanceof TicketCommand.AddParticipant a) {
            return new TicketCommand.AddParticipant(key, a.escalation(), a.participant());
        } else if (effect instanceof TicketCommand.RemoveParticipant r) {
            return new TicketCommand.RemoveParticipant(key, r.escalation(), r.participant());
        } else if (effect instanceof TicketCommand.PostUpdate u) {
            return new TicketCommand.PostUpdate(key, u.escalation(), u.text(), u.visibility());
        } else if (effect instanceof TicketCommand.ChangeStatus c) {
            return new TicketCommand.ChangeStatus(key, c.escalation(), c.status(), c.note());
        }
        throw new IllegalArgumentException("unknown effect " + effect);
    }

    /** Runs a unit of work through the store, letting {@code onWrite} see (and change) the write it decided. */
    static <R> UnitOfWork<R> seeing(UnitOfWork<R> work, Function<EscalationWrite, EscalationWrite> onWrite) {
        return current -> {
            Decision<R> d = work.decide(current);
            if (d instanceof Decision.Write<R> w) {
                return Decision.write(onWrite.apply(w.write()), w.result());
            }
            return d;
        };
    }

    static EscalationWrite withMessages(EscalationWrite w, List<OutboxMessage> messages) {
        return new EscalationWrite(w.next(), w.entries(), messages, w.due());
    }

    // ------------------------------------------------------------------------------------------------ store

    /**
     * S1: its id columns hold 64 characters, so a create holding a longer id (escalation, customer, case, raiser,
     * manager or participant) fails, as the database's "value too long" would make it fail.
     */
    static final class RefusesLongIds extends Forwarding.Store {
        private static final int WIDTH = 64;

        RefusesLongIds(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            StoredEscalation e = write.next();
            Stream<String> ids = Stream.concat(
                    Stream.of(
                            e.id().value(),
                            e.customer().value(),
                            e.caseId().value(),
                            e.raisedBy().value()),
                    Stream.concat(
                            e.manager().map(StaffId::value).stream(),
                            e.participants().stream().map(Party::id)));
            if (ids.anyMatch(id -> id.length() > WIDTH)) {
                throw new UnavailableException("value too long for type character varying(" + WIDTH + ")", null);
            }
            delegate.create(write);
        }
    }

    /** S1: reads entries without their Span and Count parameters. */
    static final class DropsEntryParams extends Forwarding.Store {
        DropsEntryParams(EscalationStore delegate) {
            super(delegate);
        }

        private static List<StoredEntry> drop(List<StoredEntry> entries) {
            List<StoredEntry> result = new ArrayList<>();
            for (StoredEntry e : entries) {
                Map<String, EntryParam> params = new LinkedHashMap<>();
                e.params().forEach((k, v) -> {
                    if (!(v instanceof EntryParam.Span) && !(v instanceof EntryParam.Count)) {
                        params.put(k, v);
                    }
                });
                result.add(new StoredEntry(
                        e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), e.text(), params, e.chain()));
            }
            return result;
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return drop(super.entriesForVendor(id, afterSequence, limit));
        }

        @Override
        public List<StoredEntry> entriesForCustomer(CustomerId c, EscalationId id, long afterSequence, int limit) {
            return drop(super.entriesForCustomer(c, id, afterSequence, limit));
        }
    }

    /** S1: the communication plan comes back without its zone (a mapper written before plans recorded one). */
    static final class ForgetsPlanZone extends Forwarding.Store {
        ForgetsPlanZone(EscalationStore delegate) {
            super(delegate);
        }

        private static StoredEscalation forget(StoredEscalation e) {
            return Records.from(e)
                    .plan(e.plan()
                            .map(p -> new dev.escalation.model.CommunicationPlan(
                                    p.frequency(),
                                    p.channel(),
                                    p.firstMeetingAt(),
                                    p.agreedAt(),
                                    p.customerSide(),
                                    p.vendorSide(),
                                    p.agreement())))
                    .build();
        }

        @Override
        public Optional<StoredEscalation> findForVendor(EscalationId id) {
            return delegate.findForVendor(id).map(ForgetsPlanZone::forget);
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return delegate.findForCustomer(customer, id).map(ForgetsPlanZone::forget);
        }
    }

    /** S2: a page of the log comes back with the entries after the third in reverse order. */
    static final class ReordersLog extends Forwarding.Store {
        ReordersLog(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            List<StoredEntry> page = new ArrayList<>(super.entriesForVendor(id, afterSequence, limit));
            int from = 0;
            while (from < page.size() && page.get(from).sequence() <= 3) {
                from++;
            }
            Collections.reverse(page.subList(from, page.size()));
            return page;
        }
    }

    /** S3: a unit of work that throws still leaves a new version behind. */
    static final class WritesBeforeDecideFails extends Forwarding.Store {
        WritesBeforeDecideFails(EscalationStore delegate) {
            super(delegate);
        }

        private <R> Optional<R> touching(UnitOfWork<R> work, Function<UnitOfWork<R>, Optional<R>> call) {
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            Optional<R> result = call.apply(current -> {
                try {
                    return work.decide(current);
                } catch (RuntimeException e) {
                    failure.set(e);
                    return Decision.write(Records.change(current).build(), null); // the touch went through
                }
            });
            if (failure.get() != null) {
                throw failure.get();
            }
            return result;
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return touching(work, w -> delegate.changeForVendor(id, w));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return touching(work, w -> delegate.changeForCustomer(customer, id, w));
        }
    }

    /**
     * S4 (race): the unit of work runs on a copy read before the lock; what it decided is then written on top of the
     * escalation as it is stored by then, renumbered (a lost update). A write that was already wrong for the copy is
     * passed on unchanged, so the store still refuses it.
     */
    static final class LoadsOutsideLock extends Forwarding.Store {
        LoadsOutsideLock(EscalationStore delegate) {
            super(delegate);
        }

        private <R> Optional<R> outside(
                Optional<StoredEscalation> copy, UnitOfWork<R> work, Function<UnitOfWork<R>, Optional<R>> call) {
            if (copy.isEmpty()) {
                return Optional.empty();
            }
            StoredEscalation read = copy.get();
            Decision<R> decided = work.decide(read);
            if (!(decided instanceof Decision.Write<R> w)) {
                return Optional.ofNullable(decided.result());
            }
            return call.apply(current -> Decision.write(onto(w.write(), read, current), w.result()));
        }

        /**
         * {@code write}, decided on {@code read}, renumbered to follow {@code current} (a lost update when the two
         * differ); a write already wrong for {@code read} (not its next version) is returned unchanged, so the store
         * still refuses it.
         */
        static EscalationWrite onto(EscalationWrite write, StoredEscalation read, StoredEscalation current) {
            return write.next().version() == read.version() + 1 ? rebase(write, current) : write;
        }

        private static EscalationWrite rebase(EscalationWrite write, StoredEscalation current) {
            long before = current.facts().entryCount();
            List<StoredEntry> entries = new ArrayList<>();
            long seq = before;
            for (StoredEntry e : write.entries()) {
                entries.add(Records.withSequence(e, ++seq));
            }
            long count = seq;
            StoredEscalation next = Records.from(write.next())
                    .version(current.version() + 1)
                    .facts(f -> Records.withEntryCount(f, count))
                    .build();
            return new EscalationWrite(next, entries, write.messages(), write.due());
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return outside(delegate.findForVendor(id), work, w -> delegate.changeForVendor(id, w));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return outside(
                    delegate.findForCustomer(customer, id), work, w -> delegate.changeForCustomer(customer, id, w));
        }
    }

    /**
     * S20: findForVendor and findForCustomer fill a read cache, and a change runs its unit of work on the cached row
     * (when there is one) and writes the result on top of what is stored: the engine's expected-version check then
     * compares against a stale row. A write decided on a read equal to the stored row, or already wrong for its read
     * ({@link LoadsOutsideLock#onto}), is passed on unchanged (see {@code DecidesOnCachedReadTest}).
     */
    static final class DecidesOnCachedRead extends Forwarding.Store {
        private final java.util.Map<EscalationId, StoredEscalation> cache =
                new java.util.concurrent.ConcurrentHashMap<>();

        DecidesOnCachedRead(EscalationStore delegate) {
            super(delegate);
        }

        private Optional<StoredEscalation> remember(Optional<StoredEscalation> read) {
            read.ifPresent(r -> cache.put(r.id(), r));
            return read;
        }

        @Override
        public Optional<StoredEscalation> findForVendor(EscalationId id) {
            return remember(delegate.findForVendor(id));
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return remember(delegate.findForCustomer(customer, id));
        }

        private <R> UnitOfWork<R> onCached(EscalationId id, UnitOfWork<R> work) {
            return current -> {
                StoredEscalation read = cache.getOrDefault(id, current);
                Decision<R> decided = work.decide(read);
                // by value: whether the store hands out the instance it cached must not change what the fault does
                if (!(decided instanceof Decision.Write<R> w) || read.equals(current)) {
                    return decided; // a fresh read: passed on unchanged
                }
                return Decision.write(LoadsOutsideLock.onto(w.write(), read, current), w.result());
            };
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForVendor(id, onCached(id, work));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForCustomer(customer, id, onCached(id, work));
        }
    }

    /** S6: findForCustomer ignores the customer. */
    static final class LeaksAcrossCustomers extends Forwarding.Store {
        LeaksAcrossCustomers(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return delegate.findForVendor(id);
        }
    }

    /**
     * S6: finds the open escalation of a case and the escalation of a submission key by the case or key alone (the
     * customer only sorts the caller's own row first, as {@code ORDER BY customer = ? DESC} would): when only another
     * customer has one, it is returned.
     */
    static final class MatchesCaseAndKeyOnly extends Forwarding.Store {
        private final Set<CustomerId> customers = ConcurrentHashMap.newKeySet();

        MatchesCaseAndKeyOnly(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            delegate.create(write);
            customers.add(write.next().customer());
        }

        private Optional<StoredEscalation> anyCustomer(
                CustomerId own, Function<CustomerId, Optional<StoredEscalation>> find) {
            Optional<StoredEscalation> mine = find.apply(own);
            if (mine.isPresent()) {
                return mine;
            }
            for (CustomerId c : customers) {
                Optional<StoredEscalation> theirs = find.apply(c);
                if (theirs.isPresent()) {
                    return theirs;
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
            return anyCustomer(customer, c -> delegate.findOpenForCustomer(c, caseId));
        }

        @Override
        public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
            return anyCustomer(customer, c -> delegate.findBySubmissionForCustomer(c, submissionKey));
        }
    }

    /** S7: the next page starts after the cursor's instant, skipping escalations that tie with it. */
    static final class PagesByInstantOnly extends Forwarding.Store {
        PagesByInstantOnly(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
            // newest first: nothing sorts below the empty id, so ties with the cursor are skipped
            return delegate.listForCustomer(
                    customer,
                    page.after().isEmpty()
                            ? page
                            : PageRequest.after(
                                    new PageCursor(page.after().get().at(), ""), page.size()));
        }

        @Override
        public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
            return delegate.listForVendor(
                    states,
                    page.after().isEmpty()
                            ? page
                            : PageRequest.after(
                                    new PageCursor(page.after().get().at(), "\uffff"), page.size()));
        }
    }

    /** S8: listForCustomer pages by an offset smuggled into the cursor. */
    static final class OffsetInCursor extends Forwarding.Store {
        OffsetInCursor(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
            int offset = page.after()
                    .map(c -> Integer.parseInt(c.id().substring("offset:".length())))
                    .orElse(0);
            List<EscalationSummary> all = new ArrayList<>();
            Optional<PageCursor> cursor = Optional.empty();
            do {
                Page<EscalationSummary> p =
                        delegate.listForCustomer(customer, new PageRequest(cursor, PageRequest.MAX_SIZE));
                all.addAll(p.items());
                cursor = p.next();
            } while (cursor.isPresent() && all.size() <= offset + page.size());
            int to = Math.min(all.size(), offset + page.size());
            List<EscalationSummary> items = offset >= all.size() ? List.of() : all.subList(offset, to);
            boolean more = all.size() > to;
            return new Page<>(
                    items, more ? Optional.of(new PageCursor(Instant.EPOCH, "offset:" + to)) : Optional.empty());
        }
    }

    /**
     * S8b: while an escalation changes state it is missing from listings running on other threads (as if it left one
     * index before entering the other). Once another thread lists, a change waits, bounded and without sleeping, until
     * a listing has run while the escalation was missing.
     */
    static final class VanishesWhileMoving extends Forwarding.Store {
        private final Set<EscalationId> moving = ConcurrentHashMap.newKeySet();
        private final AtomicLong listings = new AtomicLong();
        private volatile Thread lister;

        VanishesWhileMoving(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
            lister = Thread.currentThread();
            Page<EscalationSummary> p = delegate.listForVendor(states, page);
            List<EscalationSummary> items =
                    p.items().stream().filter(s -> !moving.contains(s.id())).toList();
            listings.incrementAndGet();
            return new Page<>(items, p.next());
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            Thread other = lister;
            if (other == null || other == Thread.currentThread()) {
                return delegate.changeForVendor(id, work);
            }
            moving.add(id);
            try {
                long seen = listings.get();
                long deadline = System.nanoTime() + 200_000_000L;
                while (listings.get() < seen + 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                return delegate.changeForVendor(id, work);
            } finally {
                moving.remove(id);
            }
        }
    }

    /** S9: RESOLVED and LESSONS_LEARNED escalations do not count as open for findOpenForCustomer. */
    static final class FreesCaseOnResolve extends Forwarding.Store {
        FreesCaseOnResolve(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
            return delegate.findOpenForCustomer(customer, caseId)
                    .filter(e -> e.state() != EscalationState.RESOLVED && e.state() != EscalationState.LESSONS_LEARNED);
        }
    }

    /** S11: create drops the outbox messages of a new escalation. */
    static final class DropsMessagesOfCreate extends Forwarding.Store {
        DropsMessagesOfCreate(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            delegate.create(withMessages(write, List.of()));
        }
    }

    /** S12: create stores any version as version 1. */
    static final class AcceptsAnyVersionOnCreate extends Forwarding.Store {
        AcceptsAnyVersionOnCreate(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            StoredEscalation first = Records.from(write.next()).version(1).build();
            delegate.create(new EscalationWrite(first, write.entries(), write.messages(), write.due()));
        }
    }

    /**
     * S21: a decided write that changes the escalation's id, customer, case or raisedAt, whose entry count does not
     * continue the log, or that makes a final escalation open again, is not refused: it is written with those
     * components, the entry count its entries give, and the final state, of the stored escalation.
     */
    static final class RepairsFixedComponents extends Forwarding.Store {
        RepairsFixedComponents(EscalationStore delegate) {
            super(delegate);
        }

        private static <R> UnitOfWork<R> repairing(UnitOfWork<R> work) {
            return new UnitOfWork<>() {
                @Override
                public Decision<R> decide(StoredEscalation current) {
                    return repaired(current, work.decide(current));
                }

                @Override
                public Decision<R> decide(StoredEscalation current, SubjectKeys keys) {
                    return repaired(current, work.decide(current, keys));
                }
            };
        }

        private static <R> Decision<R> repaired(StoredEscalation current, Decision<R> decision) {
            if (!(decision instanceof Decision.Write<R> w)) {
                return decision;
            }
            StoredEscalation next = w.write().next();
            long entries = current.facts().entryCount() + w.write().entries().size();
            if (next.id().equals(current.id())
                    && next.customer().equals(current.customer())
                    && next.caseId().equals(current.caseId())
                    && next.raisedAt().equals(current.raisedAt())
                    && next.facts().entryCount() == entries
                    && (current.state().isOpen() || !next.state().isOpen())) {
                return decision; // nothing to repair
            }
            StoredEscalation kept = Records.from(next)
                    .id(current.id())
                    .customer(current.customer())
                    .caseId(current.caseId())
                    .raisedAt(current.raisedAt())
                    .facts(f -> Records.withEntryCount(f, entries))
                    .state(current.state().isOpen() ? next.state() : current.state())
                    .build();
            long first = current.facts().entryCount() + 1;
            List<StoredEntry> renumbered = new ArrayList<>();
            for (StoredEntry e : w.write().entries()) {
                renumbered.add(Records.withSequence(e, first + renumbered.size()));
            }
            EscalationWrite write = new EscalationWrite(
                    kept,
                    renumbered,
                    w.write().messages(),
                    w.write().due(),
                    w.write().metrics());
            return Decision.write(write, w.result());
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForVendor(id, repairing(work));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForCustomer(customer, id, repairing(work));
        }
    }

    /** S12: create renumbers a log that does not start at sequence 1 from 1 instead of refusing it. */
    static final class RenumbersLogOnCreate extends Forwarding.Store {
        RenumbersLogOnCreate(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            if (write.entries().isEmpty() || write.entries().get(0).sequence() == 1) {
                delegate.create(write); // nothing to renumber
                return;
            }
            List<StoredEntry> entries = new ArrayList<>();
            for (StoredEntry e : write.entries()) {
                entries.add(Records.withSequence(e, entries.size() + 1L));
            }
            StoredEscalation first = Records.from(write.next())
                    .facts(f -> Records.withEntryCount(f, entries.size()))
                    .build();
            delegate.create(new EscalationWrite(first, entries, write.messages(), write.due(), write.metrics()));
        }
    }

    /** S13: findBySubmissionForCustomer never finds anything. */
    static final class ForgetsSubmissionKey extends Forwarding.Store {
        ForgetsSubmissionKey(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
            return Optional.empty();
        }
    }

    /** S16: the log is cut after its 1,000th entry. */
    static final class TruncatesLongLogs extends Forwarding.Store {
        TruncatesLongLogs(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return super.entriesForVendor(id, afterSequence, limit).stream()
                    .filter(e -> e.sequence() <= 1000)
                    .toList();
        }

        @Override
        public List<StoredEntry> entriesForCustomer(CustomerId c, EscalationId id, long afterSequence, int limit) {
            return super.entriesForCustomer(c, id, afterSequence, limit).stream()
                    .filter(e -> e.sequence() <= 1000)
                    .toList();
        }
    }

    /** S17: entriesForCustomer returns internal entries too (the tenant is still checked). */
    static final class ShowsInternalEntries extends Forwarding.Store {
        ShowsInternalEntries(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public List<StoredEntry> entriesForCustomer(CustomerId c, EscalationId id, long afterSequence, int limit) {
            return delegate.findForCustomer(c, id).isEmpty()
                    ? List.of()
                    : delegate.entriesForVendor(id, afterSequence, limit);
        }
    }

    /** S18: customer-scoped reads and both lists lose the ticket reference. */
    static final class ForgetsTicketReference extends Forwarding.Store {
        ForgetsTicketReference(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return delegate.findForCustomer(customer, id).map(e -> e.withTicketReference(Optional.empty()));
        }

        @Override
        public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
            return delegate.findOpenForCustomer(customer, caseId).map(e -> e.withTicketReference(Optional.empty()));
        }

        @Override
        public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String key) {
            return delegate.findBySubmissionForCustomer(customer, key)
                    .map(e -> e.withTicketReference(Optional.empty()));
        }

        @Override
        public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
            return delegate.listForCustomer(customer, page).map(Broken::withoutTicket);
        }

        @Override
        public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
            return delegate.listForVendor(states, page).map(Broken::withoutTicket);
        }
    }

    /**
     * S19 (race): the feed position of a write is taken when the write starts, and readers get everything committed
     * after their cursor: a write that started first and commits last lands behind a cursor already past it.
     */
    static final class SkipsLateCommits extends Forwarding.Store {
        private final AtomicLong positions = new AtomicLong();
        private final ConcurrentSkipListMap<Long, Change> committed = new ConcurrentSkipListMap<>();

        SkipsLateCommits(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            long position = positions.incrementAndGet();
            delegate.create(write);
            committed.put(position, changeOf(write.next()));
        }

        private <R> Optional<R> numbered(UnitOfWork<R> work, Function<UnitOfWork<R>, Optional<R>> call) {
            long position = positions.incrementAndGet();
            AtomicReference<EscalationWrite> written = new AtomicReference<>();
            Optional<R> result = call.apply(seeing(work, w -> {
                written.set(w);
                return w;
            }));
            if (written.get() != null) {
                committed.put(position, changeOf(written.get().next()));
            }
            return result;
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return numbered(work, w -> delegate.changeForVendor(id, w));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return numbered(work, w -> delegate.changeForCustomer(customer, id, w));
        }

        @Override
        public ChangeBatch changesSince(String cursor, int limit) {
            long after;
            try {
                after = cursor.isEmpty() ? 0 : Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a cursor of this store", e);
            }
            List<Change> changes = new ArrayList<>();
            long last = after;
            for (Map.Entry<Long, Change> e : committed.tailMap(after, false).entrySet()) {
                if (changes.size() == limit) {
                    break;
                }
                changes.add(e.getValue());
                last = e.getKey();
            }
            return new ChangeBatch(changes, last == 0 ? ChangeBatch.START : Long.toString(last));
        }
    }

    /** S14: a store whose backend is down; {@code swallow}: it answers "nothing" instead of failing. */
    static final class Down implements EscalationStore {
        private final boolean swallow;

        Down(boolean swallow) {
            this.swallow = swallow;
        }

        private <T> T down(T nothing) {
            if (swallow) {
                return nothing;
            }
            throw new UnavailableException("backend down (simulated)", null);
        }

        @Override
        public void create(EscalationWrite write) {
            down(null);
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return down(Optional.empty());
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return down(Optional.empty());
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return down(Optional.empty());
        }

        @Override
        public Optional<StoredEscalation> findForVendor(EscalationId id) {
            return down(Optional.empty());
        }

        @Override
        public Optional<StoredEscalation> findOpenForCustomer(CustomerId customer, CaseId caseId) {
            return down(Optional.empty());
        }

        @Override
        public Optional<StoredEscalation> findBySubmissionForCustomer(CustomerId customer, String submissionKey) {
            return down(Optional.empty());
        }

        @Override
        public List<StoredEntry> entriesForCustomer(
                CustomerId customer, EscalationId id, long afterSequence, int limit) {
            return down(List.of());
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return down(List.of());
        }

        @Override
        public Page<EscalationSummary> listForCustomer(CustomerId customer, PageRequest page) {
            return down(Page.empty());
        }

        @Override
        public Page<EscalationSummary> listForVendor(Set<EscalationState> states, PageRequest page) {
            return down(Page.empty());
        }

        @Override
        public ChangeBatch changesSince(String cursor, int limit) {
            return down(new ChangeBatch(List.of(), cursor));
        }

        @Override
        public Outbox outbox() {
            return down(null);
        }

        @Override
        public DueWork dueWork() {
            return down(null);
        }
    }

    /**
     * S14: a backend that cannot answer fails the store's own methods, but its outbox and due work answer with nothing
     * (an empty claim, zero counts): to the background worker the outage looks like an empty outbox.
     */
    static final class QuietOutboxWhenDown extends Forwarding.Store {
        QuietOutboxWhenDown() {
            super(new Down(false));
        }

        @Override
        public Outbox outbox() {
            return new Forwarding.OutboxFacet(null) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    return List.of();
                }

                @Override
                public OutboxCounts counts() {
                    return new OutboxCounts(0, 0, Optional.empty());
                }
            };
        }

        @Override
        public DueWork dueWork() {
            return new Forwarding.DueFacet(null) {
                @Override
                public List<DueItem> due(Instant now, int limit) {
                    return List.of();
                }

                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    return List.of();
                }
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ outbox

    /** A store whose outbox is wrapped by {@code wrap}. */
    abstract static class OutboxWrapper extends Forwarding.Store {
        private final Outbox outbox;

        OutboxWrapper(EscalationStore delegate) {
            super(delegate);
            this.outbox = wrap(delegate.outbox());
        }

        abstract Outbox wrap(Outbox real);

        @Override
        public Outbox outbox() {
            return outbox;
        }
    }

    /** O2: claim returns messages still leased to another claim (with that claim's token). */
    static final class ClaimsTwice extends OutboxWrapper {
        ClaimsTwice(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            Map<MessageId, ClaimedMessage> held = new ConcurrentHashMap<>();
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> fresh = delegate.claim(claimant, now, lease, limit);
                    Map<MessageId, ClaimedMessage> all = new LinkedHashMap<>(held);
                    fresh.forEach(c -> all.put(c.message().id(), c));
                    fresh.forEach(c -> held.put(c.message().id(), c));
                    List<ClaimedMessage> result = new ArrayList<>(all.values());
                    result.sort(Comparator.comparing(
                                    (ClaimedMessage c) -> c.message().createdAt())
                            .thenComparing(c -> c.message().id().value()));
                    return result.subList(0, Math.min(limit, result.size()));
                }

                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    outcomes.forEach(o -> held.remove(o.claimed().message().id()));
                    return delegate.finish(outcomes, now);
                }
            };
        }
    }

    /** O2b: finish applies each outcome to the message's latest claim, so a superseded claim still counts. */
    static final class KeepsSupersededClaims extends OutboxWrapper {
        KeepsSupersededClaims(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            Map<MessageId, ClaimedMessage> latest = new ConcurrentHashMap<>();
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> got = delegate.claim(claimant, now, lease, limit);
                    got.forEach(c -> latest.put(c.message().id(), c));
                    return got;
                }

                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    List<DeliveryOutcome> current = new ArrayList<>();
                    for (DeliveryOutcome o : outcomes) {
                        ClaimedMessage c =
                                latest.getOrDefault(o.claimed().message().id(), o.claimed());
                        DeliveryOutcome applied;
                        if (o instanceof DeliveryOutcome.Delivered d) {
                            applied = new DeliveryOutcome.Delivered(c, d.ticketReference());
                        } else if (o instanceof DeliveryOutcome.Retry r) {
                            applied = new DeliveryOutcome.Retry(c, r.nextAttemptAt(), r.reason());
                        } else if (o instanceof DeliveryOutcome.DeadLetter d) {
                            applied = new DeliveryOutcome.DeadLetter(c, d.code(), d.reason());
                        } else {
                            applied = new DeliveryOutcome.Released(c);
                        }
                        current.add(applied);
                    }
                    return delegate.finish(current, now);
                }
            };
        }
    }

    /** O4: a Retry is due at once. */
    static final class RetriesEarly extends OutboxWrapper {
        RetriesEarly(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    List<DeliveryOutcome> early = new ArrayList<>();
                    for (DeliveryOutcome o : outcomes) {
                        early.add(
                                o instanceof DeliveryOutcome.Retry r
                                        ? new DeliveryOutcome.Retry(r.claimed(), now, r.reason())
                                        : o);
                    }
                    return delegate.finish(early, now);
                }
            };
        }
    }

    /**
     * O1: the claim's mapper reads the customer once per batch: every claimed message comes back with the customer of
     * the batch's first (the tenant another customer's notification is then delivered for).
     */
    static final class MixesClaimedCustomers extends OutboxWrapper {
        MixesClaimedCustomers(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> got = delegate.claim(claimant, now, lease, limit);
                    if (got.isEmpty()) {
                        return got;
                    }
                    CustomerId first = got.get(0).message().customer();
                    List<ClaimedMessage> mixed = new ArrayList<>();
                    for (ClaimedMessage c : got) {
                        OutboxMessage m = c.message();
                        mixed.add(new ClaimedMessage(
                                new OutboxMessage(
                                        m.id(),
                                        first,
                                        m.effect(),
                                        m.createdAt(),
                                        m.nextAttemptAt(),
                                        m.attempts(),
                                        m.lastError(),
                                        m.deadCode()),
                                c.claimToken(),
                                c.ticketReference()));
                    }
                    return mixed;
                }
            };
        }
    }

    /** O4: a Retry of a message that was retried before is recorded as delivered: the message is lost. */
    static final class LosesSecondRetry extends OutboxWrapper {
        LosesSecondRetry(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    List<DeliveryOutcome> lost = new ArrayList<>();
                    for (DeliveryOutcome o : outcomes) {
                        lost.add(
                                o instanceof DeliveryOutcome.Retry r
                                                && r.claimed().message().attempts() > 0
                                        ? new DeliveryOutcome.Delivered(r.claimed(), Optional.empty())
                                        : o);
                    }
                    return delegate.finish(lost, now);
                }
            };
        }
    }

    /**
     * S18: claimed ticket calls carry the reference of their customer's first ticket (the claim joins the references
     * by customer, not by escalation): another escalation's update goes to that ticket.
     */
    static final class JoinsTicketReferenceByCustomer extends OutboxWrapper {
        JoinsTicketReferenceByCustomer(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            Map<CustomerId, String> first = new ConcurrentHashMap<>();
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> got = delegate.claim(claimant, now, lease, limit);
                    List<ClaimedMessage> joined = new ArrayList<>();
                    for (ClaimedMessage c : got) {
                        String byCustomer = first.get(c.message().customer());
                        joined.add(
                                c.ticketReference().isPresent() && byCustomer != null
                                        ? new ClaimedMessage(c.message(), c.claimToken(), Optional.of(byCustomer))
                                        : c);
                    }
                    return joined;
                }

                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    remember(outcomes);
                    return delegate.finish(outcomes, now);
                }

                @Override
                public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
                    remember(outcomes);
                    return delegate.finishAndCount(outcomes, now);
                }

                private void remember(List<DeliveryOutcome> outcomes) {
                    for (DeliveryOutcome o : outcomes) {
                        if (o instanceof DeliveryOutcome.Delivered d
                                && d.ticketReference().isPresent()) {
                            first.putIfAbsent(
                                    d.claimed().message().customer(),
                                    d.ticketReference().get());
                        }
                    }
                }
            };
        }
    }

    /**
     * O12: the payload mapper writes a meeting invitation's instants as epoch milliseconds (start, the end of its
     * series and the skipped occurrences): what the outbox returns has lost their sub-millisecond part.
     */
    static final class TruncatesInviteInstants extends OutboxWrapper {
        TruncatesInviteInstants(EscalationStore delegate) {
            super(delegate);
        }

        static OutboxMessage millis(OutboxMessage m) {
            if (!(m.effect() instanceof NotificationRequest n) || n.invite().isEmpty()) {
                return m;
            }
            dev.escalation.spi.MeetingInvite i = n.invite().get();
            dev.escalation.spi.MeetingInvite cut = new dev.escalation.spi.MeetingInvite(
                    i.uid(),
                    i.title(),
                    i.start().truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                    i.duration(),
                    i.organizer(),
                    i.attendees(),
                    i.sequence(),
                    i.method(),
                    i.recurrence()
                            .map(r -> new dev.escalation.spi.MeetingInvite.Recurrence(
                                    r.interval(),
                                    r.zone(),
                                    r.until().map(u -> u.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)),
                                    r.exceptions().stream()
                                            .map(x -> x.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                                            .toList())));
            NotificationRequest read = new NotificationRequest(
                    n.idempotencyKey(),
                    n.escalation(),
                    n.caseId(),
                    n.kind(),
                    n.channel(),
                    n.recipient(),
                    n.params(),
                    n.text(),
                    Optional.of(cut));
            return new OutboxMessage(
                    m.id(),
                    m.customer(),
                    read,
                    m.createdAt(),
                    m.nextAttemptAt(),
                    m.attempts(),
                    m.lastError(),
                    m.deadCode());
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    return delegate.claim(claimant, now, lease, limit).stream()
                            .map(c -> new ClaimedMessage(millis(c.message()), c.claimToken(), c.ticketReference()))
                            .toList();
                }

                @Override
                public Page<OutboxMessage> deadLetters(PageRequest page) {
                    Page<OutboxMessage> p = delegate.deadLetters(page);
                    return new Page<>(
                            p.items().stream()
                                    .map(TruncatesInviteInstants::millis)
                                    .toList(),
                            p.next());
                }
            };
        }
    }

    /** O13: claim answers a limit below 1 or a lease that is not positive with an empty batch instead of refusing it. */
    static final class RepairsClaimArguments extends OutboxWrapper {
        RepairsClaimArguments(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    if (limit < 1 || lease.isNegative() || lease.isZero()) {
                        return List.of(); // what LIMIT 0, or a lease over before it starts, would give
                    }
                    return delegate.claim(claimant, now, lease, limit);
                }
            };
        }
    }

    /** O5: deadLetterEntries lists every dead letter as unreadable, although the store reads it back. */
    static final class HidesReadableDeadLetters extends OutboxWrapper {
        HidesReadableDeadLetters(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public Page<DeadLetterEntry> deadLetterEntries(PageRequest page) {
                    Page<OutboxMessage> letters = delegate.deadLetters(page);
                    return new Page<>(
                            letters.items().stream()
                                    .<DeadLetterEntry>map(m -> new DeadLetterEntry.Unreadable(
                                            m.id(),
                                            m.escalation(),
                                            m.customer(),
                                            m.target(),
                                            Optional.of(m.effect().getClass()),
                                            m.createdAt(),
                                            m.attempts(),
                                            m.lastError()))
                                    .toList(),
                            letters.next());
                }
            };
        }
    }

    /** O5: claim tells its caller it dead-lettered a message although it dead-lettered none. */
    static final class TellsUntoldDeadLetters extends OutboxWrapper {
        TellsUntoldDeadLetters(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(
                        String claimant, Instant now, Duration lease, int limit, IntConsumer deadLettered) {
                    List<ClaimedMessage> claimed = delegate.claim(claimant, now, lease, limit);
                    deadLettered.accept(1);
                    return claimed;
                }
            };
        }
    }

    /** O5: replay and replayAll keep the attempts the message had when it died. */
    static final class ReplayKeepsAttempts extends OutboxWrapper {
        ReplayKeepsAttempts(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            Map<MessageId, Integer> attemptsAtDeath = new ConcurrentHashMap<>();
            Map<MessageId, EscalationId> deadOf = new ConcurrentHashMap<>();
            Set<MessageId> replayed = ConcurrentHashMap.newKeySet();
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    int n = delegate.finish(outcomes, now);
                    for (DeliveryOutcome o : outcomes) {
                        OutboxMessage m = o.claimed().message();
                        if (o instanceof DeliveryOutcome.DeadLetter) {
                            attemptsAtDeath.put(m.id(), m.attempts() + 1);
                            deadOf.put(m.id(), m.escalation());
                        } else if (!(o instanceof DeliveryOutcome.Released)) {
                            replayed.remove(m.id());
                        }
                    }
                    return n;
                }

                @Override
                public boolean replay(MessageId id, Instant now) {
                    boolean r = delegate.replay(id, now);
                    if (r) {
                        replayed.add(id);
                    }
                    return r;
                }

                @Override
                public int replayAll(EscalationId escalation, Instant now) {
                    int n = delegate.replayAll(escalation, now);
                    deadOf.forEach((id, e) -> {
                        if (e.equals(escalation)) {
                            replayed.add(id);
                        }
                    });
                    return n;
                }

                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> result = new ArrayList<>();
                    for (ClaimedMessage c : delegate.claim(claimant, now, lease, limit)) {
                        OutboxMessage m = c.message();
                        if (replayed.contains(m.id())) {
                            m = new OutboxMessage(
                                    m.id(),
                                    m.customer(),
                                    m.effect(),
                                    m.createdAt(),
                                    m.nextAttemptAt(),
                                    attemptsAtDeath.get(m.id()),
                                    m.lastError(),
                                    m.deadCode());
                        }
                        result.add(new ClaimedMessage(m, c.claimToken(), c.ticketReference()));
                    }
                    return result;
                }
            };
        }
    }

    /** O8: a Delivered outcome only releases the lease. */
    static final class DeliveredOnlyReleases extends OutboxWrapper {
        DeliveredOnlyReleases(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    List<DeliveryOutcome> released = new ArrayList<>();
                    for (DeliveryOutcome o : outcomes) {
                        released.add(
                                o instanceof DeliveryOutcome.Delivered d
                                        ? new DeliveryOutcome.Released(d.claimed())
                                        : o);
                    }
                    return delegate.finish(released, now);
                }
            };
        }
    }

    /** A store that tracks the messages its writes queue and what became of them (for chain faults). */
    abstract static class Tracking extends OutboxWrapper {
        /** Messages neither delivered nor forgotten, in the order written. */
        final Map<MessageId, OutboxMessage> undelivered = Collections.synchronizedMap(new LinkedHashMap<>());

        /** Keys queued so far (a key is queued once, as the store de-duplicates it). */
        private final Set<String> keys = ConcurrentHashMap.newKeySet();

        Tracking(EscalationStore delegate) {
            super(delegate);
        }

        private void track(List<OutboxMessage> messages) {
            messages.stream().filter(m -> keys.add(m.idempotencyKey())).forEach(m -> undelivered.put(m.id(), m));
        }

        @Override
        public void create(EscalationWrite write) {
            delegate.create(write);
            track(write.messages());
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            List<OutboxMessage> queued = new ArrayList<>();
            Optional<R> r = delegate.changeForVendor(id, seeing(work, w -> {
                queued.addAll(w.messages());
                return w;
            }));
            track(queued);
            return r;
        }

        void delivered(List<DeliveryOutcome> outcomes) {
            for (DeliveryOutcome o : outcomes) {
                if (o instanceof DeliveryOutcome.Delivered) {
                    undelivered.remove(o.claimed().message().id());
                }
            }
        }
    }

    /**
     * A store whose chains are coarser than {@link OutboxMessage#chain()}: a claimed message waits while an older
     * undelivered message outside the claim is in its chain by {@link #sameChain}.
     */
    abstract static class ChainsCoarsely extends Tracking {
        ChainsCoarsely(EscalationStore delegate) {
            super(delegate);
        }

        /** Whether {@code older} holds back {@code m}. */
        abstract boolean sameChain(OutboxMessage older, OutboxMessage m);

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> got = delegate.claim(claimant, now, lease, limit);
                    List<ClaimedMessage> kept = new ArrayList<>();
                    List<DeliveryOutcome> release = new ArrayList<>();
                    Set<MessageId> inBatch = new HashSet<>();
                    got.forEach(c -> inBatch.add(c.message().id()));
                    List<OutboxMessage> waiting;
                    synchronized (undelivered) {
                        waiting = new ArrayList<>(undelivered.values());
                    }
                    for (ClaimedMessage c : got) {
                        OutboxMessage m = c.message();
                        boolean blocked = false;
                        for (OutboxMessage older : waiting) {
                            if (older.id().equals(m.id())) {
                                break;
                            }
                            if (sameChain(older, m) && !inBatch.contains(older.id())) {
                                blocked = true;
                                break;
                            }
                        }
                        if (blocked) {
                            release.add(new DeliveryOutcome.Released(c));
                            inBatch.remove(m.id());
                        } else {
                            kept.add(c);
                        }
                    }
                    if (!release.isEmpty()) {
                        delegate.finish(release, now);
                    }
                    return kept;
                }

                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    delivered(outcomes);
                    return delegate.finish(outcomes, now);
                }
            };
        }
    }

    /** O6: one failing recipient holds back every notification of the escalation (chain = escalation, target). */
    static final class OrdersPerEscalationOnly extends ChainsCoarsely {
        OrdersPerEscalationOnly(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        boolean sameChain(OutboxMessage older, OutboxMessage m) {
            return older.escalation().equals(m.escalation()) && older.target() == m.target();
        }
    }

    /**
     * O6: the chain's recipient is the recipient's id without its kind, so a contact and a staff member who share an
     * id wait for each other.
     */
    static final class ChainsByRecipientIdOnly extends ChainsCoarsely {
        ChainsByRecipientIdOnly(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        boolean sameChain(OutboxMessage older, OutboxMessage m) {
            if (!(older.effect() instanceof NotificationRequest a) || !(m.effect() instanceof NotificationRequest b)) {
                return older.chain().equals(m.chain());
            }
            return older.escalation().equals(m.escalation())
                    && a.recipient().id().equals(b.recipient().id())
                    && a.channel().equals(b.channel());
        }
    }

    /**
     * O6: dead letters move to a table of their own: their chain goes on without them (the store records them as
     * delivered), and a replay queues them again behind everything.
     */
    static final class IgnoresDeadLetterInChain extends OutboxWrapper {
        IgnoresDeadLetterInChain(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            Map<MessageId, OutboxMessage> parked = Collections.synchronizedMap(new LinkedHashMap<>());
            Map<MessageId, OutboxMessage> requeued = Collections.synchronizedMap(new LinkedHashMap<>());
            Map<MessageId, String> tokens = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    int mine = 0;
                    List<DeliveryOutcome> passed = new ArrayList<>();
                    for (DeliveryOutcome o : outcomes) {
                        OutboxMessage m = o.claimed().message();
                        if (o.claimed().claimToken().startsWith("parked:")) {
                            if (!o.claimed().claimToken().equals(tokens.get(m.id()))) {
                                continue;
                            }
                            tokens.remove(m.id());
                            mine++;
                            if (o instanceof DeliveryOutcome.Delivered) {
                                requeued.remove(m.id());
                            } else if (o instanceof DeliveryOutcome.DeadLetter d) {
                                requeued.remove(m.id());
                                parked.put(m.id(), dead(m, d));
                            } else if (o instanceof DeliveryOutcome.Retry r) {
                                requeued.put(
                                        m.id(),
                                        new OutboxMessage(
                                                m.id(),
                                                m.customer(),
                                                m.effect(),
                                                m.createdAt(),
                                                r.nextAttemptAt(),
                                                m.attempts() + 1,
                                                Optional.of(r.reason())));
                            }
                        } else if (o instanceof DeliveryOutcome.DeadLetter d) {
                            // out of the chain: the store sees it delivered; the dead letter lives on here
                            if (delegate.finish(
                                            List.of(new DeliveryOutcome.Delivered(d.claimed(), Optional.empty())), now)
                                    == 1) {
                                parked.put(m.id(), dead(m, d));
                                mine++;
                            }
                        } else {
                            passed.add(o);
                        }
                    }
                    return mine + delegate.finish(passed, now);
                }

                private OutboxMessage dead(OutboxMessage m, DeliveryOutcome.DeadLetter d) {
                    return new OutboxMessage(
                            m.id(),
                            m.customer(),
                            m.effect(),
                            m.createdAt(),
                            m.nextAttemptAt(),
                            m.attempts() + 1,
                            Optional.of(d.reason()),
                            Optional.of(d.code()));
                }

                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> result = new ArrayList<>(delegate.claim(claimant, now, lease, limit));
                    synchronized (requeued) {
                        for (OutboxMessage m : requeued.values()) {
                            if (result.size() < limit
                                    && !m.nextAttemptAt().isAfter(now)
                                    && !tokens.containsKey(m.id())) {
                                String token = "parked:" + next.incrementAndGet();
                                tokens.put(m.id(), token);
                                result.add(new ClaimedMessage(m, token, Optional.empty()));
                            }
                        }
                    }
                    return result;
                }

                @Override
                public boolean replay(MessageId id, Instant now) {
                    OutboxMessage m = parked.remove(id);
                    if (m == null) {
                        return delegate.replay(id, now);
                    }
                    requeued.put(
                            id,
                            new OutboxMessage(m.id(), m.customer(), m.effect(), m.createdAt(), now, 0, m.lastError()));
                    return true;
                }

                @Override
                public int replayAll(EscalationId escalation, Instant now) {
                    int n = 0;
                    for (MessageId id : List.copyOf(parked.keySet())) {
                        OutboxMessage m = parked.get(id);
                        if (m.escalation().equals(escalation) && replay(id, now)) {
                            n++;
                        }
                    }
                    return n + delegate.replayAll(escalation, now);
                }

                private OutboxCounts plus(OutboxCounts c, Function<OutboxMessage, Boolean> scope) {
                    long dead = parked.values().stream().filter(scope::apply).count();
                    List<OutboxMessage> pending =
                            requeued.values().stream().filter(scope::apply).toList();
                    Optional<Instant> nextAt = c.nextAttemptAt();
                    for (OutboxMessage m : pending) {
                        if (nextAt.isEmpty() || m.nextAttemptAt().isBefore(nextAt.get())) {
                            nextAt = Optional.of(m.nextAttemptAt());
                        }
                    }
                    return new OutboxCounts(c.pending() + pending.size(), c.dead() + dead, nextAt);
                }

                @Override
                public OutboxCounts counts() {
                    return plus(delegate.counts(), m -> true);
                }

                @Override
                public OutboxCounts countsOf(EscalationId escalation) {
                    return plus(
                            delegate.countsOf(escalation), m -> m.escalation().equals(escalation));
                }

                @Override
                public Page<OutboxMessage> deadLetters(PageRequest page) {
                    List<OutboxMessage> all = new ArrayList<>(parked.values());
                    all.sort(Comparator.comparing(OutboxMessage::createdAt).thenComparing(m -> m.id().value()));
                    List<OutboxMessage> items = new ArrayList<>();
                    boolean more = false;
                    for (OutboxMessage m : all) {
                        if (page.after().isPresent()) {
                            PageCursor c = page.after().get();
                            int cmp = m.createdAt().compareTo(c.at());
                            if (cmp < 0 || (cmp == 0 && m.id().value().compareTo(c.id()) <= 0)) {
                                continue;
                            }
                        }
                        if (items.size() == page.size()) {
                            more = true;
                            break;
                        }
                        items.add(m);
                    }
                    OutboxMessage last = items.isEmpty() ? null : items.get(items.size() - 1);
                    return new Page<>(
                            items,
                            more
                                    ? Optional.of(new PageCursor(
                                            last.createdAt(), last.id().value()))
                                    : Optional.empty());
                }
            };
        }
    }

    /** O7: delivered keys are forgotten: a later write with a delivered key queues it again (under a new key). */
    static final class ForgetsDeliveredKeys extends OutboxWrapper {
        private final Set<String> delivered = ConcurrentHashMap.newKeySet();
        private final AtomicInteger renamed = new AtomicInteger();

        ForgetsDeliveredKeys(EscalationStore delegate) {
            super(delegate);
        }

        private List<OutboxMessage> forget(List<OutboxMessage> messages) {
            List<OutboxMessage> result = new ArrayList<>();
            for (OutboxMessage m : messages) {
                result.add(
                        delivered.contains(m.idempotencyKey())
                                ? new OutboxMessage(
                                        m.id(),
                                        m.customer(),
                                        withKey(m.effect(), m.idempotencyKey() + "~" + renamed.incrementAndGet()),
                                        m.createdAt(),
                                        m.nextAttemptAt(),
                                        m.attempts(),
                                        m.lastError())
                                : m);
            }
            return result;
        }

        @Override
        public void create(EscalationWrite write) {
            delegate.create(withMessages(write, forget(write.messages())));
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForVendor(id, seeing(work, w -> withMessages(w, forget(w.messages()))));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForCustomer(customer, id, seeing(work, w -> withMessages(w, forget(w.messages()))));
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    int n = delegate.finish(outcomes, now);
                    outcomes.stream()
                            .filter(DeliveryOutcome.Delivered.class::isInstance)
                            .forEach(o -> delivered.add(o.claimed().message().idempotencyKey()));
                    return n;
                }
            };
        }
    }

    /** O10: finish applies outcomes one by one and stops at the first whose claim no longer holds. */
    static final class FinishesPartially extends OutboxWrapper {
        FinishesPartially(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    int recorded = 0;
                    for (DeliveryOutcome o : outcomes) {
                        if (delegate.finish(List.of(o), now) == 0) {
                            break;
                        }
                        recorded++;
                    }
                    return recorded;
                }
            };
        }
    }

    /** O10: finishAndCount counts first and finishes after, so it reports the counts before the batch. */
    static final class CountsBeforeFinishing extends OutboxWrapper {
        CountsBeforeFinishing(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            return new Forwarding.OutboxFacet(real) {
                @Override
                public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
                    OutboxCounts before = delegate.counts();
                    delegate.finish(outcomes, now);
                    return before;
                }
            };
        }
    }

    /** O11: replayAll queues the replayed messages behind those they held back. */
    static final class ReplaysOutOfOrder extends OutboxWrapper {
        ReplaysOutOfOrder(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        Outbox wrap(Outbox real) {
            Map<MessageId, EscalationId> dead = new ConcurrentHashMap<>();
            Set<MessageId> replayed = ConcurrentHashMap.newKeySet();
            return new Forwarding.OutboxFacet(real) {
                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    for (DeliveryOutcome o : outcomes) {
                        if (o instanceof DeliveryOutcome.DeadLetter) {
                            dead.put(
                                    o.claimed().message().id(),
                                    o.claimed().message().escalation());
                        }
                    }
                    return delegate.finish(outcomes, now);
                }

                @Override
                public int replayAll(EscalationId escalation, Instant now) {
                    dead.forEach((id, e) -> {
                        if (e.equals(escalation)) {
                            replayed.add(id);
                        }
                    });
                    return delegate.replayAll(escalation, now);
                }

                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedMessage> got = delegate.claim(claimant, now, lease, limit);
                    List<ClaimedMessage> result = new ArrayList<>();
                    got.stream()
                            .filter(c -> !replayed.contains(c.message().id()))
                            .forEach(result::add);
                    got.stream()
                            .filter(c -> replayed.contains(c.message().id()))
                            .forEach(result::add);
                    return result;
                }
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ due work

    /** A store whose due work is wrapped by {@code wrap}. */
    abstract static class DueWrapper extends Forwarding.Store {
        private final DueWork due;

        DueWrapper(EscalationStore delegate) {
            super(delegate);
            this.due = wrap(delegate.dueWork());
        }

        abstract DueWork wrap(DueWork real);

        @Override
        public DueWork dueWork() {
            return due;
        }

        List<DueItem> pendingOf(EscalationId escalation) {
            return delegate.dueWork().due(FAR, PageRequest.MAX_SIZE).stream()
                    .filter(d -> d.escalation().equals(escalation))
                    .toList();
        }
    }

    /** D1: due() leaves out claimed items. */
    static final class DueHidesClaimed extends DueWrapper {
        DueHidesClaimed(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            Set<String> claimed = ConcurrentHashMap.newKeySet();
            return new Forwarding.DueFacet(real) {
                @Override
                public List<DueItem> due(Instant now, int limit) {
                    return delegate.due(now, limit).stream()
                            .filter(d -> !claimed.contains(d.key()))
                            .toList();
                }

                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedDue> got = delegate.claim(claimant, now, lease, limit);
                    got.forEach(c -> claimed.add(c.item().key()));
                    return got;
                }

                @Override
                public void release(ClaimedDue c) {
                    claimed.remove(c.item().key());
                    delegate.release(c);
                }
            };
        }
    }

    /** D2: claim returns items still leased to another claim. */
    static final class ClaimsDueTwice extends DueWrapper {
        ClaimsDueTwice(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            Map<String, ClaimedDue> held = new ConcurrentHashMap<>();
            return new Forwarding.DueFacet(real) {
                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    Map<String, ClaimedDue> all = new LinkedHashMap<>(held);
                    List<ClaimedDue> fresh = delegate.claim(claimant, now, lease, limit);
                    fresh.forEach(c -> all.put(c.item().key(), c));
                    fresh.forEach(c -> held.put(c.item().key(), c));
                    List<ClaimedDue> result = new ArrayList<>(all.values());
                    result.sort(Comparator.comparing((ClaimedDue c) -> c.item().dueAt())
                            .thenComparing(c -> c.item().key()));
                    return result.subList(0, Math.min(limit, result.size()));
                }

                @Override
                public boolean complete(ClaimedDue c, List<OutboxMessage> followUps) {
                    held.remove(c.item().key());
                    return delegate.complete(c, followUps);
                }

                @Override
                public void release(ClaimedDue c) {
                    held.remove(c.item().key());
                    delegate.release(c);
                }
            };
        }
    }

    /** D3: release frees the item's latest claim, whoever holds it. */
    static final class ReleasesAnyClaim extends DueWrapper {
        ReleasesAnyClaim(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            Map<String, ClaimedDue> latest = new ConcurrentHashMap<>();
            return new Forwarding.DueFacet(real) {
                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedDue> got = delegate.claim(claimant, now, lease, limit);
                    got.forEach(c -> latest.put(c.item().key(), c));
                    return got;
                }

                @Override
                public void release(ClaimedDue c) {
                    delegate.release(latest.getOrDefault(c.item().key(), c));
                }
            };
        }
    }

    /** D4: complete only releases the item, and says it completed it. */
    static final class CompletesByReleasing extends DueWrapper {
        CompletesByReleasing(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public boolean complete(ClaimedDue c, List<OutboxMessage> followUps) {
                    delegate.release(c);
                    return true;
                }
            };
        }
    }

    /** D5: a refused complete queues its follow-ups anyway (in a write of their own). */
    static final class QueuesFollowUpsOfRefusedComplete extends DueWrapper {
        QueuesFollowUpsOfRefusedComplete(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public boolean complete(ClaimedDue c, List<OutboxMessage> followUps) {
                    boolean done = delegate.complete(c, followUps);
                    if (!done && !followUps.isEmpty()) {
                        EscalationId e = c.item().escalation();
                        List<DueItem> pending = pendingOf(e);
                        Broken.QueuesFollowUpsOfRefusedComplete.this.delegate.changeForVendor(
                                e,
                                cur -> Decision.write(
                                        Records.change(cur)
                                                .messages(followUps)
                                                .due(pending)
                                                .build(),
                                        true));
                    }
                    return done;
                }
            };
        }
    }

    /** A store whose vendor changes write {@link #merge}'s due items: the pending ones read first and the wanted ones. */
    abstract static class MergesPendingDue extends DueWrapper {
        MergesPendingDue(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return real;
        }

        abstract List<DueItem> merge(List<DueItem> pending, List<DueItem> wanted);

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            List<DueItem> pending = pendingOf(id);
            return delegate.changeForVendor(
                    id,
                    seeing(
                            work,
                            w -> new EscalationWrite(w.next(), w.entries(), w.messages(), merge(pending, w.due()))));
        }
    }

    /** D7: a change keeps the pending due items its write left out. */
    static final class KeepsReplacedDueItems extends MergesPendingDue {
        KeepsReplacedDueItems(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        List<DueItem> merge(List<DueItem> pending, List<DueItem> wanted) {
            List<DueItem> due = new ArrayList<>(wanted);
            pending.stream().filter(d -> !due.contains(d)).forEach(due::add);
            return due;
        }
    }

    /** D1: due and claim order one instant's items by kind (declaration order) and step, not by key. */
    static final class OrdersDueByKind extends DueWrapper {
        private static final Comparator<DueItem> BY_KIND = Comparator.comparing(DueItem::dueAt)
                .thenComparing(DueItem::kind)
                .thenComparing(DueItem::step);

        OrdersDueByKind(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public List<DueItem> due(Instant now, int limit) {
                    return delegate.due(now, limit).stream().sorted(BY_KIND).toList();
                }

                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    return delegate.claim(claimant, now, lease, limit).stream()
                            .sorted(Comparator.comparing(ClaimedDue::item, BY_KIND))
                            .toList();
                }
            };
        }
    }

    /**
     * D1: claim returns its batch in key order (it reads the claimable items by their keys and does not sort them
     * again), while due orders by instant.
     */
    static final class ClaimsDueInKeyOrder extends DueWrapper {
        ClaimsDueInKeyOrder(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    return delegate.claim(claimant, now, lease, limit).stream()
                            .sorted(Comparator.comparing(c -> c.item().key()))
                            .toList();
                }
            };
        }
    }

    /** A store that rewrites the due items of every write (creates and changes) with {@link #rewrite}. */
    abstract static class RewritesDue extends DueWrapper {
        RewritesDue(EscalationStore delegate) {
            super(delegate);
        }

        abstract EscalationWrite rewrite(EscalationWrite w);

        /** The write with each due item's key replaced by {@code key}'s answer (items keeping theirs unchanged). */
        static EscalationWrite rekeyed(EscalationWrite w, Function<DueItem, String> key) {
            List<DueItem> due = w.due().stream()
                    .map(d -> {
                        String k = key.apply(d);
                        return k.equals(d.key())
                                ? d
                                : new DueItem(k, d.escalation(), d.customer(), d.kind(), d.step(), d.dueAt(), d.data());
                    })
                    .toList();
            return new EscalationWrite(w.next(), w.entries(), w.messages(), due);
        }

        @Override
        public void create(EscalationWrite write) {
            delegate.create(rewrite(write));
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForVendor(id, seeing(work, this::rewrite));
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForCustomer(customer, id, seeing(work, this::rewrite));
        }
    }

    /** D1: the store keeps no due key; it derives each item's key again from its parts. */
    static final class DerivesDueKeys extends RewritesDue {
        DerivesDueKeys(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return real;
        }

        @Override
        EscalationWrite rewrite(EscalationWrite w) {
            return rekeyed(w, d -> DueItem.keyOf(d.escalation(), d.kind(), d.step(), d.dueAt()));
        }
    }

    /**
     * D7: a change matches the pending due items by (escalation, kind, step, dueAt), so a wanted item whose parts are
     * pending under another key keeps the old key.
     */
    static final class ReplacesDueItemsByParts extends MergesPendingDue {
        ReplacesDueItemsByParts(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        List<DueItem> merge(List<DueItem> pending, List<DueItem> wanted) {
            return wanted.stream()
                    .map(d -> pending.stream()
                            .filter(p -> p.kind() == d.kind()
                                    && p.step().equals(d.step())
                                    && p.dueAt().equals(d.dueAt())
                                    && wanted.stream().noneMatch(o -> o.key().equals(p.key())))
                            .findFirst()
                            .orElse(d))
                    .toList();
        }
    }

    /** D2b: complete applies to the item's latest claim, so a superseded claim still completes it. */
    static final class CompletesSupersededClaims extends DueWrapper {
        CompletesSupersededClaims(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            Map<String, ClaimedDue> latest = new ConcurrentHashMap<>();
            return new Forwarding.DueFacet(real) {
                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedDue> got = delegate.claim(claimant, now, lease, limit);
                    got.forEach(c -> latest.put(c.item().key(), c));
                    return got;
                }

                @Override
                public boolean complete(ClaimedDue c, List<OutboxMessage> followUps) {
                    return delegate.complete(latest.getOrDefault(c.item().key(), c), followUps);
                }
            };
        }
    }

    /**
     * D6: forgets completed due keys (completed rows are deleted, and the unique index covers only what is left): a
     * later write carrying a completed item queues it again, as a new row.
     */
    static final class RequeuesCompletedDueKeys extends RewritesDue {
        private final Set<String> completed = ConcurrentHashMap.newKeySet();

        RequeuesCompletedDueKeys(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public boolean complete(ClaimedDue c, List<OutboxMessage> followUps) {
                    boolean done = delegate.complete(c, followUps);
                    if (done) {
                        RequeuesCompletedDueKeys.this.completed.add(c.item().key());
                    }
                    return done;
                }
            };
        }

        @Override
        EscalationWrite rewrite(EscalationWrite w) {
            return rekeyed(w, d -> completed.contains(d.key()) ? d.key() + "#requeued" : d.key());
        }
    }

    /**
     * D8 (race, staged): selects the due items, then leases them in a second step that does not check the lease again,
     * so two claimants whose selections overlap get the same items. Staged without sleeping: a claim on a thread
     * other than the test's (one of the contract's racers) selects and then waits, before its lease is visible, until
     * a second claimant has selected too; the second one's selection is the first one's.
     */
    static final class ClaimsDueWithoutLock extends DueWrapper {
        private final Thread testThread = Thread.currentThread();

        ClaimsDueWithoutLock(EscalationStore delegate) {
            super(delegate);
        }

        /** One select-then-lease gap: the first claimant's rows, and the latch the second one opens. */
        private record Gap(CountDownLatch partner, CompletableFuture<List<ClaimedDue>> rows) {}

        @Override
        DueWork wrap(DueWork real) {
            AtomicReference<Gap> open = new AtomicReference<>();
            return new Forwarding.DueFacet(real) {
                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    if (Thread.currentThread() == ClaimsDueWithoutLock.this.testThread) {
                        return delegate.claim(claimant, now, lease, limit);
                    }
                    Gap mine = new Gap(new CountDownLatch(1), new CompletableFuture<>());
                    Gap first = open.compareAndExchange(null, mine);
                    if (first == null) {
                        try {
                            List<ClaimedDue> rows = delegate.claim(claimant, now, lease, limit);
                            awaitPartner(mine.partner());
                            mine.rows().complete(rows);
                            return rows;
                        } catch (RuntimeException e) {
                            mine.rows().completeExceptionally(e); // the partner fails too instead of waiting
                            throw e;
                        }
                    }
                    open.compareAndSet(first, null);
                    first.partner().countDown();
                    return first.rows().join(); // selected before the first one's lease was written
                }
            };
        }
    }

    /**
     * D1: claim's row mapper reads the escalation and customer once per batch, from its first row: every item claimed
     * with it is another escalation's (whose reminder goes out again while the item's own never does).
     */
    static final class ClaimsDueWithFirstEscalation extends DueWrapper {
        ClaimsDueWithFirstEscalation(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    List<ClaimedDue> got = delegate.claim(claimant, now, lease, limit);
                    if (got.isEmpty()) {
                        return got;
                    }
                    DueItem first = got.get(0).item();
                    List<ClaimedDue> mapped = new ArrayList<>();
                    for (ClaimedDue c : got) {
                        DueItem i = c.item();
                        mapped.add(new ClaimedDue(
                                new DueItem(
                                        i.key(),
                                        first.escalation(),
                                        first.customer(),
                                        i.kind(),
                                        i.step(),
                                        i.dueAt(),
                                        i.data()),
                                c.claimToken()));
                    }
                    return mapped;
                }
            };
        }
    }

    /**
     * D9: due and claim answer a limit below 1, and claim a lease that is not positive, with an empty list instead of
     * refusing it.
     */
    static final class RepairsDueArguments extends DueWrapper {
        RepairsDueArguments(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DueWork wrap(DueWork real) {
            return new Forwarding.DueFacet(real) {
                @Override
                public List<DueItem> due(Instant now, int limit) {
                    return limit < 1 ? List.of() : delegate.due(now, limit);
                }

                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    if (limit < 1 || lease.isNegative() || lease.isZero()) {
                        return List.of(); // what LIMIT 0, or a lease over before it starts, would give
                    }
                    return delegate.claim(claimant, now, lease, limit);
                }
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** A store whose queries facet is wrapped by {@code wrap}. */
    abstract static class QueriesWrapper extends Forwarding.Store {
        QueriesWrapper(EscalationStore delegate) {
            super(delegate);
        }

        abstract EscalationQueries wrap(EscalationQueries real);

        @Override
        public Optional<EscalationQueries> queries() {
            return delegate.queries().map(this::wrap);
        }
    }

    static InboxQuery copy(InboxQuery q, Set<CustomerId> customers, Optional<Boolean> breached, InboxQuery.Sort sort) {
        return new InboxQuery(
                q.states(),
                q.criticality(),
                customers,
                q.manager(),
                breached,
                q.paused(),
                q.caseId(),
                q.openOnly(),
                sort,
                q.now());
    }

    /** Q1: the breached filter is ignored. */
    static final class IgnoresBreachedFilter extends QueriesWrapper {
        IgnoresBreachedFilter(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        EscalationQueries wrap(EscalationQueries real) {
            return new Forwarding.QueriesFacet(real) {
                private InboxQuery q(InboxQuery q) {
                    return copy(q, q.customers(), Optional.empty(), q.sort());
                }

                @Override
                public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
                    return delegate.inbox(q(query), page);
                }

                @Override
                public Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery query, Set<InboxQuery.Facet> f) {
                    return delegate.counts(q(query), f);
                }
            };
        }
    }

    /** Q2: descending sorts are served ascending. */
    static final class IgnoresSortDirection extends QueriesWrapper {
        IgnoresSortDirection(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        EscalationQueries wrap(EscalationQueries real) {
            return new Forwarding.QueriesFacet(real) {
                private InboxQuery q(InboxQuery q) {
                    InboxQuery.Sort sort = switch (q.sort()) {
                        case RAISED_DESC -> InboxQuery.Sort.RAISED_ASC;
                        case NEXT_DEADLINE_DESC -> InboxQuery.Sort.NEXT_DEADLINE_ASC;
                        default -> q.sort();
                    };
                    return copy(q, q.customers(), q.breached(), sort);
                }

                @Override
                public Page<EscalationSummary> inbox(InboxQuery query, PageRequest page) {
                    return delegate.inbox(q(query), page);
                }

                @Override
                public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery query, PageRequest page) {
                    return delegate.ofCustomer(customer, q(query), page);
                }
            };
        }
    }

    /** Q3: each facet's counts apply the facet's own filter. */
    static final class CountsWithOwnFacet extends QueriesWrapper {
        CountsWithOwnFacet(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        EscalationQueries wrap(EscalationQueries real) {
            return new Forwarding.QueriesFacet(real) {
                @Override
                public Map<InboxQuery.Facet, Map<String, Long>> counts(InboxQuery q, Set<InboxQuery.Facet> facets) {
                    Map<InboxQuery.Facet, Map<String, Long>> result = new EnumMap<>(InboxQuery.Facet.class);
                    delegate.counts(q, facets).forEach((facet, counts) -> {
                        Map<String, Long> kept = new LinkedHashMap<>();
                        counts.forEach((value, n) -> {
                            boolean own = switch (facet) {
                                case STATE ->
                                    q.states().isEmpty() || q.states().contains(EscalationState.valueOf(value));
                                case CRITICALITY ->
                                    q.criticality().isEmpty()
                                            || q.criticality()
                                                    .contains(dev.escalation.model.Criticality.valueOf(value));
                                case CUSTOMER ->
                                    q.customers().isEmpty() || q.customers().contains(CustomerId.of(value));
                                case MANAGER ->
                                    q.manager().isEmpty()
                                            || q.manager().get().value().equals(value);
                                case BREACHED ->
                                    q.breached().isEmpty()
                                            || q.breached().get().toString().equals(value);
                                case PAUSED ->
                                    q.paused().isEmpty()
                                            || q.paused().get().toString().equals(value);
                            };
                            if (own) {
                                kept.put(value, n);
                            }
                        });
                        result.put(facet, kept);
                    });
                    return result;
                }
            };
        }
    }

    /** Q4: ofCustomer pages after the first lose the tenant (they run the inbox query with the cursor). */
    static final class QueryLeaksTenant extends QueriesWrapper {
        QueryLeaksTenant(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        EscalationQueries wrap(EscalationQueries real) {
            return new Forwarding.QueriesFacet(real) {
                @Override
                public Page<EscalationSummary> ofCustomer(CustomerId customer, InboxQuery q, PageRequest page) {
                    if (page.after().isEmpty()) {
                        return delegate.ofCustomer(customer, q, page);
                    }
                    InboxQuery all = new InboxQuery(
                            q.states(),
                            q.criticality(),
                            Set.of(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            q.caseId(),
                            q.openOnly(),
                            q.sort(),
                            q.now());
                    return delegate.inbox(all, page);
                }
            };
        }
    }

    /** Q5: overdue is a first-contact or resolution deadline only: escalations overdue by a meeting are dropped. */
    static final class OverdueIgnoresMeetings extends QueriesWrapper {
        OverdueIgnoresMeetings(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        EscalationQueries wrap(EscalationQueries real) {
            return new Forwarding.QueriesFacet(real) {
                @Override
                public Page<EscalationSummary> overdue(java.time.Instant now, PageRequest page) {
                    Page<EscalationSummary> p = delegate.overdue(now, page);
                    // only a first-contact or resolution deadline that counts (a pause holds one due after it)
                    return new Page<>(
                            p.items().stream()
                                    .filter(s -> s.nextDeadline()
                                            .filter(d -> d.kind() != dev.escalation.model.DueKind.NEXT_MEETING
                                                    && !d.at().isAfter(now)
                                                    && s.pausedSince()
                                                            .map(x -> !d.at().isAfter(x))
                                                            .orElse(true))
                                            .isPresent())
                                    .toList(),
                            p.next());
                }
            };
        }
    }

    /**
     * Q5: a memo of parsed hotline advice that matches a text by its length: on an overdue page, every escalation with
     * an advice shows the page's first advice.
     */
    static final class OverdueMixesHotlineAdvice extends QueriesWrapper {
        OverdueMixesHotlineAdvice(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        EscalationQueries wrap(EscalationQueries real) {
            return new Forwarding.QueriesFacet(real) {
                @Override
                public Page<EscalationSummary> overdue(java.time.Instant now, PageRequest page) {
                    Page<EscalationSummary> p = delegate.overdue(now, page);
                    java.util.Optional<dev.escalation.model.HotlineAdvice> first = p.items().stream()
                            .flatMap(s -> s.hotline().stream())
                            .findFirst();
                    return p.map(s -> s.hotline().isEmpty() ? s : with(s, s.ticketReference(), first));
                }
            };
        }
    }

    // ------------------------------------------------------------------------------------------------ retention

    /** A store whose retention facet is wrapped by {@code wrap}. */
    abstract static class RetentionWrapper extends Forwarding.Store {
        RetentionWrapper(EscalationStore delegate) {
            super(delegate);
        }

        abstract DataRetention wrap(DataRetention real);

        @Override
        public Optional<DataRetention> retention() {
            return delegate.retention().map(this::wrap);
        }
    }

    /** R1: erasure reaches the escalation rows, but entries are read from a cache of the writes that it misses. */
    static final class ErasesOnlyRecords extends Forwarding.Store {
        private final Map<EscalationId, List<StoredEntry>> cache = new ConcurrentHashMap<>();

        ErasesOnlyRecords(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(EscalationWrite write) {
            delegate.create(write);
            cache.put(write.next().id(), new ArrayList<>(write.entries()));
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            List<StoredEntry> appended = new ArrayList<>();
            Optional<R> r = delegate.changeForVendor(id, seeing(work, w -> {
                appended.addAll(w.entries());
                return w;
            }));
            cache.computeIfAbsent(id, k -> new ArrayList<>()).addAll(appended);
            return r;
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return cache.getOrDefault(id, List.of()).stream()
                    .filter(e -> e.sequence() > afterSequence)
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<StoredEntry> entriesForCustomer(CustomerId c, EscalationId id, long afterSequence, int limit) {
            if (delegate.findForCustomer(c, id).isEmpty()) {
                return List.of();
            }
            return cache.getOrDefault(id, List.of()).stream()
                    .filter(e -> e.sequence() > afterSequence && e.visibility() == Visibility.CUSTOMER)
                    .limit(limit)
                    .toList();
        }
    }

    /**
     * R8: purgeFinalBefore with beforeDelete deletes the batch first and names it afterwards, so what beforeDelete
     * throws (the portal messages could not be removed) leaves the escalations deleted.
     */
    static final class NamesAfterDeleting extends RetentionWrapper {
        NamesAfterDeleting(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public int purgeFinalBefore(
                        Instant cutoff,
                        int limit,
                        java.util.function.Consumer<List<dev.escalation.model.EscalationId>> beforeDelete) {
                    List<dev.escalation.model.EscalationId> named = new ArrayList<>();
                    int n = real.purgeFinalBefore(cutoff, limit, named::addAll);
                    if (!named.isEmpty()) {
                        beforeDelete.accept(List.copyOf(named));
                    }
                    return n;
                }
            };
        }
    }

    /** R2: purgeFinalBefore purges open escalations too (it closes them first, keeping their last change time). */
    static final class PurgesOpenEscalations extends RetentionWrapper {
        PurgesOpenEscalations(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public int purgeFinalBefore(Instant cutoff, int limit) {
                    Set<EscalationState> open = EnumSet.noneOf(EscalationState.class);
                    for (EscalationState s : EscalationState.values()) {
                        if (s.isOpen()) {
                            open.add(s);
                        }
                    }
                    for (EscalationSummary s : PurgesOpenEscalations.this
                            .delegate
                            .listForVendor(open, PageRequest.first(PageRequest.MAX_SIZE))
                            .items()) {
                        if (s.updatedAt().isBefore(cutoff)) {
                            PurgesOpenEscalations.this.delegate.changeForVendor(
                                    s.id(),
                                    cur -> Decision.write(
                                            Records.change(cur)
                                                    .at(cur.updatedAt())
                                                    .state(EscalationState.CLOSED)
                                                    .build(),
                                            true));
                        }
                    }
                    return delegate.purgeFinalBefore(cutoff, limit);
                }
            };
        }
    }

    /** R3: purgeDeliveredBefore does not refuse a cut-off inside the window (it purges what it may, silently). */
    static final class PurgesInsideWindow extends RetentionWrapper {
        PurgesInsideWindow(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            Duration window = delegate.capabilities().deduplicationWindow();
            return new Forwarding.RetentionFacet(real) {
                @Override
                public int purgeDeliveredBefore(Instant cutoff, Instant now, int limit) {
                    Instant edge = now.minus(window);
                    return delegate.purgeDeliveredBefore(cutoff.isAfter(edge) ? edge : cutoff, now, limit);
                }
            };
        }
    }

    /** R4: exportPerson leaves out dead letters (it reads the pending queue only). */
    static final class ExportsWithoutDeadLetters extends RetentionWrapper {
        ExportsWithoutDeadLetters(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public dev.escalation.spi.PersonalData exportPerson(dev.escalation.spi.PartyRef person) {
                    dev.escalation.spi.PersonalData all = delegate.exportPerson(person);
                    return new dev.escalation.spi.PersonalData(
                            all.person(),
                            all.escalations(),
                            all.entries(),
                            all.messages().stream()
                                    .filter(m -> m.deadCode().isEmpty())
                                    .toList(),
                            all.dueItems());
                }
            };
        }
    }

    /**
     * R4: an adapter written before improvement actions' owners had a kind: it stores each action rebuilt from the
     * components it knows, so the kind is lost and exports and erasure match the owner by id alone.
     */
    static final class ForgetsOwnerKinds extends Forwarding.Store {
        ForgetsOwnerKinds(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public void create(dev.escalation.spi.EscalationWrite write) {
            StoredEscalation s = write.next();
            StoredEscalation kindless = Records.from(s)
                    .lessonsLearned(s.lessonsLearned()
                            .map(l -> new dev.escalation.model.LessonsLearned(
                                    l.status(),
                                    l.scheduledAt(),
                                    l.attendees(),
                                    l.findings(),
                                    l.actions().stream()
                                            .map(a -> new dev.escalation.model.ImprovementAction(
                                                    a.description(), a.owner(), a.due(), a.status()))
                                            .toList(),
                                    l.note())))
                    .build();
            super.create(new dev.escalation.spi.EscalationWrite(
                    kindless, write.entries(), write.messages(), write.due(), write.metrics()));
        }
    }

    /** R6: exportPerson lists the entries escalation by escalation, the later id first (as rows read unordered may). */
    static final class ExportsEntriesOutOfOrder extends RetentionWrapper {
        ExportsEntriesOutOfOrder(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public dev.escalation.spi.PersonalData exportPerson(dev.escalation.spi.PartyRef person) {
                    dev.escalation.spi.PersonalData all = delegate.exportPerson(person);
                    return new dev.escalation.spi.PersonalData(
                            all.person(),
                            all.escalations(),
                            all.entries().stream()
                                    .sorted(java.util.Comparator.comparing((dev.escalation.spi.PersonalData.Entry e) ->
                                                    e.escalation().value())
                                            .reversed())
                                    .toList(),
                            all.messages(),
                            all.dueItems());
                }
            };
        }
    }

    /**
     * R7: erasure that works on every party's name and address as text: after erasing a person, their name and address
     * read as the marker inside other participants' names and addresses too (applied on reads, as a store rewriting
     * the whole document would).
     */
    static final class ErasesInsideOtherParties extends RetentionWrapper {
        private final Set<String> erased = ConcurrentHashMap.newKeySet();

        ErasesInsideOtherParties(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public dev.escalation.spi.ErasureCounts erasePerson(dev.escalation.spi.PartyRef person, String marker) {
                    for (StoredEscalation s : delegate.exportPerson(person).escalations()) {
                        for (Party p : s.participants()) {
                            if (dev.escalation.spi.PartyRef.of(p).equals(person)) {
                                erased.add(p.displayName());
                                erased.add(p.email());
                            }
                        }
                    }
                    return delegate.erasePerson(person, marker);
                }
            };
        }

        private String over(String text) {
            String r = text;
            for (String v : erased) {
                r = r.replace(v, "[erased]");
            }
            return r;
        }

        private Optional<StoredEscalation> over(Optional<StoredEscalation> found) {
            return found.map(s -> Records.from(s)
                    .participants(s.participants().stream()
                            .map(p -> new Party(p.kind(), p.id(), over(p.displayName()), over(p.email())))
                            .toList())
                    .build());
        }

        @Override
        public Optional<StoredEscalation> findForVendor(EscalationId id) {
            return over(delegate.findForVendor(id));
        }

        @Override
        public Optional<StoredEscalation> findForCustomer(CustomerId customer, EscalationId id) {
            return over(delegate.findForCustomer(customer, id));
        }
    }

    /**
     * R9: erasure that takes an external stakeholder's address as case-insensitive (as e-mail domains are): erasing
     * {@code zoe@…} also erases {@code ZOE@…}, another participant, who was never asked about.
     */
    static final class ErasesAddressesIgnoringCase extends RetentionWrapper {
        ErasesAddressesIgnoringCase(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public dev.escalation.spi.ErasureCounts erasePerson(dev.escalation.spi.PartyRef person, String marker) {
                    if (person.kind() == Party.Kind.EXTERNAL) {
                        Set<String> others = new java.util.TreeSet<>();
                        for (EscalationSummary s : ErasesAddressesIgnoringCase.this
                                .delegate
                                .listForVendor(
                                        EnumSet.allOf(EscalationState.class), PageRequest.first(PageRequest.MAX_SIZE))
                                .items()) {
                            ErasesAddressesIgnoringCase.this
                                    .delegate
                                    .findForVendor(s.id())
                                    .ifPresent(e -> {
                                        List<Party> parties = new ArrayList<>(e.participants());
                                        e.lessonsLearned().ifPresent(l -> parties.addAll(l.attendees()));
                                        for (Party p : parties) {
                                            if (p.kind() == Party.Kind.EXTERNAL
                                                    && p.id().equalsIgnoreCase(person.id())
                                                    && !p.id().equals(person.id())) {
                                                others.add(p.id());
                                            }
                                        }
                                    });
                        }
                        for (String other : others) {
                            delegate.erasePerson(new dev.escalation.spi.PartyRef(Party.Kind.EXTERNAL, other), marker);
                        }
                    }
                    return delegate.erasePerson(person, marker);
                }
            };
        }
    }

    /**
     * R5: erasure by value without a minimum length or scope: after erasing a person, every entry text that equals or
     * contains one of the texts they wrote reads as the marker (applied on reads, as a store rewriting every matching
     * row would).
     */
    static final class ErasesEveryMatch extends RetentionWrapper {
        private final Set<String> erased = ConcurrentHashMap.newKeySet();

        ErasesEveryMatch(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        DataRetention wrap(DataRetention real) {
            return new Forwarding.RetentionFacet(real) {
                @Override
                public dev.escalation.spi.ErasureCounts erasePerson(dev.escalation.spi.PartyRef person, String marker) {
                    for (dev.escalation.spi.PersonalData.Entry e :
                            delegate.exportPerson(person).entries()) {
                        if (e.entry().actor().id().equals(person.id())) {
                            e.entry().text().filter(t -> !t.isEmpty()).ifPresent(erased::add);
                        }
                    }
                    return delegate.erasePerson(person, marker);
                }
            };
        }

        private List<StoredEntry> over(List<StoredEntry> entries) {
            List<StoredEntry> result = new ArrayList<>();
            for (StoredEntry e : entries) {
                Optional<String> text = e.text().map(t -> {
                    String r = t;
                    for (String v : erased) {
                        r = r.replace(v, "[erased]");
                    }
                    return r;
                });
                result.add(new StoredEntry(
                        e.sequence(), e.at(), e.kind(), e.actor(), e.visibility(), text, e.params(), e.chain()));
            }
            return result;
        }

        @Override
        public List<StoredEntry> entriesForVendor(EscalationId id, long afterSequence, int limit) {
            return over(delegate.entriesForVendor(id, afterSequence, limit));
        }

        @Override
        public List<StoredEntry> entriesForCustomer(CustomerId c, EscalationId id, long afterSequence, int limit) {
            return over(delegate.entriesForCustomer(c, id, afterSequence, limit));
        }
    }

    // ------------------------------------------------------------------------------------------------ notifier

    /** N1: declares every channel, delivers e-mail only. */
    static final class ClaimsEveryChannel extends Forwarding.NotifierPort {
        ClaimsEveryChannel(InMemoryNotifier delegate) {
            super(delegate);
        }

        @Override
        public Set<DeliveryChannel> channels() {
            return EnumSet.allOf(DeliveryChannel.class);
        }

        @Override
        public void send(Notification n) {
            if (n.channel() != DeliveryChannel.EMAIL) {
                throw new IllegalStateException("no gateway for " + n.channel());
            }
            delegate.send(n);
        }
    }

    /** N2: recipients receive each new notification before the earlier ones. */
    static final class ReordersNotifications extends Forwarding.NotifierPort {
        ReordersNotifications(InMemoryNotifier delegate) {
            super(delegate);
        }

        @Override
        List<Notification> delivered() {
            List<Notification> all = new ArrayList<>(delegate.delivered());
            Collections.reverse(all);
            return all;
        }
    }

    /** N1: every notification goes to the first recipient the notifier ever sent to (a cached address). */
    static final class MisdirectsNotifications extends Forwarding.NotifierPort {
        private final AtomicReference<Party> first = new AtomicReference<>();

        MisdirectsNotifications(InMemoryNotifier delegate) {
            super(delegate);
        }

        @Override
        public void send(Notification n) {
            first.compareAndSet(null, n.recipient());
            delegate.send(new Notification(
                    n.idempotencyKey(),
                    n.escalation(),
                    n.caseId(),
                    n.kind(),
                    n.channel(),
                    first.get(),
                    n.locale(),
                    n.zone(),
                    n.subject(),
                    n.body(),
                    n.params(),
                    n.text(),
                    n.invite(),
                    n.textLocale()));
        }
    }

    /** N3: swallows the failures of an unavailable backend. */
    static final class SwallowsSendFailures extends Forwarding.NotifierPort {
        SwallowsSendFailures(InMemoryNotifier delegate) {
            super(delegate);
        }

        @Override
        public void send(Notification n) {
            try {
                delegate.send(n);
            } catch (RuntimeException swallowed) {
                // the fault: the notification is lost without a trace
            }
        }
    }

    /** N4: declares de-duplication but delivers a repeated key again. */
    static final class DuplicatesNotificationsOnRetry extends Forwarding.NotifierPort {
        private final AtomicInteger calls = new AtomicInteger();

        DuplicatesNotificationsOnRetry(InMemoryNotifier delegate) {
            super(delegate);
        }

        @Override
        public void send(Notification n) {
            delegate.send(new Notification(
                    n.idempotencyKey() + "#" + calls.incrementAndGet(),
                    n.escalation(),
                    n.caseId(),
                    n.kind(),
                    n.channel(),
                    n.recipient(),
                    n.locale(),
                    n.zone(),
                    n.subject(),
                    n.body(),
                    n.params(),
                    n.text(),
                    n.invite(),
                    n.textLocale()));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.DEDUPLICATES_BY_KEY);
        }
    }

    /** N5: refuses notifications that carry a meeting invitation. */
    static final class RejectsInvitations extends Forwarding.NotifierPort {
        RejectsInvitations(InMemoryNotifier delegate) {
            super(delegate);
        }

        @Override
        public void send(Notification n) {
            if (n.invite().isPresent()) {
                throw new PermanentDeliveryException("calendar invitations are not supported", null);
            }
            delegate.send(n);
        }
    }

    // ------------------------------------------------------------------------------------------------ ticketing

    /** T1: open posts the ticket's description as its first update. */
    static final class PostsDescriptionAsUpdate extends Forwarding.TicketingPort {
        PostsDescriptionAsUpdate(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public String open(TicketCommand.Open command) {
            String reference = delegate.open(command);
            delegate.postUpdate(
                    reference,
                    new TicketCommand.PostUpdate(
                            command.idempotencyKey() + "#description",
                            command.escalation(),
                            command.description(),
                            Visibility.INTERNAL));
            return reference;
        }
    }

    /** T2: keeps participants in a list of its own, so adding twice lists twice. */
    static final class ListsParticipantTwice extends Forwarding.TicketingPort {
        private final Map<String, List<String>> participants = new ConcurrentHashMap<>();

        ListsParticipantTwice(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant command) {
            delegate.addParticipant(ticket, command);
            participants
                    .computeIfAbsent(ticket, t -> new ArrayList<>())
                    .add(command.participant().email());
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
            delegate.removeParticipant(ticket, command);
            participants
                    .computeIfAbsent(ticket, t -> new ArrayList<>())
                    .remove(command.participant().email());
        }

        @Override
        Optional<TicketView> view(String reference) {
            return super.view(reference)
                    .map(t -> new TicketView(
                            t.reference(), t.status(), participants.getOrDefault(reference, List.of()), t.updates()));
        }
    }

    /** T3: removing a participant the ticket does not have fails. */
    static final class RemovingAbsentFails extends Forwarding.TicketingPort {
        RemovingAbsentFails(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant command) {
            if (view(ticket)
                    .map(t -> !t.participants().contains(command.participant().email()))
                    .orElse(true)) {
                throw new IllegalStateException("no such participant");
            }
            delegate.removeParticipant(ticket, command);
        }
    }

    /** T4: the ticket's updates read newest first. */
    static final class ReordersUpdates extends Forwarding.TicketingPort {
        ReordersUpdates(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        Optional<TicketView> view(String reference) {
            return super.view(reference).map(t -> {
                List<String> updates = new ArrayList<>(t.updates());
                Collections.reverse(updates);
                return new TicketView(t.reference(), t.status(), t.participants(), updates);
            });
        }
    }

    /** T5: changeStatus does nothing. */
    static final class IgnoresStatus extends Forwarding.TicketingPort {
        IgnoresStatus(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
            // the fault: the status change is dropped
        }
    }

    /** T5: changeStatus sets the status, but the note never reaches the ticket. */
    static final class DropsStatusNote extends Forwarding.TicketingPort {
        DropsStatusNote(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus command) {
            // the fault: the note is dropped
            delegate.changeStatus(
                    ticket,
                    new TicketCommand.ChangeStatus(
                            command.idempotencyKey(), command.escalation(), command.status(), ""));
        }
    }

    /** T7: open retried with the same key opens another ticket. */
    static final class OpensAgainOnRetry extends Forwarding.TicketingPort {
        private final Map<String, Integer> opened = new ConcurrentHashMap<>();

        OpensAgainOnRetry(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public String open(TicketCommand.Open command) {
            String reference = delegate.open(command);
            int n = opened.merge(command.idempotencyKey(), 1, Integer::sum);
            return n == 1 ? reference : reference + "-" + n;
        }
    }

    /**
     * T6: open looks for the escalation's ticket with a substring, case-insensitive search (as a ticketing system's
     * full-text filter does) and takes the first hit: an escalation whose id another one's contains gets that ticket.
     */
    static final class MatchesTicketsBySubstring extends Forwarding.TicketingPort {
        private final Map<String, String> opened = Collections.synchronizedMap(new LinkedHashMap<>());

        MatchesTicketsBySubstring(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public String open(TicketCommand.Open command) {
            String wanted = command.escalation().value().toLowerCase(java.util.Locale.ROOT);
            synchronized (opened) {
                for (Map.Entry<String, String> e : opened.entrySet()) {
                    if (e.getKey().toLowerCase(java.util.Locale.ROOT).contains(wanted)) {
                        return e.getValue();
                    }
                }
                String reference = delegate.open(command);
                opened.put(command.escalation().value(), reference);
                return reference;
            }
        }
    }

    /**
     * T6: applies every call to the ticket it opened last, whatever reference it is given (an adapter that keeps
     * "the current ticket" in a field and addresses the backend by it).
     */
    static final class IgnoresTicketReference extends Forwarding.TicketingPort {
        /** The reference and escalation of the ticket opened last. */
        private final AtomicReference<Map.Entry<String, EscalationId>> last = new AtomicReference<>();

        IgnoresTicketReference(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public String open(TicketCommand.Open command) {
            String reference = delegate.open(command);
            last.set(Map.entry(reference, command.escalation()));
            return reference;
        }

        private String ticket(String given) {
            Map.Entry<String, EscalationId> l = last.get();
            return l == null ? given : l.getKey();
        }

        private EscalationId escalation(EscalationId given) {
            Map.Entry<String, EscalationId> l = last.get();
            return l == null ? given : l.getValue();
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant c) {
            delegate.addParticipant(
                    ticket(ticket),
                    new TicketCommand.AddParticipant(c.idempotencyKey(), escalation(c.escalation()), c.participant()));
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant c) {
            delegate.removeParticipant(
                    ticket(ticket),
                    new TicketCommand.RemoveParticipant(
                            c.idempotencyKey(), escalation(c.escalation()), c.participant()));
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate c) {
            delegate.postUpdate(
                    ticket(ticket),
                    new TicketCommand.PostUpdate(
                            c.idempotencyKey(), escalation(c.escalation()), c.text(), c.visibility()));
        }

        @Override
        public void changeStatus(String ticket, TicketCommand.ChangeStatus c) {
            delegate.changeStatus(
                    ticket(ticket),
                    new TicketCommand.ChangeStatus(
                            c.idempotencyKey(), escalation(c.escalation()), c.status(), c.note()));
        }
    }

    /** T8: swallows the failures of an unavailable ticketing system. */
    static final class SwallowsTicketFailures extends Forwarding.TicketingPort {
        SwallowsTicketFailures(InMemoryTicketing delegate) {
            super(delegate);
        }

        @Override
        public String open(TicketCommand.Open command) {
            try {
                return delegate.open(command);
            } catch (RuntimeException swallowed) {
                return "T-unknown";
            }
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate command) {
            try {
                delegate.postUpdate(ticket, command);
            } catch (RuntimeException swallowed) {
                // the fault: the update is lost without a trace
            }
        }
    }

    /** T9: declares de-duplication but applies a repeated key again. */
    static final class DuplicatesTicketCallsOnRetry extends Forwarding.TicketingPort {
        private final AtomicInteger calls = new AtomicInteger();

        DuplicatesTicketCallsOnRetry(InMemoryTicketing delegate) {
            super(delegate);
        }

        private String key(String key) {
            return key + "#" + calls.incrementAndGet();
        }

        @Override
        public void addParticipant(String ticket, TicketCommand.AddParticipant c) {
            delegate.addParticipant(
                    ticket, new TicketCommand.AddParticipant(key(c.idempotencyKey()), c.escalation(), c.participant()));
        }

        @Override
        public void removeParticipant(String ticket, TicketCommand.RemoveParticipant c) {
            delegate.removeParticipant(
                    ticket,
                    new TicketCommand.RemoveParticipant(key(c.idempotencyKey()), c.escalation(), c.participant()));
        }

        @Override
        public void postUpdate(String ticket, TicketCommand.PostUpdate c) {
            delegate.postUpdate(
                    ticket,
                    new TicketCommand.PostUpdate(key(c.idempotencyKey()), c.escalation(), c.text(), c.visibility()));
        }

        @Override
        public Set<Capability> capabilities() {
            return Set.of(Capability.DEDUPLICATES_BY_KEY);
        }
    }

    // ------------------------------------------------------------------------------------------------ directories

    /** C1: touchpoint() returns the contact with default preferences. */
    static final class ForgetsContactPreferences extends Forwarding.Customers {
        ForgetsContactPreferences(dev.escalation.spi.CustomerDirectory delegate) {
            super(delegate);
        }

        @Override
        public Optional<Touchpoint> touchpoint(ContactId id) {
            return delegate.touchpoint(id)
                    .map(t -> new Touchpoint(
                            t.id(),
                            t.customer(),
                            t.displayName(),
                            t.email(),
                            t.phone(),
                            t.roles(),
                            t.active(),
                            Preferences.DEFAULT));
        }
    }

    /** C2: touchpoints(customer, role) ignores the role. */
    static final class IgnoresContactRole extends Forwarding.Customers {
        IgnoresContactRole(dev.escalation.spi.CustomerDirectory delegate) {
            super(delegate);
        }

        @Override
        public List<Touchpoint> touchpoints(CustomerId customer, CustomerRole role) {
            Set<Touchpoint> all = new LinkedHashSet<>();
            for (CustomerRole r : CustomerRole.values()) {
                all.addAll(delegate.touchpoints(customer, r));
            }
            return List.copyOf(all);
        }
    }

    /** P1: member() returns the staff member with default preferences. */
    static final class ForgetsStaffPreferences extends Forwarding.Staff {
        ForgetsStaffPreferences(dev.escalation.spi.StaffDirectory delegate) {
            super(delegate);
        }

        @Override
        public Optional<StaffMember> member(StaffId id) {
            return delegate.member(id)
                    .map(m -> new StaffMember(
                            m.id(), m.displayName(), m.email(), m.phone(), m.roles(), m.active(), Preferences.DEFAULT));
        }
    }

    /** P2: withRole ignores the role. */
    static final class IgnoresStaffRole extends Forwarding.Staff {
        IgnoresStaffRole(dev.escalation.spi.StaffDirectory delegate) {
            super(delegate);
        }

        @Override
        public List<StaffMember> withRole(StaffRole role) {
            Set<StaffMember> all = new LinkedHashSet<>();
            for (StaffRole r : StaffRole.values()) {
                all.addAll(delegate.withRole(r));
            }
            return List.copyOf(all);
        }
    }

    /**
     * C1: looks ids up as a case-insensitive collation would (an id not found as given is looked up in lower case, the
     * case the records were loaded in).
     */
    static final class IgnoresContactIdCase extends Forwarding.Customers {
        IgnoresContactIdCase(dev.escalation.spi.CustomerDirectory delegate) {
            super(delegate);
        }

        @Override
        public Optional<Touchpoint> touchpoint(ContactId id) {
            Optional<Touchpoint> exact = delegate.touchpoint(id);
            return exact.isPresent()
                    ? exact
                    : delegate.touchpoint(ContactId.of(id.value().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** P1: looks staff ids up as a case-insensitive collation would (not found as given: in lower case). */
    static final class IgnoresStaffIdCase extends Forwarding.Staff {
        IgnoresStaffIdCase(dev.escalation.spi.StaffDirectory delegate) {
            super(delegate);
        }

        @Override
        public Optional<StaffMember> member(StaffId id) {
            Optional<StaffMember> exact = delegate.member(id);
            return exact.isPresent()
                    ? exact
                    : delegate.member(StaffId.of(id.value().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    // ------------------------------------------------------------------------------------------------ metrics

    /** K1: totals ignore the criticality filter. */
    static final class IgnoresCriticalityFilter extends Forwarding.Store {
        IgnoresCriticalityFilter(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<MetricsQueries> metrics() {
            return delegate.metrics()
                    .map(real -> s -> real.totals(
                            new MetricSelection(s.from(), s.to(), s.period(), s.customers(), Set.of(), s.groupBy())));
        }
    }

    /** K2: a change's write is stored without its metric rows. */
    static final class DropsMetricsOfChanges extends Forwarding.Store {
        DropsMetricsOfChanges(EscalationStore delegate) {
            super(delegate);
        }

        private static <R> UnitOfWork<R> stripped(UnitOfWork<R> work) {
            return current -> {
                Decision<R> d = work.decide(current);
                if (d instanceof Decision.Write<R> w) {
                    EscalationWrite x = w.write();
                    return Decision.write(
                            new EscalationWrite(x.next(), x.entries(), x.messages(), x.due(), List.of()), w.result());
                }
                return d;
            };
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForCustomer(customer, id, stripped(work));
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return delegate.changeForVendor(id, stripped(work));
        }
    }

    /** K3: once a customer has no escalation left (all purged), its metric totals are gone too. */
    static final class PurgesMetricRows extends Forwarding.Store {
        PurgesMetricRows(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<MetricsQueries> metrics() {
            return delegate.metrics()
                    .map(real -> s -> real.totals(s).stream()
                            .filter(t -> t.customer().isEmpty()
                                    || !delegate.listForCustomer(
                                                    t.customer().get(), dev.escalation.model.PageRequest.first(1))
                                            .items()
                                            .isEmpty())
                            .toList());
        }
    }
}
