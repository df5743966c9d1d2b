package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.escalation.command.SafeText;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.command.UpdateImprovementAction;
import dev.escalation.command.Withdraw;
import dev.escalation.internal.validation.BidiModel;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Issue #17: the pre-check and Hibernate Validator accept and reject exactly the same commands. One property per
 * command type (and one for the nested improvement action), 1,000 tries each, over commands whose every component
 * is drawn from valid, boundary and hostile values ({@link CommandArbitraries}): nulls, empty and Unicode-blank
 * texts, lengths at each maximum and one either side, control characters, bidi overrides, lone and paired
 * surrogates, very long texts, bad e-mail addresses and submission ids, out-of-range indexes, lists of improvement
 * actions with null or hostile elements up to and past their maximum. Each property also requires that both valid
 * and invalid commands were drawn (at least 5 % each), so that neither side of the equivalence is vacuous, and, for a
 * command with free texts or names, that texts with bidirectional controls balanced as the rule wants (at least 3 %)
 * and texts with unbalanced ones (at least 1 %) were drawn.
 */
class PrecheckProperties {
    private static final CommandValidator VALIDATOR = CommandValidator.withDefaultFactory();

    private static void same(Object command) {
        boolean validator = VALIDATOR.validatorAccepts(command);
        boolean precheck = VALIDATOR.precheckAccepts(command);
        Statistics.label("validator").collect(validator ? "valid" : "invalid");
        Statistics.label("validator").coverage(c -> {
            c.check("valid").percentage(p -> p >= 5);
            c.check("invalid").percentage(p -> p >= 5);
        });
        List<String> texts = freeTexts(command);
        if (!texts.isEmpty()) { // the bidi rule: texts with balanced controls only, and with unbalanced ones, drawn
            boolean controls = texts.stream().anyMatch(t -> t.chars().anyMatch(ch -> BidiModel.isControl((char) ch)));
            boolean unbalanced = texts.stream().anyMatch(t -> !BidiModel.balanced(t));
            Statistics.label("bidi").collect(unbalanced ? "unbalanced" : controls ? "balanced" : "none");
            Statistics.label("bidi").coverage(c -> {
                c.check("balanced").percentage(p -> p >= 3);
                c.check("unbalanced").percentage(p -> p >= 1);
            });
        }
        assertThat(precheck)
                .as("pre-check vs validator for %s", CommandArbitraries.describe(command))
                .isEqualTo(validator);
    }

