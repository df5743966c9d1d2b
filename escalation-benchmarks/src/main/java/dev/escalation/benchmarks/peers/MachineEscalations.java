package dev.escalation.benchmarks.peers;

import dev.escalation.benchmarks.sdk.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.statemachine.action.Action;
import org.springframework.statemachine.config.EnableStateMachineFactory;
import org.springframework.statemachine.config.EnumStateMachineConfigurerAdapter;
import org.springframework.statemachine.config.StateMachineFactory;
import org.springframework.statemachine.config.builders.StateMachineConfigurationConfigurer;
import org.springframework.statemachine.config.builders.StateMachineStateConfigurer;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.guard.Guard;
import reactor.core.publisher.Mono;

/**
 * The same escalation workflow on Spring Statemachine 4: one machine per escalation from a
 * {@link StateMachineFactory} in a Spring context, the lifecycle states and events as enums, guards for the actor
 * (Support Management, the appointed manager), actions that keep manager, plan, participants and the progress log in
 * the machine's extended state. Open machines are kept in a map by escalation id, with one open escalation per case.
 */
public final class MachineEscalations implements AutoCloseable {

    public enum S {
        REQUESTED,
        ACKNOWLEDGED,
        ACTIVE,
        RESOLVED,
        LESSONS_LEARNED,
        CLOSED
    }

    public enum E {
        ACKNOWLEDGE,
        AGREE_PLAN,
        ADD_PARTICIPANT,
        LOG_PROGRESS,
        RESOLVE,
        SCHEDULE_LESSONS_LEARNED,
        RECORD_LESSONS_LEARNED,
        CLOSE
    }

    static final String ACTOR = "actor";
    static final String VALUE = "value";

    private final AnnotationConfigApplicationContext context;
    private final StateMachineFactory<S, E> factory;
    private final Map<String, StateMachine<S, E>> open = new ConcurrentHashMap<>();
    private final Map<String, String> openCases = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @SuppressWarnings("unchecked")
    public MachineEscalations() {
        context = new AnnotationConfigApplicationContext(Config.class);
        factory = context.getBean(StateMachineFactory.class);
    }

    /** Escalate: one open escalation per case; a new machine from the factory, started, with the facts. */
    public String escalate(String caseId) {
        return escalate(caseId, Texts.MESSAGE);
    }

    private String escalate(String caseId, String message) {
        String id = "E-" + ids.incrementAndGet();
        if (openCases.putIfAbsent(caseId, id) != null) {
            throw new IllegalStateException("case " + caseId + " has an open escalation");
        }
        StateMachine<S, E> sm = factory.getStateMachine(id);
        Map<Object, Object> vars = sm.getExtendedState().getVariables();
        vars.put("caseId", caseId);
        vars.put("message", message);
        vars.put("cause", "SOFTWARE_ERROR");
        vars.put("criticality", "CRITICAL");
        vars.put("raisedBy", "ina");
        List<String> progress = new ArrayList<>();
        progress.add("ESCALATED: " + message);
        vars.put("progress", progress);
        vars.put("participants", new ArrayList<String>(4));
        sm.startReactively().block();
        open.put(id, sm);
        return id;
    }

    /** Sends one event as an actor; fails unless the machine accepted it. */
    public void send(String id, E event, String actor, Object value) {
        StateMachine<S, E> sm = open.get(id);
        if (sm == null) {
            throw new IllegalStateException("no open escalation " + id);
        }
        MessageBuilder<E> b = MessageBuilder.withPayload(event).setHeader(ACTOR, actor);
        if (value != null) {
            b.setHeader(VALUE, value);
        }
        Message<E> m = b.build();
        StateMachineEventResult<S, E> r = sm.sendEvent(Mono.just(m)).blockLast();
        if (r == null || r.getResultType() != StateMachineEventResult.ResultType.ACCEPTED) {
            throw new IllegalStateException(
                    event + " by " + actor + " not accepted in " + sm.getState().getId());
        }
    }

    /** Escalate, appoint Eve, agree the plan, add 2 participants, log 2 progress entries. */
    public String midLife(String caseId, Instant now) {
        return midLife(caseId, now, Texts.MESSAGE, Texts.PROGRESS, Texts.PROGRESS);
    }

    /** {@link #midLife(String, Instant)} with the texts given (the heap harness gives each escalation its own). */
    public String midLife(String caseId, Instant now, String message, String progress1, String progress2) {
        String id = escalate(caseId, message);
        send(id, E.ACKNOWLEDGE, "sam", "eve");
        send(id, E.AGREE_PLAN, "eve", "P1D VIDEO_CALL " + now.plus(Duration.ofDays(7)));
        send(id, E.ADD_PARTICIPANT, "eve", "dan");
        send(id, E.ADD_PARTICIPANT, "eve", "tom");
        send(id, E.LOG_PROGRESS, "eve", progress1);
        send(id, E.LOG_PROGRESS, "eve", progress2);
        return id;
    }

