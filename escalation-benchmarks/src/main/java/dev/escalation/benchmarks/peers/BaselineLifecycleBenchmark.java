package dev.escalation.benchmarks.peers;

import dev.escalation.benchmarks.BenchJvm;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The plain-Java baseline: an enum state, a HashMap of escalations per thread, the same 14 steps with a state check
 * and an actor check each, participants and progress texts in lists. No validation framework, no outbox, no side
 * effects: the floor of what the workflow costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 3, timeUnit = TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.PRE_TOUCH, BenchJvm.LOGGING})
public class BaselineLifecycleBenchmark {

    enum State {
        REQUESTED,
        ACKNOWLEDGED,
        ACTIVE,
        RESOLVED,
        LESSONS_LEARNED,
        CLOSED
    }

    static final class Escalation {
        final long id;
        final String caseId;
        final String raisedBy;
        final String message;
        State state = State.REQUESTED;
        String manager;
        Duration frequency;
        Instant firstMeeting;
        String resolution;
        Instant session;
        String findings;
        final List<String> participants = new ArrayList<>(4);
        final List<String> progress = new ArrayList<>(16);

        Escalation(long id, String caseId, String raisedBy, String message) {
            this.id = id;
            this.caseId = caseId;
            this.raisedBy = raisedBy;
            this.message = message;
        }
    }

    static final String MESSAGE = dev.escalation.benchmarks.sdk.Texts.MESSAGE;
    static final String PROGRESS = dev.escalation.benchmarks.sdk.Texts.PROGRESS;

    final Map<Long, Escalation> open = new HashMap<>();
    long next;
    Instant now = Instant.parse("2027-01-12T07:00:00Z");

    private Escalation step(long id, State expected, String actor, String allowed) {
        Escalation e = open.get(id);
        if (e == null || e.state != expected) {
            throw new IllegalStateException("escalation " + id + " is not " + expected);
        }
        if (!actor.equals(allowed)) {
            throw new SecurityException(actor + " may not change escalation " + id);
        }
        now = now.plusSeconds(300);
        return e;
    }

    long lifecycle() {
        long id = ++next;
        Escalation e = new Escalation(id, "C-1", "ina", MESSAGE);
        e.progress.add("escalated: " + MESSAGE);
        open.put(id, e);
        e = step(id, State.REQUESTED, "sam", "sam");
        e.manager = "eve";
        e.participants.add("ina");
        e.participants.add("eve");
        e.state = State.ACKNOWLEDGED;
        e.progress.add("acknowledged");
        e = step(id, State.ACKNOWLEDGED, "eve", e.manager);
        e.frequency = Duration.ofDays(1);
        e.firstMeeting = now.plus(Duration.ofDays(7));
        e.state = State.ACTIVE;
        e.progress.add("plan agreed");
        for (String p : new String[] {"dan", "tom"}) {
            e = step(id, State.ACTIVE, "eve", e.manager);
            if (!e.participants.contains(p)) {
                e.participants.add(p);
            }
            e.progress.add("participant added: " + p);
        }
        for (int i = 0; i < 5; i++) {
            e = step(id, State.ACTIVE, "eve", e.manager);
            e.progress.add(PROGRESS);
        }
        e = step(id, State.ACTIVE, "eve", e.manager);
        e.resolution = "Patch 7.1.3 streams rows";
        e.state = State.RESOLVED;
        e.progress.add("resolved");
        e = step(id, State.RESOLVED, "eve", e.manager);
        e.session = now.plus(Duration.ofDays(7));
        e.state = State.LESSONS_LEARNED;
        e.progress.add("lessons learned scheduled");
        e = step(id, State.LESSONS_LEARNED, "eve", e.manager);
        e.findings = "Memory limits were not tested";
        e.progress.add("lessons learned recorded");
        e = step(id, State.LESSONS_LEARNED, "eve", e.manager);
        e.state = State.CLOSED;
        e.progress.add("closed");
        open.remove(id);
        return e.progress.size() + e.participants.size();
    }

    @Benchmark
    @Threads(1)
    public long lifecycle_1t() {
        return lifecycle();
    }

    @Benchmark
    @Threads(2)
    public long lifecycle_2t() {
        return lifecycle();
    }
}
