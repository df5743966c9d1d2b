package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Resolve;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.DueWork;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.Outbox;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnavailableException;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.spi.UnitOfWork.Decision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store fails where a database fails last: at the commit. A command's unit of work has decided its write (the
 * engine built the entries, messages and due items), and then the commit fails (the write is not applied); the
 * outbox's {@code finish} fails after the batch was sent; due work's {@code complete} fails after the follow-ups were
 * prepared. Each call is the retryable {@code UNAVAILABLE} and changes nothing: no version, no event, no side effect;
 * once the store works again the same calls go through, and each side effect reaches its adapter once (a batch whose
 * outcomes were lost goes out once more, with the same keys, when its lease has run out, and never after).
 */
class CommitOutageTest {

    static List<Supplier<RuntimeException>> failures() {
        return List.of(
                () -> new UnavailableException("commit failed: connection reset", null),
                () -> new IllegalStateException("driver failure at commit"));
    }

    /** The store of a world whose commits fail while {@link #failure} is set; everything else is the world's. */
    static final class FailingCommits implements EscalationStore {
        final AtomicReference<Supplier<RuntimeException>> failure = new AtomicReference<>();
        /** The store the commits go to, and the tests read. */
        final dev.escalation.inmemory.InMemoryEscalationStore delegate =
                new dev.escalation.inmemory.InMemoryEscalationStore();
        /** The units of work that decided a write whose commit then failed. */
        int decidedThenFailed;

        private <R> Optional<R> change(Function<UnitOfWork<R>, Optional<R>> run, UnitOfWork<R> work) {
            Supplier<RuntimeException> f = failure.get();
            if (f == null) {
                return run.apply(work);
            }
            // the unit of work runs on the stored row and decides; the commit then fails and nothing is applied
            run.apply(current -> {
                Decision<R> decided = work.decide(current);
                if (decided instanceof Decision.Write<R>) {
                    decidedThenFailed++;
                }
                return Decision.keep(decided.result());
            });
            throw f.get();
        }

        @Override
        public StoreCapabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public void create(EscalationWrite write) {
            Supplier<RuntimeException> f = failure.get();
            if (f != null) {
                decidedThenFailed++;
                throw f.get();
            }
            delegate.create(write);
        }

        @Override
        public <R> Optional<R> changeForCustomer(CustomerId customer, EscalationId id, UnitOfWork<R> work) {
            return change(w -> delegate.changeForCustomer(customer, id, w), work);
        }

        @Override
        public <R> Optional<R> changeForVendor(EscalationId id, UnitOfWork<R> work) {
            return change(w -> delegate.changeForVendor(id, w), work);
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
            Outbox real = delegate.outbox();
            return new Outbox() {
                @Override
                public List<ClaimedMessage> claim(String claimant, Instant now, Duration lease, int limit) {
                    return real.claim(claimant, now, lease, limit);
                }

                @Override
                public int finish(List<DeliveryOutcome> outcomes, Instant now) {
                    throwIfFailing();
                    return real.finish(outcomes, now);
                }

                @Override
                public OutboxCounts finishAndCount(List<DeliveryOutcome> outcomes, Instant now) {
                    throwIfFailing();
                    return real.finishAndCount(outcomes, now);
                }

                @Override
                public OutboxCounts counts() {
                    return real.counts();
                }

                @Override
                public OutboxCounts countsOf(EscalationId escalation) {
                    return real.countsOf(escalation);
                }

                @Override
                public Page<OutboxMessage> deadLetters(PageRequest page) {
                    return real.deadLetters(page);
                }

                @Override
                public boolean replay(dev.escalation.model.MessageId id, Instant now) {
                    return real.replay(id, now);
                }

                @Override
                public int replayAll(EscalationId escalation, Instant now) {
                    return real.replayAll(escalation, now);
                }
            };
        }

        @Override
        public DueWork dueWork() {
            DueWork real = delegate.dueWork();
            return new DueWork() {
                @Override
                public List<DueItem> due(Instant now, int limit) {
                    return real.due(now, limit);
                }

                @Override
                public List<ClaimedDue> claim(String claimant, Instant now, Duration lease, int limit) {
                    return real.claim(claimant, now, lease, limit);
                }

                @Override
                public boolean complete(ClaimedDue claimed, List<OutboxMessage> followUps) {
                    throwIfFailing();
                    return real.complete(claimed, followUps);
                }

                @Override
                public void release(ClaimedDue claimed) {
                    real.release(claimed);
                }
            };
        }

