package dev.escalation.test;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.Close;
import dev.escalation.command.DeclineLessonsLearned;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ReassignManager;
import dev.escalation.command.RecordLessonsLearned;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.Reopen;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.Withdraw;
import dev.escalation.model.CaseId;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.Party;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.time.Duration;
import java.util.List;

/**
 * The steps one actor takes in a {@link Scenario}, each acting on the scenario's current escalation (the one last
 * escalated). Every method returns a {@link Scenario.Step} for {@link Scenario#when}.
 */
public final class Steps {
    private final Actor actor;

    Steps(Actor actor) {
        this.actor = actor;
    }

    /**
     * Presses "Escalate Case" (HIGH, software error, a short message; refine with the returned step).
     *
     * @param caseId the case
     * @return the step, with {@code critical()}, {@code because(...)} and {@code saying(...)}
     */
    public Escalates escalates(String caseId) {
        return new Escalates(actor, CaseId.of(caseId), Criticality.HIGH, Cause.SOFTWARE_ERROR, "It is broken", null);
    }

    /**
     * Support Management appoints an Escalation Manager.
     *
     * @param manager the staff id to appoint
     * @return the step
     */
    public Scenario.Step appoints(String manager) {
        return (e, s) -> e.acknowledge(actor, new Acknowledge(s.current(), StaffId.of(manager), "Called the customer"));
    }

    /**
     * Records the communication plan; the first meeting one period from now.
     *
     * @param frequency how often
     * @param channel   over which channel
     * @return the step
     */
    public Scenario.Step agreesPlan(Duration frequency, Channel channel) {
        return (e, s) -> e.agreePlan(
                actor, new AgreePlan(s.current(), frequency, channel, s.now().plus(frequency)));
    }

    /**
     * Amends the communication plan; the next meeting one period from now.
     *
     * @param frequency how often from now on
     * @param channel   over which channel
     * @param reason    why
     * @return the step
     */
    public Scenario.Step amendsPlan(Duration frequency, Channel channel, String reason) {
        return (e, s) -> e.amendPlan(
                actor, new AmendPlan(s.current(), frequency, channel, s.now().plus(frequency), reason));
    }

    /**
     * Support Management replaces the Escalation Manager.
     *
     * @param manager the staff id of the new manager
     * @param reason  why
     * @return the step
     */
    public Scenario.Step reassigns(String manager, String reason) {
        return (e, s) -> e.reassignManager(actor, new ReassignManager(s.current(), StaffId.of(manager), reason));
    }

    /**
     * Changes the criticality.
     *
     * @param criticality   the new criticality
     * @param justification why
     * @return the step
     */
    public Scenario.Step changesCriticality(Criticality criticality, String justification) {
        return (e, s) -> e.changeCriticality(actor, new ChangeCriticality(s.current(), criticality, justification));
    }

    /**
     * Removes a participant.
     *
     * @param participantId the participant's id (contact or staff id, or an external party's e-mail address)
     * @param reason        why
     * @return the step
     */
    public Scenario.Step removesParticipant(String participantId, String reason) {
        return (e, s) -> e.removeParticipant(actor, new RemoveParticipant(s.current(), participantId, reason));
    }

    /**
     * Removes the participant of that kind and id (a contact and a staff member may share an id).
     *
     * @param kind          the participant's kind
     * @param participantId the participant's id (contact or staff id, or an external party's e-mail address)
     * @param reason        why
     * @return the step
     */
    public Scenario.Step removesParticipant(Party.Kind kind, String participantId, String reason) {
        return (e, s) -> e.removeParticipant(actor, new RemoveParticipant(s.current(), kind, participantId, reason));
    }

    /**
     * Logs a progress entry.
     *
     * @param kind       what kind
     * @param text       the text
     * @param visibility who may read it
     * @return the step
     */
    public Scenario.Step logs(LogProgress.Kind kind, String text, Visibility visibility) {
        return (e, s) -> e.logProgress(actor, new LogProgress(s.current(), kind, text, visibility));
    }

    /**
     * Adds a staff member as participant.
     *
     * @param staffId the staff id
     * @return the step
     */
    public Scenario.Step addsStaff(String staffId) {
        return (e, s) -> e.addParticipant(actor, AddParticipant.staff(s.current(), staffId));
    }

    /**
     * Adds a contact of the escalation's customer as participant.
     *
     * @param contactId the contact id
     * @return the step
     */
    public Scenario.Step addsContact(String contactId) {
        return (e, s) -> e.addParticipant(actor, AddParticipant.contact(s.current(), contactId));
    }