    /** The command's free texts and names ({@link SafeText} components), those present. */
    private static List<String> freeTexts(Object command) {
        List<String> texts = new ArrayList<>();
        for (RecordComponent c : command.getClass().getRecordComponents()) {
            try {
                if (command.getClass().getDeclaredField(c.getName()).isAnnotationPresent(SafeText.class)
                        && c.getAccessor().invoke(command) instanceof String s) {
                    texts.add(s);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }

    @Property(tries = 1000)
    void acknowledge(@ForAll("acknowledge") Acknowledge c) {
        same(c);
    }

    @Property(tries = 1000)
    void addParticipant(@ForAll("addParticipant") AddParticipant c) {
        same(c);
    }

    @Property(tries = 1000)
    void agreePlan(@ForAll("agreePlan") AgreePlan c) {
        same(c);
    }

    @Property(tries = 1000)
    void amendPlan(@ForAll("amendPlan") AmendPlan c) {
        same(c);
    }

    @Property(tries = 1000)
    void cancelLessonsLearned(@ForAll("cancelLessonsLearned") CancelLessonsLearned c) {
        same(c);
    }

    @Property(tries = 1000)
    void changeCriticality(@ForAll("changeCriticality") ChangeCriticality c) {
        same(c);
    }

    @Property(tries = 1000)
    void close(@ForAll("close") Close c) {
        same(c);
    }

    @Property(tries = 1000)
    void confirmPlan(@ForAll("confirmPlan") ConfirmPlan c) {
        same(c);
    }

    @Property(tries = 1000)
    void declineLessonsLearned(@ForAll("declineLessonsLearned") DeclineLessonsLearned c) {
        same(c);
    }

    @Property(tries = 1000)
    void escalateCase(@ForAll("escalateCase") EscalateCase c) {
        same(c);
    }

    @Property(tries = 1000)
    void escalateOnBehalf(@ForAll("escalateOnBehalf") EscalateOnBehalf c) {
        same(c);
    }

    @Property(tries = 1000)
    void logProgress(@ForAll("logProgress") LogProgress c) {
        same(c);
    }

    @Property(tries = 1000)
    void pauseClock(@ForAll("pauseClock") PauseClock c) {
        same(c);
    }

    @Property(tries = 1000)
    void proposePlan(@ForAll("proposePlan") ProposePlan c) {
        same(c);
    }

    @Property(tries = 1000)
    void reassignManager(@ForAll("reassignManager") ReassignManager c) {
        same(c);
    }

    @Property(tries = 1000)
    void recordLessonsLearned(@ForAll("recordLessonsLearned") RecordLessonsLearned c) {
        same(c);
    }

    @Property(tries = 1000)
    void improvementAction(@ForAll("improvementAction") RecordLessonsLearned.Action c) {
        same(c);
    }

    @Property(tries = 1000)
    void recordPlanAlone(@ForAll("recordPlanAlone") RecordPlanAlone c) {
        same(c);
    }

    @Property(tries = 1000)
    void removeParticipant(@ForAll("removeParticipant") RemoveParticipant c) {
        // the kind is optional: both a command naming one and one without must be drawn
        Statistics.label("participantKind").collect(c.participantKind() == null ? "none" : "given");
        Statistics.label("participantKind").coverage(k -> {
            k.check("none").percentage(p -> p >= 2);
            k.check("given").percentage(p -> p >= 50);
        });
        same(c);
    }

    @Property(tries = 1000)
    void reopen(@ForAll("reopen") Reopen c) {
        same(c);
    }

    @Property(tries = 1000)
    void resolve(@ForAll("resolve") Resolve c) {
        same(c);
    }

    @Property(tries = 1000)
    void resumeClock(@ForAll("resumeClock") ResumeClock c) {
        same(c);
    }

    @Property(tries = 1000)
    void scheduleLessonsLearned(@ForAll("scheduleLessonsLearned") ScheduleLessonsLearned c) {
        same(c);
    }

    @Property(tries = 1000)
    void updateImprovementAction(@ForAll("updateImprovementAction") UpdateImprovementAction c) {
        same(c);
    }

    @Property(tries = 1000)
    void withdraw(@ForAll("withdraw") Withdraw c) {
        same(c);
    }

    @Provide
    Arbitrary<Acknowledge> acknowledge() {
        return CommandArbitraries.of(Acknowledge.class);
    }

    @Provide
    Arbitrary<AddParticipant> addParticipant() {
        return CommandArbitraries.of(AddParticipant.class);
    }

    @Provide
    Arbitrary<AgreePlan> agreePlan() {
        return CommandArbitraries.of(AgreePlan.class);
    }

    @Provide
    Arbitrary<AmendPlan> amendPlan() {
        return CommandArbitraries.of(AmendPlan.class);
    }

    @Provide
    Arbitrary<CancelLessonsLearned> cancelLessonsLearned() {
        return CommandArbitraries.of(CancelLessonsLearned.class);
    }

    @Provide
    Arbitrary<ChangeCriticality> changeCriticality() {
        return CommandArbitraries.of(ChangeCriticality.class);
    }

    @Provide
    Arbitrary<Close> close() {
        return CommandArbitraries.of(Close.class);
    }

    @Provide
    Arbitrary<ConfirmPlan> confirmPlan() {
        return CommandArbitraries.of(ConfirmPlan.class);
    }

    @Provide
    Arbitrary<DeclineLessonsLearned> declineLessonsLearned() {
        return CommandArbitraries.of(DeclineLessonsLearned.class);
    }

    @Provide
    Arbitrary<EscalateCase> escalateCase() {
        return CommandArbitraries.of(EscalateCase.class);
    }

    @Provide
    Arbitrary<EscalateOnBehalf> escalateOnBehalf() {
        return CommandArbitraries.of(EscalateOnBehalf.class);
    }

    @Provide
    Arbitrary<LogProgress> logProgress() {
        return CommandArbitraries.of(LogProgress.class);
    }

    @Provide
    Arbitrary<PauseClock> pauseClock() {
        return CommandArbitraries.of(PauseClock.class);
    }

    @Provide
    Arbitrary<ProposePlan> proposePlan() {
        return CommandArbitraries.of(ProposePlan.class);
    }

    @Provide
    Arbitrary<ReassignManager> reassignManager() {
        return CommandArbitraries.of(ReassignManager.class);
    }

    @Provide
    Arbitrary<RecordLessonsLearned> recordLessonsLearned() {
        return CommandArbitraries.of(RecordLessonsLearned.class);
    }

    @Provide
    Arbitrary<RecordLessonsLearned.Action> improvementAction() {
        return CommandArbitraries.of(RecordLessonsLearned.Action.class);
    }

    @Provide
    Arbitrary<RecordPlanAlone> recordPlanAlone() {
        return CommandArbitraries.of(RecordPlanAlone.class);
    }

    @Provide
    Arbitrary<RemoveParticipant> removeParticipant() {
        return CommandArbitraries.of(RemoveParticipant.class);
    }

    @Provide
    Arbitrary<Reopen> reopen() {
        return CommandArbitraries.of(Reopen.class);
    }

    @Provide
    Arbitrary<Resolve> resolve() {
        return CommandArbitraries.of(Resolve.class);
    }

    @Provide
    Arbitrary<ResumeClock> resumeClock() {
        return CommandArbitraries.of(ResumeClock.class);
    }

    @Provide
    Arbitrary<ScheduleLessonsLearned> scheduleLessonsLearned() {
        return CommandArbitraries.of(ScheduleLessonsLearned.class);
    }

    @Provide
    Arbitrary<UpdateImprovementAction> updateImprovementAction() {
        return CommandArbitraries.of(UpdateImprovementAction.class);
    }

    @Provide
    Arbitrary<Withdraw> withdraw() {
        return CommandArbitraries.of(Withdraw.class);
    }
}
