package dev.escalation;

import static dev.escalation.model.EscalationState.ACKNOWLEDGED;
import static dev.escalation.model.EscalationState.ACTIVE;
import static dev.escalation.model.EscalationState.CLOSED;
import static dev.escalation.model.EscalationState.LESSONS_LEARNED;
import static dev.escalation.model.EscalationState.REQUESTED;
import static dev.escalation.model.EscalationState.RESOLVED;
import static dev.escalation.model.EscalationState.WITHDRAWN;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.CancelLessonsLearned;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.ConfirmPlan;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.EscalateOnBehalf;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ProposePlan;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RecordPlanAlone;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.command.Withdraw;
import dev.escalation.model.ActorRef;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.ContactId;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.ImprovementAction;
import dev.escalation.model.Intake;
import dev.escalation.model.Page;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.EscalationFacts;
import dev.escalation.spi.StoredEntry;
import dev.escalation.spi.StoredEscalation;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a sequence of generated steps against a real engine (in-memory adapters) and checks it against a model
 * written independently of the engine: the README's action table. After every step it checks the invariants:
 * a successful action moved the escalation exactly as the table says; a refused one changed nothing (escalations,
 * logs, outbox, events); never two open escalations per case; the progress log only grows; closed and withdrawn are
 * final; the facts stored with each escalation are what an independent derivation from its log gives
 * ({@link FactsModel}); and no command read a log.
 */
final class LifecycleModel {

    /**
     * One generated step: which action, how it is picked ({@code mode} 0–4: a step forward in the lifecycle, 5–7:
     * any action the table allows in the target's current state, 8–9: any action at all – so that sequences reach
     * the late states and still probe every refusal), whether to pick the right actor, which case, and a free choice
     * for the command's values.
     */
    record Step(int action, int mode, boolean rightActor, int actor, int caseIndex, int choice) {}

    private static final Map<EscalationState, List<Action>> FORWARD = new EnumMap<>(EscalationState.class);

    static {
        FORWARD.put(REQUESTED, List.of(Action.ACKNOWLEDGE));
        // agreeing a plan, or proposing one and confirming it (CONFIRM_PLAN stands for PROPOSE_PLAN while none is
        // pending, see step); running plans are amended by the any-action modes
        FORWARD.put(ACKNOWLEDGED, List.of(Action.AGREE_PLAN, Action.CONFIRM_PLAN));
        FORWARD.put(ACTIVE, List.of(Action.RESOLVE, Action.LOG_PROGRESS, Action.PAUSE_CLOCK, Action.RESUME_CLOCK));
        FORWARD.put(RESOLVED, List.of(Action.SCHEDULE_LESSONS_LEARNED, Action.DECLINE_LESSONS_LEARNED));
        FORWARD.put(LESSONS_LEARNED, List.of(Action.RECORD_LESSONS_LEARNED, Action.CLOSE));
    }

    /** The README's table: the state each action leads to from each state it is allowed in. */
    static final Map<Action, Map<EscalationState, EscalationState>> SPEC = new EnumMap<>(Action.class);

