package dev.escalation.benchmarks.peers;

import dev.escalation.benchmarks.BenchTime;
import dev.escalation.benchmarks.jdbc.Databases;
import dev.escalation.benchmarks.sdk.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flowable.engine.ProcessEngine;
import org.flowable.engine.ProcessEngineConfiguration;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.flowable.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.flowable.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.flowable.engine.runtime.ProcessInstance;
import org.flowable.task.api.Task;

/**
 * The same escalation workflow on Flowable 7 embedded with an in-memory H2 database: every user command is one
 * Flowable API call (its own transaction) preceded by the task query a host uses to check that the actor holds the
 * task (candidate group or assignee). Default history level (audit); no async executor.
 */
public final class FlowableEscalations implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    public static final String BPMN = "dev/escalation/benchmarks/peers/escalation.bpmn20.xml";

    public final ProcessEngine engine;
    private final RuntimeService runtime;
    private final TaskService tasks;

    public FlowableEscalations() {
        this(h2());
    }

    /** Flowable on a new in-memory H2 database: {@code jdbc:h2:mem:flowable-N;DB_CLOSE_DELAY=-1}, H2's regular mode. */
    private static ProcessEngineConfigurationImpl h2() {
        StandaloneInMemProcessEngineConfiguration cfg = new StandaloneInMemProcessEngineConfiguration();
        cfg.setJdbcUrl("jdbc:h2:mem:flowable-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return cfg;
    }

    /**
     * Flowable on PostgreSQL (ESCALATION_TEST_PG_URL), in the schema {@value Databases#FLOWABLE_SCHEMA} of that
     * database, dropped and re-created here; Flowable creates its tables with databaseSchemaUpdate=true. Server
     * settings as they are (fsync and synchronous_commit on by default). Flowable's own connection pool (MyBatis,
     * 10 connections by default). Then, as the SDK's fixture does, {@value Databases#PRIMED_LIFECYCLES} unmeasured
     * lifecycles and an {@code ANALYZE} of every table of the schema ({@link Databases#analyzePgSchema}).
     *
     * @return the engine
     */
    public static FlowableEscalations postgres() {
        Databases.resetPgSchema(Databases.FLOWABLE_SCHEMA);
        StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
        cfg.setJdbcUrl(Databases.pgUrl(Databases.FLOWABLE_SCHEMA));
        cfg.setJdbcDriver("org.postgresql.Driver");
        cfg.setJdbcUsername(Databases.pgUser());
        cfg.setJdbcPassword(Databases.pgPassword());
        cfg.setDatabaseSchema(Databases.FLOWABLE_SCHEMA);
        FlowableEscalations flowable = new FlowableEscalations(cfg);
        for (int i = 0; i < Databases.PRIMED_LIFECYCLES; i++) {
            flowable.full("C-primed-" + i, BenchTime.START);
        }
        Databases.analyzePgSchema(Databases.FLOWABLE_SCHEMA);
        return flowable;
    }

    private FlowableEscalations(ProcessEngineConfigurationImpl cfg) {
        cfg.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        cfg.setAsyncExecutorActivate(false);
        cfg.setDisableIdmEngine(true);
        cfg.setDisableEventRegistry(true);
        engine = cfg.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addClasspathResource(BPMN)
                .deploy();
        runtime = engine.getRuntimeService();
        tasks = engine.getTaskService();
    }

    /** Escalate: refuses a second open escalation of the case (business key), then starts the process. */
    public String escalate(String caseId) {
        return escalate(caseId, Texts.MESSAGE);
    }

    private String escalate(String caseId, String message) {
        if (runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey(caseId)
                        .count()
                > 0) {
            throw new IllegalStateException("case " + caseId + " has an open escalation");
        }
        Map<String, Object> vars = new HashMap<>();
        vars.put("caseId", caseId);
        vars.put("message", message);
        vars.put("cause", "SOFTWARE_ERROR");
        vars.put("criticality", "CRITICAL");
        vars.put("raisedBy", "ina");
        ProcessInstance pi = runtime.startProcessInstanceByKey("escalation", caseId, vars);
        return pi.getId();
    }

    private Task candidate(String pid, String group) {
        Task t = tasks.createTaskQuery()
                .processInstanceId(pid)
                .taskCandidateGroup(group)
                .singleResult();
        if (t == null) {
            throw new IllegalStateException("no task of " + group + " in " + pid);
        }
        return t;
    }

    private Task assigned(String pid, String taskKey, String user) {
        Task t = tasks.createTaskQuery()
                .processInstanceId(pid)
                .taskDefinitionKey(taskKey)
                .taskAssignee(user)
                .singleResult();
        if (t == null) {
            throw new IllegalStateException("no task " + taskKey + " of " + user + " in " + pid);
        }
        return t;
    }

    /** Escalate, appoint Eve, agree the plan, add 2 participants, log 2 progress entries. */
    public String midLife(String caseId, Instant now) {
        return midLife(caseId, now, Texts.MESSAGE, Texts.PROGRESS, Texts.PROGRESS);
    }

    /** {@link #midLife(String, Instant)} with the texts given (the heap harness gives each escalation its own). */
    public String midLife(String caseId, Instant now, String message, String progress1, String progress2) {
        String pid = escalate(caseId, message);
        Task ack = candidate(pid, "supportManagement");
        tasks.claim(ack.getId(), "sam");
        tasks.complete(
                ack.getId(), Map.of("manager", "eve", "acknowledgeNote", "Called Ina; Eve owns the escalation."));
        Task plan = assigned(pid, "agreePlan", "eve");
        tasks.complete(
                plan.getId(),
                Map.of(
                        "frequency",
                        Duration.ofDays(1).toString(),
                        "channel",
                        "VIDEO_CALL",
                        "firstMeetingAt",
                        now.plus(Duration.ofDays(7)).toString()));
        assigned(pid, "active", "eve");
        runtime.addParticipantUser(pid, "dan");
        assigned(pid, "active", "eve");
        runtime.addParticipantUser(pid, "tom");
        progress(pid, "STATUS_UPDATE", progress1);
        progress(pid, "NOTE", progress2);
        return pid;
    }

    private void progress(String pid, String kind) {
        progress(pid, kind, Texts.PROGRESS);
    }

    private void progress(String pid, String kind, String text) {
        Task active = assigned(pid, "active", "eve");
        tasks.addComment(active.getId(), pid, kind, text);
    }

    /** The full lifecycle: 14 commands, the same as the SDK's. */
    public void full(String caseId, Instant now) {
        String pid = midLife(caseId, now);
        progress(pid, "MEETING_HELD");
        progress(pid, "DECISION");
        progress(pid, "STATUS_UPDATE");
        tasks.complete(
                assigned(pid, "active", "eve").getId(),
                Map.of("resolution", "Patch 7.1.3 streams rows; the nightly load ran in 42 minutes."));
        tasks.complete(
                assigned(pid, "scheduleLessonsLearned", "eve").getId(),
                Map.of("lessonsLearnedAt", now.plus(Duration.ofDays(7)).toString()));
        tasks.complete(
                assigned(pid, "recordLessonsLearned", "eve").getId(),
                Map.of(
                        "findings",
                        "Memory limits of the loader were not tested with production volumes.",
                        "actions",
                        "Add a production-size load test; Alert on loader heap above 80 %"));
        tasks.complete(assigned(pid, "close", "eve").getId(), Map.of("closeNote", "Thank you, ACME."));
        if (runtime.createProcessInstanceQuery().processInstanceId(pid).count() != 0) {
            throw new IllegalStateException("process " + pid + " did not end");
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
