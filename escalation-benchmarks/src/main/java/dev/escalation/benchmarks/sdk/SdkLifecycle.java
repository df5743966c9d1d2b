package dev.escalation.benchmarks.sdk;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.EscalationView;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.Close;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.Resolve;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * One escalation through the engine's public API, as the portal and the back office would drive it. Every command
 * goes through validation, authorisation, the lifecycle table, the progress log and the outbox.
 */
public final class SdkLifecycle {
    public static final Actor INA = Actor.contact("ina");
    public static final Actor SAM = Actor.staff("sam");
    public static final Actor EVE = Actor.staff("eve");
    private static final StaffId EVE_ID = StaffId.of("eve");
    private static final List<RecordLessonsLearned.Action> ACTIONS = List.of(
            new RecordLessonsLearned.Action("Add a production-size load test", "Dan Developer"),
            new RecordLessonsLearned.Action("Alert on loader heap above 80 %", "Tom Technical"));

    /** User commands in {@link #full}: escalate, acknowledge, plan, 2 participants, 5 progress, resolve, schedule,
     * record, close. */
    public static final int COMMANDS = 14;

    private SdkLifecycle() {}

    /** The "Escalate Case" button for a case with no open escalation. */
    public static EscalationReceipt escalate(EscalationEngine engine, String caseId, String submission) {
        return escalate(engine, caseId, submission, Texts.MESSAGE);
    }

    static EscalationReceipt escalate(EscalationEngine engine, String caseId, String submission, String message) {
        return engine.escalate(
                INA,
                new EscalateCase(CaseId.of(caseId), message, Cause.SOFTWARE_ERROR, Criticality.CRITICAL, submission));
    }

    /**
     * How far ahead of the clock the plan's first meeting and the lessons-learned session are set: a year, within the
     * engine's two-year horizon. The 2-thread benchmarks share one ticking clock (5 minutes per read by either thread),
     * and a thread descheduled between reading the clock and the engine's validation while the other thread reads it
     * got "must not be in the past": a week ahead (~2,000 reads, some 15 ms of lifecycles) failed on a loaded machine,
     * and 30 days (~8,600 reads, ~30 ms at the 10,000 lifecycles/s and ~30 reads per lifecycle of a fast run) failed
     * the in-memory 2-thread trial of round 2x while a JIT compiler thread shared the two cores. A year needs ~105,000
     * reads (~0.35 s). Nothing of a lifecycle falls due that far ahead either way (it spans hours of business time).
     */
    static final Duration AHEAD = Duration.ofDays(365);

    /**
     * Escalates and brings the escalation to mid-life: appointed, plan agreed, 2 participants, 2 progress entries.
     *
     * @return the escalation
     */
    public static EscalationId midLife(EscalationEngine engine, Clock clock, String caseId, String submission) {
        return midLife(engine, clock, caseId, submission, Texts.MESSAGE, Texts.PROGRESS, Texts.PROGRESS);
    }

    /**
     * {@link #midLife(EscalationEngine, Clock, String, String)} with the texts given (the heap harness gives each
     * escalation its own).
     */
    public static EscalationId midLife(
            EscalationEngine engine,
            Clock clock,
            String caseId,
            String submission,
            String message,
            String progress1,
            String progress2) {
        EscalationReceipt receipt = escalate(engine, caseId, submission, message);
        if (!receipt.created()) {
            throw new IllegalStateException("case " + caseId + " already had an open escalation");
        }
        EscalationId id = receipt.escalation();
        toMidLife(engine, clock, id, progress1, progress2);
        return id;
    }

    /**
     * Brings an escalated escalation to mid-life: appointed, plan agreed, 2 participants, 2 progress entries (6
     * commands, 6 entries).
     */
    public static void toMidLife(
            EscalationEngine engine, Clock clock, EscalationId id, String progress1, String progress2) {
        engine.acknowledge(SAM, new Acknowledge(id, EVE_ID, "Called Ina; Eve owns the escalation."));
        engine.agreePlan(
                EVE,
                new AgreePlan(
                        id,
                        Duration.ofDays(1),
                        Channel.VIDEO_CALL,
                        clock.instant().plus(AHEAD)));
        engine.addParticipant(EVE, AddParticipant.staff(id, "dan"));
        engine.addParticipant(EVE, AddParticipant.contact(id, "tom"));
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, progress1, Visibility.CUSTOMER));
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, progress2, Visibility.INTERNAL));
    }

    /**
     * The full lifecycle ({@value #COMMANDS} commands) and one drain of the outbox to the adapters.
     *
     * @return the closed escalation as Eve sees it
     */
    public static EscalationView full(EscalationEngine engine, Clock clock, String caseId, String submission) {
        EscalationView closed = commands(engine, clock, caseId, submission);
        engine.deliverPending();
        return closed;
    }

    /**
     * The {@value #COMMANDS} user commands of {@link #full} without the outbox drain (the JDBC benchmarks count the
     * commands' transactions and the dispatcher's separately, then drain).
     *
     * @return the closed escalation as Eve sees it
     */
    public static EscalationView commands(EscalationEngine engine, Clock clock, String caseId, String submission) {
        EscalationId id = midLife(engine, clock, caseId, submission);
        engine.logProgress(
                EVE, new LogProgress(id, LogProgress.Kind.MEETING_HELD, Texts.PROGRESS, Visibility.CUSTOMER));
        engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.DECISION, Texts.PROGRESS, Visibility.CUSTOMER));
        engine.logProgress(
                EVE, new LogProgress(id, LogProgress.Kind.STATUS_UPDATE, Texts.PROGRESS, Visibility.CUSTOMER));
        engine.resolve(EVE, new Resolve(id, "Patch 7.1.3 streams rows; the nightly load ran in 42 minutes."));
        engine.scheduleLessonsLearned(
                EVE, new ScheduleLessonsLearned(id, clock.instant().plus(AHEAD), Duration.ofHours(1)));
        engine.recordLessonsLearned(
                EVE,
                new RecordLessonsLearned(
                        id, "Memory limits of the loader were not tested with production volumes.", ACTIONS));
        EscalationView closed = engine.close(EVE, new Close(id, "Thank you, ACME."));
        if (closed.state() != EscalationState.CLOSED) {
            throw new IllegalStateException("lifecycle ended in " + closed.state());
        }
        return closed;
    }
}