        private void throwIfFailing() {
            Supplier<RuntimeException> f = failure.get();
            if (f != null) {
                throw f.get();
            }
        }
    }

    private static void unavailable(Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(EscalationUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNAVAILABLE");
                    assertThat(e.isRetryable()).isTrue();
                })
                .hasMessageNotContaining("commit failed")
                .hasMessageNotContaining("driver failure");
    }

    /** A command whose commit fails after its unit of work decided: UNAVAILABLE, nothing applied; the retry goes. */
    private static void failsAtCommitThenApplies(
            World w, FailingCommits store, Supplier<RuntimeException> failure, EscalationId id, Runnable command) {
        long version = stored(store, id).version();
        int entries = store.delegate.entriesForVendor(id, 0, 500).size();
        int events = w.events.size();
        OutboxCounts outbox = store.delegate.outbox().countsOf(id);
        int decided = store.decidedThenFailed;
        store.failure.set(failure);
        unavailable(command);
        store.failure.set(null);
        assertThat(store.decidedThenFailed)
                .as("units of work that decided a write")
                .isEqualTo(decided + 1);
        assertThat(stored(store, id).version())
                .as("version after the failed commit")
                .isEqualTo(version);
        assertThat(store.delegate.entriesForVendor(id, 0, 500))
                .as("log after the failed commit")
                .hasSize(entries);
        assertThat(w.events).as("events after the failed commit").hasSize(events);
        assertThat(store.delegate.outbox().countsOf(id))
                .as("outbox after the failed commit")
                .isEqualTo(outbox);
        command.run();
        assertThat(stored(store, id).version()).as("version after the retry").isEqualTo(version + 1);
        assertThat(w.events).as("events after the retry").hasSize(events + 1);
    }

    private static StoredEscalation stored(FailingCommits store, EscalationId id) {
        return store.delegate.findForVendor(id).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("failures")
    void everyCommandWhoseCommitFailsIsUnavailableChangesNothingAndGoesThroughOnRetry(
            Supplier<RuntimeException> failure) {
        FailingCommits store = new FailingCommits();
        World w = new World(b -> {}, store);
        EscalateCase escalate =
                new EscalateCase(World.C1, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.HIGH, "form-1");
        store.failure.set(failure);
        unavailable(() -> w.engine.escalate(INA, escalate));
        store.failure.set(null);
        assertThat(store.delegate.findOpenForCustomer(CustomerId.of("acme"), World.C1))
                .isEmpty();
        assertThat(store.delegate.outbox().counts().pending()).isZero();
        assertThat(w.events).isEmpty();
        EscalationId id = w.engine.escalate(INA, escalate).escalation();

        failsAtCommitThenApplies(
                w,
                store,
                failure,
                id,
                () -> w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called")));
        failsAtCommitThenApplies(
                w,
                store,
                failure,
                id,
                () -> w.engine.agreePlan(
                        EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock.instant().plus(Duration.ofHours(2)))));
        failsAtCommitThenApplies(
                w,
                store,
                failure,
                id,
                () -> w.engine.logProgress(
                        INA, new LogProgress(id, LogProgress.Kind.COMMUNICATION, "Any news?", Visibility.CUSTOMER)));
        failsAtCommitThenApplies(w, store, failure, id, () -> w.engine.resolve(EVE, new Resolve(id, "Index rebuilt")));

        w.engine.deliverPending();
        assertThat(store.delegate.outbox().counts().pending())
                .as("pending after delivery")
                .isZero();
        assertThat(w.notifier.callsPerKey())
                .as("notifier calls per key")
                .isNotEmpty()
                .allSatisfy((k, n) -> assertThat(n).as("calls of %s", k).isEqualTo(1));
        assertThat(w.ticketing.callsPerKey())
                .as("ticketing calls per key")
                .isNotEmpty()
                .allSatisfy((k, n) -> assertThat(n).as("calls of %s", k).isEqualTo(1));
        assertThat(w.ticketing.ticketOf(id))
                .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(dev.escalation.model.TicketStatus.RESOLVED));
    }

    /**
     * The outbox's {@code finish} fails after the batch was sent (the store went away before the outcomes were
     * recorded): the run is UNAVAILABLE; the batch is sent once more, with the same keys, when its lease has run out,
     * and then never again.
     */
    @ParameterizedTest
    @MethodSource("failures")
    void aBatchWhoseOutcomesWereLostIsSentOnceMoreAfterItsLeaseAndNeverAfter(Supplier<RuntimeException> failure) {
        FailingCommits store = new FailingCommits();
        World w = new World(b -> {}, store);
        EscalationId id = w.engine.escalate(INA, World.escalateC1()).escalation();
        long pending = store.delegate.outbox().counts().pending();
        assertThat(pending).isPositive();

        store.failure.set(failure);
        unavailable(w.engine::deliverPending);
        store.failure.set(null);
        java.util.Map<String, Integer> sent = w.notifier.callsPerKey();
        assertThat(sent).as("notifications sent before the outcomes were lost").isNotEmpty();
        assertThat(store.delegate.outbox().counts().pending())
                .as("still pending: nothing was recorded")
                .isEqualTo(pending);

        assertThat(w.engine.deliverPending().delivered())
                .as("delivered while the lease holds")
                .isZero();
        assertThat(w.notifier.callsPerKey()).as("no call while the lease holds").isEqualTo(sent);

        w.clock.advance(Duration.ofMinutes(2)); // the lease of one minute has run out
        w.engine.deliverPending();
        assertThat(store.delegate.outbox().counts().pending()).isZero();
        assertThat(w.notifier.callsPerKey())
                .as("each notification of the lost batch sent once more, with the same key")
                .allSatisfy((k, n) -> assertThat(n).as("calls of %s", k).isEqualTo(2));
        assertThat(w.notifier.delivered())
                .as("delivered (the notifier de-duplicates by key)")
                .hasSize(sent.size());

        w.clock.advance(Duration.ofHours(7));
        w.engine.deliverPending();
        assertThat(w.notifier.callsPerKey())
                .as("nothing sent after it was recorded")
                .allSatisfy((k, n) -> assertThat(n).isEqualTo(2));
        assertThat(w.ticketing.ticketOf(id)).isPresent();
    }

    /**
     * Due work's {@code complete} fails after the reminder was prepared: the run is UNAVAILABLE and queues nothing; the
     * item is claimed again once its lease has run out and the reminder goes out once.
     */
    @ParameterizedTest
    @MethodSource("failures")
    void aDueItemWhoseCompletionFailedRemindsOnceAfterItsLease(Supplier<RuntimeException> failure) {
        FailingCommits store = new FailingCommits();
        World w = new World(b -> {}, store);
        EscalationId id = w.active(w.engine.escalate(INA, World.escalateC1()).escalation());
        w.engine.deliverPending();
        int notified = w.notifier.delivered().size();
        w.clock.advance(Duration.ofHours(2).plusMinutes(1)); // the agreed first meeting is due
        assertThat(store.delegate.dueWork().due(w.clock.instant(), 100))
                .as("due items")
                .isNotEmpty();

        store.failure.set(failure);
        unavailable(w.engine::processDueWork);
        store.failure.set(null);
        assertThat(store.delegate.outbox().countsOf(id).pending())
                .as("queued by the failed run")
                .isZero();

        w.clock.advance(Duration.ofMinutes(10)); // the due work's lease has run out
        w.engine.processDueWork();
        w.engine.deliverPending();
        assertThat(store.delegate.dueWork().due(w.clock.instant(), 100))
                .as("due items left")
                .isEmpty();
        assertThat(w.notifier.delivered().size()).as("reminders sent").isGreaterThan(notified);
        assertThat(w.notifier.delivered())
                .filteredOn(n -> n.kind() == dev.escalation.model.NotificationKind.REMINDER)
                .as("the meeting's reminders, one per recipient")
                .isNotEmpty()
                .extracting(n -> n.recipient().id())
                .doesNotHaveDuplicates();
        assertThat(w.notifier.callsPerKey())
                .allSatisfy((k, n) -> assertThat(n).as("calls of %s", k).isEqualTo(1));
    }

    /**
     * Every port fails with a message that carries personal data (as drivers, mail relays and ticketing clients word
     * their errors): commits, the outbox's {@code finish}, due work's {@code complete}, the notifier and the ticketing
     * system. The log (slf4j-simple, the tests' backend, writing to {@code System.err}) names ids, states and exception
     * types, never those messages.
     */
    @Test
    void failuresWhoseMessagesCarryPersonalDataLeaveNoneInTheLog() {
        String secret = "SECRET-TEXT ina@customer.example Contact ina +49 30 3";
        FailingCommits store = new FailingCommits();
        dev.escalation.inmemory.InMemoryNotifier mail = new dev.escalation.inmemory.InMemoryNotifier();
        AtomicReference<Boolean> portsDown = new AtomicReference<>(true);
        dev.escalation.spi.Notifier notifier = new dev.escalation.spi.Notifier() {
            @Override
            public void send(dev.escalation.spi.Notification n) {
                if (portsDown.get()) {
                    throw new IllegalStateException(
                            "550 mailbox " + n.recipient().email() + " " + secret);
                }
                mail.send(n);
            }
        };
        dev.escalation.inmemory.InMemoryTicketing tickets = new dev.escalation.inmemory.InMemoryTicketing();
        dev.escalation.spi.Ticketing ticketing = new dev.escalation.spi.Ticketing() {
            private void check() {
                if (portsDown.get()) {
                    throw new UnavailableException("ticketing refused watcher " + secret, null);
                }
            }

            @Override
            public String open(dev.escalation.spi.TicketCommand.Open c) {
                check();
                return tickets.open(c);
            }

            @Override
            public void addParticipant(String t, dev.escalation.spi.TicketCommand.AddParticipant c) {
                check();
                tickets.addParticipant(t, c);
            }

            @Override
            public void removeParticipant(String t, dev.escalation.spi.TicketCommand.RemoveParticipant c) {
                check();
                tickets.removeParticipant(t, c);
            }

            @Override
            public void postUpdate(String t, dev.escalation.spi.TicketCommand.PostUpdate c) {
                check();
                tickets.postUpdate(t, c);
            }

            @Override
            public void changeStatus(String t, dev.escalation.spi.TicketCommand.ChangeStatus c) {
                check();
                tickets.changeStatus(t, c);
            }
        };
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        World w;
        EscalationId id;
        try {
            w = new World(b -> b.ticketing(ticketing), store, List.of(notifier));
            Supplier<RuntimeException> pd = () -> new IllegalStateException("duplicate key (text)=(" + secret + ")");
            store.failure.set(pd);
            unavailable(() -> w.engine.escalate(INA, World.escalateC1()));
            store.failure.set(null);
            id = w.engine.escalate(INA, World.escalateC1()).escalation();
            w.engine.deliverPending(); // the notifier and the ticketing system fail: retried later
            store.failure.set(() -> new UnavailableException("lost " + secret, null));
            unavailable(() -> w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called")));
            store.failure.set(null);
            w.active(id);
            portsDown.set(false);
            w.clock.advance(Duration.ofMinutes(10));
            store.failure.set(pd);
            unavailable(w.engine::deliverPending); // sent, then the outcomes are lost
            w.clock.advance(Duration.ofHours(2).plusMinutes(1));
            unavailable(w.engine::processDueWork); // the meeting's reminders prepared, then lost
            store.failure.set(null);
            w.clock.advance(Duration.ofMinutes(10));
            w.engine.processDueWork();
            w.engine.deliverPending();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log)
                .as("the engine logged the failures")
                .contains(id.value())
                .contains("IllegalStateException");
        assertThat(log)
                .doesNotContain("SECRET-TEXT")
                .doesNotContain("@")
                .doesNotContain("Contact ina")
                .doesNotContain("+49 30");
        assertThat(store.delegate.outbox().counts().pending())
                .as("pending after recovery")
                .isZero();
        assertThat(mail.callsPerKey())
                .as("each notification sent once it could be")
                .isNotEmpty();
        assertThat(tickets.ticketOf(id)).isPresent();
    }
}
