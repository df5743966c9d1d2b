package dev.escalation;

import dev.escalation.internal.validation.TextRules;
import dev.escalation.model.ContactId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.LessonsLearned;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.StaffRole;
import dev.escalation.sla.EscalationChain;
import dev.escalation.sla.SlaPolicy;
import dev.escalation.spi.ClaimedDue;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.DueItem;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StaffMember;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.Touchpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns due items into notifications: each claimed item is completed together with its follow-up notifications in
 * one {@link dev.escalation.spi.DueWork#complete} call, so a re-run queues nothing new.
 */
final class DueFollowUps {
    private final Clock clock;
    private final EscalationStore store;
    private final StaffDirectory staff;
    private final CustomerDirectory customers;
    private final SlaClock sla;
    private final String claimant;
    private final Duration lease;
    private final int batchSize;

    DueFollowUps(EngineConfig config) {
        this.clock = config.clock();
        this.store = config.store();
        this.staff = config.staff();
        this.customers = config.customers();
        this.sla = config.planner().sla();
        this.claimant = config.worker().claimant();
        this.lease = config.worker().lease();
        this.batchSize = config.worker().batchSize();
    }

    /**
     * Processes what is due. An item whose follow-ups cannot be prepared (a directory or the store failing while they
     * are, or a defect the item meets) stays claimed until its lease runs out, and the run goes on with the others:
     * one item a directory always fails for holds back no other. A batch none of whose items could be prepared ends
     * the run (a port is down, not one item); a run that met such a failure reports the first one when it is done. An
     * item is processed once per run: one the store hands back within the run is skipped, and a batch of nothing else
     * ends the run.
     *
     * <p>{@code cut} true or the thread's interrupt (the worker's stop, or a caller's) ends the run before the next
     * claim, before the next item and before an item's completion: the items of the batch it has not completed are
     * released, so that the next run or another instance processes them at once (not when their lease has run out),
     * and the run ends as {@code UNAVAILABLE} with the interrupt flag set.
     *
     * @param cut whether the run was cut off (checked together with the thread's interrupt)
     * @throws EscalationUnavailableException if a port failed, an item could not be prepared, or the run was cut off
     *     or interrupted
     */
    DeliveryReport processDueWork(BooleanSupplier cut) {
        int done = 0;
        EscalationUnavailableException failed = null;
        Set<String> claimed = null; // the keys of this run's items, from its first batch
        while (true) {
            if (stopped(cut)) {
                throw stop(List.of(), failed);
            }
            Instant now = clock.instant();
            List<ClaimedDue> batch = Ports.call(() -> store.dueWork().claim(claimant, now, lease, batchSize));
            if (batch.isEmpty()) {
                break;
            }
            if (claimed == null) {
                claimed = new HashSet<>();
            }
            boolean prepared = false;
            boolean fresh = false;
            for (int i = 0; i < batch.size(); i++) {
                ClaimedDue c = batch.get(i);
                if (!claimed.add(c.item().key())) {
                    continue; // handed back although this run had it: not processed twice (a later run may)
                }
                if (stopped(cut)) {
                    throw stop(release(batch, i, claimed), failed);
                }
                fresh = true;
                List<OutboxMessage> followUps;
                try {
                    followUps = followUps(c.item(), now);
                } catch (EscalationUnavailableException e) {
                    failed = failed == null ? e : failed;
                    continue; // left claimed: tried again when its lease has run out
                } catch (RuntimeException e) { // a defect this one item meets: it holds back no other item either
                    Ports.LOG.warn(
                            "due item {} of escalation {} could not be prepared: {}",
                            c.item().kind(),
                            c.item().escalation().value(),
                            e.getClass().getName());
                    failed = failed == null ? defect(e) : failed;
                    continue;
                }
                if (stopped(cut)) { // during its preparation (a directory that ignored the interrupt)
                    throw stop(release(batch, i, claimed), failed);
                }
                prepared = true;
                if (Ports.call(() -> store.dueWork().complete(c, followUps))) {
                    done++;
                }
            }
            if (!fresh) {
                // the store hands back what it was told this run completed or kept claimed (it breaks rules D2–D4 of
                // the kit): claiming on would never end
                Ports.LOG.warn("due work: the store handed back only items this run had already claimed; run ended");
                break;
            }
            if (!prepared && failed != null) {
                throw failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        OutboxCounts counts = Ports.call(() -> store.outbox().counts());
        return new DeliveryReport(done, 0, 0, counts.pending(), counts.nextAttemptAt());
    }

    private static boolean stopped(BooleanSupplier cut) {
        return Thread.currentThread().isInterrupted() || cut.getAsBoolean();
    }

    /** The item at {@code from} and the later ones of the batch this run has not had before: not processed. */
    private static List<ClaimedDue> release(List<ClaimedDue> batch, int from, Set<String> claimed) {
        List<ClaimedDue> rest = new ArrayList<>(batch.size() - from);
        rest.add(batch.get(from));
        for (ClaimedDue c : batch.subList(from + 1, batch.size())) {
            if (claimed.add(c.item().key())) {
                rest.add(c);
            }
        }
        return rest;
    }

    /**
     * Ends a run that was cut off or interrupted: gives {@code rest} back to the store (with the interrupt flag
     * cleared: a store's driver must not see it; a release that fails leaves the rest claimed until their lease runs
     * out), sets the flag again and returns the exception to throw.
     */
    private EscalationUnavailableException stop(
            List<ClaimedDue> rest, @Nullable EscalationUnavailableException failed) {
        EscalationUnavailableException stop = new EscalationUnavailableException(
                "due work was interrupted; the rest is processed later",
                new InterruptedException("due work was stopped"));
        if (failed != null) {
            stop.addSuppressed(failed);
        }
        Thread.interrupted();
        try {
            for (ClaimedDue c : rest) {
                Ports.call(() -> {
                    store.dueWork().release(c);
                    return Boolean.TRUE; // no answer of its own: not null, which Ports.call refuses
                });
            }
        } catch (RuntimeException e) {
            stop.addSuppressed(e);
        } finally {
            Thread.currentThread().interrupt();
        }
        return stop;
    }

    private static EscalationUnavailableException defect(RuntimeException e) {
        return new EscalationUnavailableException(
                "a due item could not be prepared (" + e.getClass().getName()
                        + "); it is tried again when its lease has run out",
                e);
    }

    /**
     * The notifications a due item causes, to the recipients its {@link DueStep} names (decided by the
     * {@link DuePlanner}): meeting reminders to the Escalation Manager and the Incident Manager who escalated (one of
     * them when quiet hours split the reminder); SLA warnings to the Escalation Manager (Support Management before
     * one is appointed); breaches and their repeats to the next level, every Head of Support (Support Management if
     * there is none). Keys are the item's key plus the recipient's kind and id, so a re-run queues nothing new and
     * a contact and a staff member of one id get a message each.
     */
    private List<OutboxMessage> followUps(DueItem item, Instant now) {
        Optional<StoredEscalation> found = Ports.call(() -> store.findForVendor(item.escalation()));
        if (found.isEmpty()) {
            return List.of();
        }
        StoredEscalation r = found.get();
        if (!StoreRows.asked("due work's load", r, item.escalation(), item.customer())) {
            // another escalation's people and data: nobody is told; the item stays claimed and is tried again
            throw new EscalationUnavailableException("the store loaded another escalation; try again later", null);
        }
        DueStep step = DueStep.of(item);
        Optional<EscalationChain> chain = Optional.empty();
        if (step.chainLevel() >= 0) {
            try {
                chain = sla.policyOf(SlaSubject.of(r)).flatMap(SlaPolicy::chain);
            } catch (UnknownPolicyException e) {
                chain = Optional.empty(); // planned under a version this engine no longer knows: the standard people
            }
        }
        List<Party> to = step.recipients() == DueStep.Recipients.ACTION_OWNER
                ? owner(r, step.actionIndex())
                : chain.isPresent()
                        ? chain(r, DuePlanner.level(chain.get(), step.chainLevel()))
                        : recipients(r, step.recipients());
        NotificationKind kind = step.notification();
        Map<String, EntryParam> params = new LinkedHashMap<>();
        if (step.recipients() == DueStep.Recipients.ACTION_OWNER) {
            action(r, step.actionIndex()).ifPresent(a -> params.put("action", new EntryParam.Text(a.description())));
        } else {
            params.put("deadline", EntryParam.Code.of(item.kind()));
        }
        params.put("step", new EntryParam.Code(item.step()));
        params.put(
                "dueAt",
                new EntryParam.At(Optional.ofNullable(item.data().get("dueAt"))
                        .map(Instant::parse)
                        .orElse(item.dueAt())));
        List<OutboxMessage> result = new ArrayList<>(to.size());
        for (Party p : to) {
            // the recipient's kind too: a contact and a staff member may share an id, and each is told
            String key = item.key() + "/" + p.kind() + ":" + p.id();
            NotificationRequest n = new NotificationRequest(
                    key, r.id(), r.caseId(), kind, Optional.empty(), p, params, Optional.empty(), Optional.empty());
            result.add(OutboxMessage.pending(MessageIds.forKey(key), r.customer(), n, now));
        }
        return result;
    }

    private static Optional<ImprovementAction> action(StoredEscalation r, int index) {
        List<ImprovementAction> actions =
                r.lessonsLearned().map(LessonsLearned::actions).orElse(List.of());
        return index < actions.size() ? Optional.of(actions.get(index)) : Optional.empty();
    }

    /**
     * The owner of an improvement action (read as {@code FollowThroughRows} reads it for the owner's updates): the
     * staff member or the customer's contact of the owner's kind and id; for an owner without a kind (stored before
     * owners had one) the staff member with the owner's id if the staff directory knows one, else the customer's
     * contact with that id. The Escalation Manager stands in for an owner given as a plain name, for one the directory
     * no longer knows and for an inactive one.
     */
    private List<Party> owner(StoredEscalation r, int index) {
        Optional<ImprovementAction> a = action(r, index);
        if (a.isEmpty() || a.get().status() != ImprovementAction.Status.OPEN) {
            return List.of();
        }
        String owner = a.get().owner();
        Optional<Party.Kind> kind = a.get().ownerKind();
        if (TextRules.idProblem(owner, TextRules.ID_MAX) == null) {
            Optional<StaffMember> m = kind.isPresent() && kind.get() != Party.Kind.STAFF
                    ? Optional.empty()
                    : Ports.call(() -> staff.member(StaffId.of(owner)));
            if (m.isPresent()) { // a kindless owner's id names a staff member first, active or not
                return m.get().active()
                        ? List.of(m.get().asParty())
                        : recipients(r, DueStep.Recipients.ESCALATION_MANAGER);
            }
            if (kind.isPresent() && kind.get() == Party.Kind.STAFF) {
                return recipients(r, DueStep.Recipients.ESCALATION_MANAGER); // no longer in the directory
            }
            Optional<Touchpoint> t = Ports.call(() -> customers.touchpoint(ContactId.of(owner)))
                    .filter(x -> x.active() && x.customer().equals(r.customer()));
            if (t.isPresent()) {
                return List.of(t.get().asParty());
            }
        }
        return recipients(r, DueStep.Recipients.ESCALATION_MANAGER);
    }

    /** The people a level of the policy's chain names; Support Management if they are nobody. */
    private List<Party> chain(StoredEscalation r, List<EscalationChain.Target> level) {
        List<Party> to = new ArrayList<>();
        for (EscalationChain.Target t : level) {
            List<Party> found = new ArrayList<>();
            switch (t.kind()) {
                case ESCALATION_MANAGER -> found.addAll(recipients(r, DueStep.Recipients.ESCALATION_MANAGER));
                case ROLE ->
                    Ports.call(() -> staff.withRole(t.role().orElseThrow())).forEach(m -> found.add(m.asParty()));
                case STAFF ->
                    Ports.call(() -> staff.member(t.staff().orElseThrow()))
                            .filter(StaffMember::active)
                            .ifPresent(m -> found.add(m.asParty()));
            }
            for (Party p : found) {
                if (to.stream().noneMatch(x -> x.kind() == p.kind() && x.id().equals(p.id()))) {
                    to.add(p);
                }
            }
        }
        if (to.isEmpty()) { // nobody at this level: Support Management must learn of it
            Ports.call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT)).forEach(m -> to.add(m.asParty()));
        }
        return to;
    }

    /** The people a step's recipients are for this escalation. */
    private List<Party> recipients(StoredEscalation r, DueStep.Recipients recipients) {
        Optional<Party> manager = r.manager()
                .map(id -> participant(r, Party.Kind.STAFF, id.value())
                        .orElseGet(() -> new Party(Party.Kind.STAFF, id.value(), id.value(), "")));
        Optional<Party> raiser = participant(r, Party.Kind.CONTACT, r.raisedBy().value());
        List<Party> to = new ArrayList<>();
        switch (recipients) {
            case MEETING_ATTENDEES -> {
                manager.ifPresent(to::add);
                raiser.ifPresent(to::add);
            }
            case ESCALATION_MANAGER -> manager.ifPresent(to::add);
            case INCIDENT_MANAGER -> raiser.ifPresent(to::add);
            case MANAGER_OR_SUPPORT_MANAGEMENT -> {
                if (manager.isPresent()) {
                    to.add(manager.get());
                } else {
                    Ports.call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT))
                            .forEach(m -> to.add(m.asParty()));
                }
            }
            case ACTION_OWNER -> {}
            case NEXT_LEVEL -> {
                List<StaffMember> next = Ports.call(() -> staff.withRole(StaffRole.HEAD_OF_SUPPORT));
                if (next.isEmpty()) { // nobody holds the next level: Support Management must learn of the breach
                    next = Ports.call(() -> staff.withRole(StaffRole.SUPPORT_MANAGEMENT));
                }
                next.forEach(m -> to.add(m.asParty()));
            }
        }
        return to;
    }

    private static Optional<Party> participant(StoredEscalation r, Party.Kind kind, String id) {
        return r.participants().stream()
                .filter(x -> x.kind() == kind && x.id().equals(id))
                .findFirst();
    }
}