    /**
     * Pauses the SLA clock.
     *
     * @param reason why
     * @return the step
     */
    public Scenario.Step pausesClock(String reason) {
        return (e, s) -> e.pauseClock(actor, new PauseClock(s.current(), reason));
    }

    /**
     * Resumes the SLA clock.
     *
     * @return the step
     */
    public Scenario.Step resumesClock() {
        return (e, s) -> e.resumeClock(actor, new ResumeClock(s.current(), null));
    }

    /**
     * Resolves.
     *
     * @param summary how
     * @return the step
     */
    public Scenario.Step resolves(String summary) {
        return (e, s) -> e.resolve(actor, new Resolve(s.current(), summary));
    }

    /**
     * Reopens.
     *
     * @param reason why
     * @return the step
     */
    public Scenario.Step reopens(String reason) {
        return (e, s) -> e.reopen(actor, new Reopen(s.current(), reason));
    }

    /**
     * Schedules the lessons-learned session, one hour long.
     *
     * @param fromNow when, from now
     * @return the step
     */
    public Scenario.Step schedulesLessonsLearned(Duration fromNow) {
        return (e, s) -> e.scheduleLessonsLearned(
                actor, new ScheduleLessonsLearned(s.current(), s.now().plus(fromNow), Duration.ofHours(1)));
    }

    /**
     * Records the session's findings with one improvement action.
     *
     * @param findings what was learned
     * @return the step
     */
    public Scenario.Step recordsLessonsLearned(String findings) {
        return (e, s) -> e.recordLessonsLearned(
                actor,
                new RecordLessonsLearned(
                        s.current(),
                        findings,
                        List.of(new RecordLessonsLearned.Action("Follow up: " + findings, "Staff eve"))));
    }

    /**
     * Declines the session.
     *
     * @return the step
     */
    public Scenario.Step declinesLessonsLearned() {
        return (e, s) -> e.declineLessonsLearned(actor, new DeclineLessonsLearned(s.current(), null));
    }

    /**
     * Closes.
     *
     * @return the step
     */
    public Scenario.Step closes() {
        return (e, s) -> e.close(actor, new Close(s.current(), null));
    }

    /**
     * Withdraws.
     *
     * @param reason why
     * @return the step
     */
    public Scenario.Step withdraws(String reason) {
        return (e, s) -> e.withdraw(actor, new Withdraw(s.current(), reason));
    }

    /**
     * "Escalate Case", refined fluently.
     */
    public static final class Escalates implements Scenario.Step {
        private final Actor actor;
        private final CaseId caseId;
        private final Criticality criticality;
        private final Cause cause;
        private final String message;
        private final String submissionId;

        Escalates(
                Actor actor, CaseId caseId, Criticality criticality, Cause cause, String message, String submissionId) {
            this.actor = actor;
            this.caseId = caseId;
            this.criticality = criticality;
            this.cause = cause;
            this.message = message;
            this.submissionId = submissionId;
        }

        /**
         * As a critical escalation.
         *
         * @return the refined step
         */
        public Escalates critical() {
            return new Escalates(actor, caseId, Criticality.CRITICAL, cause, message, submissionId);
        }

        /**
         * With another criticality.
         *
         * @param value the criticality
         * @return the refined step
         */
        public Escalates criticality(Criticality value) {
            return new Escalates(actor, caseId, value, cause, message, submissionId);
        }

        /**
         * With a cause.
         *
         * @param value the cause
         * @return the refined step
         */
        public Escalates because(Cause value) {
            return new Escalates(actor, caseId, criticality, value, message, submissionId);
        }

        /**
         * With a message.
         *
         * @param value the message
         * @return the refined step
         */
        public Escalates saying(String value) {
            return new Escalates(actor, caseId, criticality, cause, value, submissionId);
        }

        /**
         * With a portal submission id.
         *
         * @param value the id
         * @return the refined step
         */
        public Escalates submission(String value) {
            return new Escalates(actor, caseId, criticality, cause, message, value);
        }

        @Override
        public void run(EscalationEngine engine, Scenario.ScenarioState state) {
            dev.escalation.EscalationReceipt receipt =
                    engine.escalate(actor, new EscalateCase(caseId, message, cause, criticality, submissionId));
            state.lastReceipt = java.util.Optional.of(receipt);
            state.current(receipt.escalation());
        }
    }
}