    /** The full lifecycle: 14 commands, the same as the SDK's; the closed machine is stopped and dropped. */
    public void full(String caseId, Instant now) {
        String id = midLife(caseId, now);
        send(id, E.LOG_PROGRESS, "eve", Texts.PROGRESS);
        send(id, E.LOG_PROGRESS, "eve", Texts.PROGRESS);
        send(id, E.LOG_PROGRESS, "eve", Texts.PROGRESS);
        send(id, E.RESOLVE, "eve", "Patch 7.1.3 streams rows; the nightly load ran in 42 minutes.");
        send(id, E.SCHEDULE_LESSONS_LEARNED, "eve", now.plus(Duration.ofDays(7)).toString());
        send(id, E.RECORD_LESSONS_LEARNED, "eve", "Memory limits of the loader were not tested.");
        send(id, E.CLOSE, "eve", "Thank you, ACME.");
        StateMachine<S, E> sm = open.remove(id);
        if (sm.getState().getId() != S.CLOSED) {
            throw new IllegalStateException("machine ended in " + sm.getState().getId());
        }
        sm.stopReactively().block();
        openCases.remove(caseId, id);
    }

    /** How many machines are open. */
    public int openCount() {
        return open.size();
    }

    @Override
    public void close() {
        context.close();
    }

    /** The machine definition. */
    @Configuration
    @EnableStateMachineFactory
    public static class Config extends EnumStateMachineConfigurerAdapter<S, E> {

        @Override
        public void configure(StateMachineConfigurationConfigurer<S, E> config) throws Exception {
            config.withConfiguration().autoStartup(false);
        }

        @Override
        public void configure(StateMachineStateConfigurer<S, E> states) throws Exception {
            states.withStates()
                    .initial(S.REQUESTED)
                    .states(EnumSet.allOf(S.class))
                    .end(S.CLOSED);
        }

        @Override
        public void configure(StateMachineTransitionConfigurer<S, E> t) throws Exception {
            t.withExternal()
                    .source(S.REQUESTED)
                    .target(S.ACKNOWLEDGED)
                    .event(E.ACKNOWLEDGE)
                    .guard(actorIs("sam"))
                    .action(appoint())
                    .and()
                    .withExternal()
                    .source(S.ACKNOWLEDGED)
                    .target(S.ACTIVE)
                    .event(E.AGREE_PLAN)
                    .guard(manager())
                    .action(record("plan", "PLAN_AGREED"))
                    .and()
                    .withInternal()
                    .source(S.ACTIVE)
                    .event(E.ADD_PARTICIPANT)
                    .guard(manager())
                    .action(addParticipant())
                    .and()
                    .withInternal()
                    .source(S.ACTIVE)
                    .event(E.LOG_PROGRESS)
                    .guard(manager())
                    .action(record(null, "PROGRESS"))
                    .and()
                    .withExternal()
                    .source(S.ACTIVE)
                    .target(S.RESOLVED)
                    .event(E.RESOLVE)
                    .guard(manager())
                    .action(record("resolution", "RESOLVED"))
                    .and()
                    .withExternal()
                    .source(S.RESOLVED)
                    .target(S.LESSONS_LEARNED)
                    .event(E.SCHEDULE_LESSONS_LEARNED)
                    .guard(manager())
                    .action(record("session", "LL_SCHEDULED"))
                    .and()
                    .withInternal()
                    .source(S.LESSONS_LEARNED)
                    .event(E.RECORD_LESSONS_LEARNED)
                    .guard(manager())
                    .action(record("findings", "LL_HELD"))
                    .and()
                    .withExternal()
                    .source(S.LESSONS_LEARNED)
                    .target(S.CLOSED)
                    .event(E.CLOSE)
                    .guard(manager())
                    .action(record(null, "CLOSED"));
        }

        static Guard<S, E> actorIs(String who) {
            return ctx -> who.equals(ctx.getMessageHeader(ACTOR));
        }

        static Guard<S, E> manager() {
            return ctx -> {
                Object m = ctx.getExtendedState().getVariables().get("manager");
                return m != null && m.equals(ctx.getMessageHeader(ACTOR));
            };
        }

        @SuppressWarnings("unchecked")
        static List<String> list(StateContext<S, E> ctx, String name) {
            return (List<String>) ctx.getExtendedState().getVariables().get(name);
        }

        static Action<S, E> appoint() {
            return ctx -> {
                String manager = (String) ctx.getMessageHeader(VALUE);
                ctx.getExtendedState().getVariables().put("manager", manager);
                List<String> participants = list(ctx, "participants");
                participants.add("ina");
                participants.add(manager);
                list(ctx, "progress").add("ACKNOWLEDGED: " + manager);
            };
        }

        static Action<S, E> addParticipant() {
            return ctx -> {
                String who = (String) ctx.getMessageHeader(VALUE);
                List<String> participants = list(ctx, "participants");
                if (!participants.contains(who)) {
                    participants.add(who);
                }
                list(ctx, "progress").add("PARTICIPANT_ADDED: " + who);
            };
        }

        static Action<S, E> record(String variable, String kind) {
            return ctx -> {
                Object value = ctx.getMessageHeader(VALUE);
                if (variable != null) {
                    ctx.getExtendedState().getVariables().put(variable, value);
                }
                list(ctx, "progress").add(kind + ": " + value);
            };
        }
    }
}