    static {
        spec(Action.ACKNOWLEDGE, REQUESTED, ACKNOWLEDGED);
        stay(Action.REASSIGN_MANAGER, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        spec(Action.AGREE_PLAN, ACKNOWLEDGED, ACTIVE);
        stay(Action.AMEND_PLAN, ACTIVE);
        stay(Action.LOG_PROGRESS, ACKNOWLEDGED, ACTIVE);
        stay(Action.ADD_PARTICIPANT, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        stay(Action.REMOVE_PARTICIPANT, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        stay(Action.CHANGE_CRITICALITY, REQUESTED, ACKNOWLEDGED, ACTIVE);
        stay(Action.PAUSE_CLOCK, ACKNOWLEDGED, ACTIVE);
        stay(Action.RESUME_CLOCK, ACKNOWLEDGED, ACTIVE);
        spec(Action.RESOLVE, ACTIVE, RESOLVED);
        spec(Action.REOPEN, RESOLVED, ACTIVE);
        spec(Action.SCHEDULE_LESSONS_LEARNED, RESOLVED, LESSONS_LEARNED);
        stay(Action.SCHEDULE_LESSONS_LEARNED, LESSONS_LEARNED);
        stay(Action.RECORD_LESSONS_LEARNED, LESSONS_LEARNED);
        spec(Action.DECLINE_LESSONS_LEARNED, RESOLVED, LESSONS_LEARNED);
        stay(Action.DECLINE_LESSONS_LEARNED, LESSONS_LEARNED);
        spec(Action.CLOSE, LESSONS_LEARNED, CLOSED);
        spec(Action.WITHDRAW, REQUESTED, WITHDRAWN);
        spec(Action.WITHDRAW, ACKNOWLEDGED, WITHDRAWN);
        spec(Action.WITHDRAW, ACTIVE, WITHDRAWN);
        stay(Action.MIGRATE_POLICY, REQUESTED, ACKNOWLEDGED, ACTIVE, RESOLVED, LESSONS_LEARNED);
        stay(Action.RECORD_CALENDAR_CHANGE, REQUESTED, ACKNOWLEDGED, ACTIVE);
        stay(Action.PROPOSE_PLAN, ACKNOWLEDGED, ACTIVE);
        spec(Action.CONFIRM_PLAN, ACKNOWLEDGED, ACTIVE);
        stay(Action.CONFIRM_PLAN, ACTIVE);
        spec(Action.RECORD_PLAN_ALONE, ACKNOWLEDGED, ACTIVE);
        stay(Action.RECORD_PLAN_ALONE, ACTIVE);
        stay(Action.UPDATE_IMPROVEMENT_ACTION, LESSONS_LEARNED, CLOSED);
        stay(Action.CANCEL_LESSONS_LEARNED, LESSONS_LEARNED);
    }

    /** The actions that create an escalation rather than change one. */
    private static boolean creates(Action action) {
        return action == Action.ESCALATE || action == Action.ESCALATE_ON_BEHALF;
    }

    private static void spec(Action a, EscalationState from, EscalationState to) {
        SPEC.computeIfAbsent(a, x -> new EnumMap<>(EscalationState.class)).put(from, to);
    }

    private static void stay(Action a, EscalationState... states) {
        for (EscalationState s : states) {
            spec(a, s, s);
        }
    }

    /** The actions a step picks from; {@code ESCALATE} stands for both creating actions (see {@link #step}). */
    private static final Action[] ACTIONS = java.util.Arrays.stream(Action.values())
            .filter(a -> a != Action.ESCALATE_ON_BEHALF)
            .toArray(Action[]::new);

    private static final Actor[] ACTORS = {
        World.INA, World.IVY, World.TOM, World.GIL, World.SAM, World.EVE, World.MAX, World.DAN, World.HAL
    };
    private static final CaseId[] CASES = {World.C1, World.C2, World.G1};

    /** An escalation as stored, with its whole log. */
    record Stored(StoredEscalation escalation, List<StoredEntry> log) {
        EscalationState state() {
            return escalation.state();
        }
    }

    private final World w;
    private final Map<CaseId, EscalationId> latest = new HashMap<>();

    /** Runs before each step with the step's index (a fault schedule, see {@code FaultScheduleProperties}). */
    private final IntConsumer beforeStep;

    LifecycleModel(World world) {
        this(world, i -> {});
    }

    LifecycleModel(World world, IntConsumer beforeStep) {
        this.w = world;
        this.beforeStep = beforeStep;
    }

    /** Runs the steps; returns the first broken rule, or empty. */
    Optional<String> run(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            beforeStep.accept(i);
            Optional<String> broken = step(steps.get(i));
            if (broken.isPresent()) {
                return Optional.of("step " + (i + 1) + " " + steps.get(i) + ": " + broken.get());
            }
            w.clock.advance(Duration.ofMinutes(7));
        }
        return Optional.empty();
    }

    private Optional<String> step(Step s) {
        CaseId caseId = CASES[Math.floorMod(s.caseIndex(), CASES.length)];
        Optional<EscalationId> target = Optional.ofNullable(latest.get(caseId));
        Map<EscalationId, Stored> before = snapshot();
        Action action = ACTIONS[Math.floorMod(s.action(), ACTIONS.length)];
        if (s.mode() < 8 && target.isPresent()) {
            EscalationState state = before.get(target.get()).state();
            List<Action> allowed = s.mode() < 5
                    ? FORWARD.getOrDefault(state, List.of())
                    : SPEC.entrySet().stream()
                            .filter(e -> e.getValue().containsKey(state))
                            .map(Map.Entry::getKey)
                            .toList();
            // in a final state the table allows next to nothing (CLOSED: the improvement actions' follow-through):
            // probe it with any action
            action = allowed.isEmpty() || !state.isOpen()
                    ? action
                    : allowed.get(Math.floorMod(s.action(), allowed.size()));
            if (s.mode() < 5
                    && action == Action.CONFIRM_PLAN
                    && before.get(target.get()).escalation().proposal().isEmpty()) {
                action = Action.PROPOSE_PLAN;
            }
        }
        if (!creates(action) && target.isEmpty()) {
            action = Action.ESCALATE;
        }
        if (creates(action)) {
            // one creating slot, as before the hotline intake existed: 3 in 4 by the portal, 1 in 4 by a hotline call
            action = s.choice() % 4 == 0 ? Action.ESCALATE_ON_BEHALF : Action.ESCALATE;
        }
        long pendingBefore = w.pending();
        int eventsBefore = w.events.size();
        Actor actor = s.rightActor()
                ? rightActor(action, target.map(before::get))
                : ACTORS[Math.floorMod(s.actor(), ACTORS.length)];
        boolean refused = false;
        w.recording.forbidLogReads.set(true);
        EscalationId changed = target.orElse(null);
        boolean actedOn = true;
        try {
            if (creates(action)) {
                Cause cause = Cause.values()[Math.floorMod(s.choice(), Cause.values().length)];
                Criticality criticality = Criticality.values()[Math.floorMod(s.choice(), Criticality.values().length)];
                EscalationReceipt r = action == Action.ESCALATE
                        ? w.engine.escalate(
                                actor, new EscalateCase(caseId, "message " + s.choice(), cause, criticality, null))
                        : w.engine.escalateOnBehalf(
                                actor,
                                new EscalateOnBehalf(
                                        caseId,
                                        ContactId.of(incidentManagerFor(caseId, s.choice())),
                                        Intake.Channel.HOTLINE_CALL,
                                        "called: message " + s.choice(),
                                        cause,
                                        criticality,
                                        null));
                changed = r.escalation();
                if (r.created()) {
                    latest.put(caseId, r.escalation());
                }
            } else {
                actedOn = apply(action, actor, target.get(), before.get(target.get()), s.choice());
            }
        } catch (EscalationException e) {
            refused = true;
        } catch (RuntimeException e) {
            // not a refusal the engine reports: a bug (the store refuses some wrong writes, such as reopening a
            // final escalation, with IllegalArgumentException)
            return Optional.of(action + " by " + actor + " failed with " + e);
        } finally {
            w.recording.forbidLogReads.set(false);
        }
        Map<EscalationId, Stored> after = snapshot();
        if (refused) {
            if (!after.equals(before)) {
                return Optional.of("a refused " + action + " by " + actor + " changed stored escalations");
            }
            if (w.pending() != pendingBefore || w.events.size() != eventsBefore) {
                return Optional.of("a refused " + action + " queued side effects or published events");
            }
        } else if (!actedOn) {
            // a calendar change records in the escalations whose deadlines run; the target was not one of them
            if (SPEC.get(action).containsKey(before.get(changed).state())) {
                return Optional.of(action + " skipped a " + before.get(changed).state() + " escalation");
            }
            if (!after.get(changed).equals(before.get(changed))) {
                return Optional.of(action + " changed a " + before.get(changed).state() + " escalation");
            }
        } else if (!creates(action)) {
            EscalationState from = before.get(changed).state();
            EscalationState to = after.get(changed).state();
            EscalationState expected = SPEC.getOrDefault(action, Map.of()).get(from);
            if (expected == null) {
                return Optional.of(action + " succeeded in " + from + " where the table forbids it");
            }
            if (expected != to) {
                return Optional.of(action + " from " + from + " led to " + to + ", the table says " + expected);
            }
        }
        return invariants(before, after, refused ? null : action);
    }

    /**
     * The invariants after {@code action} (null if refused): one open escalation per case, facts as the log gives them,
     * logs only grow, and a final escalation never changes, but for the follow-through of its improvement actions
     * (a CLOSED escalation stays CLOSED and changes only its actions' statuses).
     */
    private Optional<String> invariants(
            Map<EscalationId, Stored> before, Map<EscalationId, Stored> after, @Nullable Action action) {
        Map<CaseId, Integer> open = new HashMap<>();
        for (Stored r : after.values()) {
            if (r.state().isOpen() && open.merge(r.escalation().caseId(), 1, Integer::sum) > 1) {
                return Optional.of(
                        "two open escalations for case " + r.escalation().caseId());
            }
            EscalationFacts expected = FactsModel.derive(r.escalation(), r.log());
            if (!expected.equals(r.escalation().facts())) {
                return Optional.of("the facts of " + r.escalation().id() + " are "
                        + r.escalation().facts() + ", its log gives " + expected);
            }
        }
        for (Map.Entry<EscalationId, Stored> e : before.entrySet()) {
            Stored old = e.getValue();
            Stored now = after.get(e.getKey());
            if (now == null) {
                return Optional.of("escalation " + e.getKey() + " disappeared");
            }
            if (now.log().size() < old.log().size()
                    || !now.log().subList(0, old.log().size()).equals(old.log())) {
                return Optional.of("the progress log of " + e.getKey() + " did not only grow");
            }
            if (!old.state().isOpen()
                    && !now.equals(old)
                    && !(action == Action.UPDATE_IMPROVEMENT_ACTION && onlyActionsChanged(old, now))) {
                return Optional.of(old.state() + " escalation " + e.getKey() + " changed");
            }
        }
        return Optional.empty();
    }

    private static boolean onlyActionsChanged(Stored old, Stored now) {
        StoredEscalation a = old.escalation();
        StoredEscalation b = now.escalation();
        return a.state() == CLOSED
                && b.state() == CLOSED
                && a.lessonsLearned()
                        .map(l -> l.actions().size())
                        .equals(b.lessonsLearned().map(l -> l.actions().size()))
                && a.lessonsLearned()
                        .map(l -> l.findings())
                        .equals(b.lessonsLearned().map(l -> l.findings()))
                && a.participants().equals(b.participants())
                && a.plan().equals(b.plan())
                && a.resolution().equals(b.resolution());
    }

    private Map<EscalationId, Stored> snapshot() {
        Map<EscalationId, Stored> all = new HashMap<>();
        for (String customer : List.of("acme", "globex")) {
            PageRequest page = PageRequest.first(50);
            while (true) {
                Page<EscalationSummary> p = w.memoryStore.listForCustomer(CustomerId.of(customer), page);
                for (EscalationSummary s : p.items()) {
                    all.put(s.id(), new Stored(w.stored(s.id()), w.log(s.id())));
                }
                if (p.next().isEmpty()) {
                    break;
                }
                page = PageRequest.after(p.next().get(), 50);
            }
        }
        return all;
    }

    private static Actor rightActor(Action action, Optional<Stored> r) {
        Actor manager = r.flatMap(x -> x.escalation().manager())
                .map(m -> Actor.staff(m.value()))
                .orElse(World.EVE);
        boolean vendorProposed = r.flatMap(x -> x.escalation().proposal())
                .filter(x -> x.proposedBy().kind() == ActorRef.Kind.STAFF)
                .isPresent();
        return switch (action) {
            case ESCALATE, REOPEN, DECLINE_LESSONS_LEARNED, WITHDRAW -> World.INA;
            case ACKNOWLEDGE, REASSIGN_MANAGER, MIGRATE_POLICY, RECORD_CALENDAR_CHANGE, ESCALATE_ON_BEHALF -> World.SAM;
            case PROPOSE_PLAN, CONFIRM_PLAN -> vendorProposed ? World.INA : manager; // counter-propose or confirm
            default -> manager;
        };
    }

    /** The Incident Manager a hotline call names for a case (now and then a contact who is none, to be refused). */
    private static String incidentManagerFor(CaseId caseId, int choice) {
        if (choice % 7 == 0) {
            return "tom";
        }
        return caseId.equals(World.G1) ? "gil" : choice % 2 == 0 ? "ina" : "ivy";
    }

    /** Applies the action to {@code id}; returns whether it was applied to it (a calendar change may skip it). */
    private boolean apply(Action action, Actor actor, EscalationId id, Stored stored, int choice) {
        var e = w.engine;
        var now = w.clock.instant();
        StaffId other = stored.escalation()
                .manager()
                .map(m -> m.value().equals("eve") ? StaffId.of("max") : StaffId.of("eve"))
                .orElse(StaffId.of("eve"));
        switch (action) {
            case ACKNOWLEDGE ->
                e.acknowledge(actor, new Acknowledge(id, StaffId.of(choice % 2 == 0 ? "eve" : "max"), "called"));
            case REASSIGN_MANAGER -> e.reassignManager(actor, new ReassignManager(id, other, "handover"));
            case AGREE_PLAN ->
                e.agreePlan(
                        actor,
                        new AgreePlan(
                                id,
                                Duration.ofHours(1 + Math.floorMod(choice, 48)),
                                Channel.PHONE,
                                now.plus(Duration.ofHours(1))));
            case AMEND_PLAN ->
                e.amendPlan(
                        actor,
                        new AmendPlan(id, Duration.ofHours(2), Channel.EMAIL, now.plus(Duration.ofHours(2)), "faster"));
            case LOG_PROGRESS ->
                e.logProgress(
                        actor,
                        new LogProgress(
                                id,
                                LogProgress.Kind.values()[Math.floorMod(choice, LogProgress.Kind.values().length)],
                                "entry " + choice,
                                choice % 3 == 0 ? Visibility.INTERNAL : Visibility.CUSTOMER));
            case ADD_PARTICIPANT ->
                e.addParticipant(
                        actor, choice % 2 == 0 ? AddParticipant.staff(id, "dan") : AddParticipant.contact(id, "tom"));
            case REMOVE_PARTICIPANT ->
                e.removeParticipant(actor, new RemoveParticipant(id, choice % 2 == 0 ? "dan" : "tom", "not needed"));
            case CHANGE_CRITICALITY ->
                e.changeCriticality(
                        actor,
                        new ChangeCriticality(
                                id,
                                Criticality.values()[Math.floorMod(choice, Criticality.values().length)],
                                "because"));
            case PAUSE_CLOCK -> e.pauseClock(actor, new PauseClock(id, "waiting"));
            case RESUME_CLOCK -> e.resumeClock(actor, new ResumeClock(id, null));
            case RESOLVE -> e.resolve(actor, new Resolve(id, "fixed"));
            case REOPEN -> e.reopen(actor, new Reopen(id, "broken again"));
            case SCHEDULE_LESSONS_LEARNED ->
                e.scheduleLessonsLearned(
                        actor, new ScheduleLessonsLearned(id, now.plus(Duration.ofDays(1)), Duration.ofHours(1)));
            case RECORD_LESSONS_LEARNED ->
                e.recordLessonsLearned(
                        actor,
                        new RecordLessonsLearned(
                                id,
                                "learned",
                                choice % 2 == 0
                                        ? List.of()
                                        : List.of(
                                                new RecordLessonsLearned.Action(
                                                        "runbook", "dan", now.plus(Duration.ofDays(3))),
                                                new RecordLessonsLearned.Action("training", "tom"))));
            case CANCEL_LESSONS_LEARNED ->
                e.operations().cancelLessonsLearned(actor, new CancelLessonsLearned(id, "nobody can attend"));
            case UPDATE_IMPROVEMENT_ACTION ->
                e.operations()
                        .updateImprovementAction(
                                actor,
                                new UpdateImprovementAction(
                                        id,
                                        Math.floorMod(choice, 2),
                                        ImprovementAction.Status.values()[
                                                Math.floorMod(choice, ImprovementAction.Status.values().length)],
                                        null));
            case DECLINE_LESSONS_LEARNED -> e.declineLessonsLearned(actor, new DeclineLessonsLearned(id, null));
            case CLOSE -> e.close(actor, new Close(id, null));
            case WITHDRAW -> e.withdraw(actor, new Withdraw(id, "no longer needed"));
            case MIGRATE_POLICY -> // the model's world registers no policy: refused UNKNOWN_POLICY past the row's
                // checks
                e.operations().migratePolicy(actor, id, (choice % 2 == 0 ? SlaFixtures.V1 : SlaFixtures.V2).ref());
            case RECORD_CALENDAR_CHANGE -> {
                return e.operations()
                        .recordCalendarChange(actor, "calendar " + choice)
                        .contains(id);
            }
            case PROPOSE_PLAN ->
                e.proposePlan(
                        actor,
                        new ProposePlan(
                                id,
                                Duration.ofHours(1 + Math.floorMod(choice, 48)),
                                Channel.VIDEO_CALL,
                                now.plus(Duration.ofHours(2)),
                                choice % 2 == 0 ? null : "how about this"));
            case CONFIRM_PLAN -> e.confirmPlan(actor, new ConfirmPlan(id));
            case RECORD_PLAN_ALONE -> e.recordPlanAlone(actor, new RecordPlanAlone(id));
            default -> throw new IllegalStateException("unexpected " + action);
        }
        return true;
    }

    /** The standard table with one deliberate bug: a closed escalation can be reopened. */
    static Lifecycle closedCanBeReopened() {
        return new Lifecycle.Builder()
                .from(Lifecycle.standard())
                .on(Action.REOPEN, CLOSED, ACTIVE)
                .build();
    }

    /** The standard table with another deliberate bug: resolving skips straight to closed. */
    static Lifecycle resolveCloses() {
        return new Lifecycle.Builder()
                .from(Lifecycle.standard())
                .on(Action.RESOLVE, ACTIVE, CLOSED)
                .build();
    }
}
