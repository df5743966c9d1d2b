package dev.escalation.micrometer;

import static java.util.Objects.requireNonNull;

import dev.escalation.Action;
import dev.escalation.EngineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's operational meters in a Micrometer {@link MeterRegistry}. Register an instance as a listener of the
 * engine: {@code EscalationEngine.builder().listener(new EscalationMeters(registry))}. Tag values are lower case.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@value #COMMANDS}</td><td>counter</td><td>{@code action}, {@code outcome}</td>
 *       <td>commands by action ({@code escalate}, {@code acknowledge} …) and outcome ({@code succeeded},
 *       {@code refused}, {@code failed})</td></tr>
 *   <tr><td>{@value #DELIVERY_LATENCY}</td><td>timer</td><td>{@code target}, {@code result}</td>
 *       <td>from queueing to the end of each delivery attempt ({@code notification}/{@code ticket};
 *       {@code delivered}/{@code retried}/{@code dead_lettered})</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>{@code target}</td><td>failed attempts retried later</td></tr>
 *   <tr><td>{@value #DEAD_LETTERS}</td><td>counter</td><td>{@code target}</td><td>side effects given up</td></tr>
 *   <tr><td>{@value #PENDING}</td><td>gauge</td><td></td><td>side effects pending after the last delivery run</td></tr>
 *   <tr><td>{@value #DEAD_LETTER_BACKLOG}</td><td>gauge</td><td></td>
 *       <td>dead letters after the last delivery run</td></tr>
 *   <tr><td>{@value #WORKER_FAILURES}</td><td>counter</td><td>{@code phase}</td>
 *       <td>background runs whose phase ({@code due_work}, {@code delivery}, {@code retention}) failed; while
 *       delivery fails, the gauges keep the values of the last run that completed</td></tr>
 * </table>
 *
 * <p>The gauges are 0 until the first {@code deliverPending()} of the engine (or of its background worker). Every
 * method is thread-safe and allocation-free once each tag combination was seen.
 */
public final class EscalationMeters implements EngineObserver {
    /** Counter of commands, tags {@code action} and {@code outcome}. */
    public static final String COMMANDS = "escalation.commands";
    /** Timer of delivery attempts, tags {@code target} and {@code result}. */
    public static final String DELIVERY_LATENCY = "escalation.delivery.latency";
    /** Counter of retried delivery attempts, tag {@code target}. */
    public static final String RETRIES = "escalation.delivery.retries";
    /** Counter of dead-lettered side effects, tag {@code target}. */
    public static final String DEAD_LETTERS = "escalation.delivery.dead.letters";
    /** Gauge of pending side effects. */
    public static final String PENDING = "escalation.outbox.pending";
    /** Gauge of dead-lettered side effects. */
    public static final String DEAD_LETTER_BACKLOG = "escalation.outbox.dead.letters";
    /** Counter of failed background runs, tag {@code phase}. */
    public static final String WORKER_FAILURES = "escalation.worker.failures";

    private final MeterRegistry registry;
    private final Tags common;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Map<Action, Map<CommandOutcome, Counter>> commands = new EnumMap<>(Action.class);
    private final Map<DeliveryTarget, Map<DeliveryResult, Timer>> latency = new EnumMap<>(DeliveryTarget.class);
    private final Map<DeliveryTarget, Counter> retries = new EnumMap<>(DeliveryTarget.class);
    private final Map<DeliveryTarget, Counter> dead = new EnumMap<>(DeliveryTarget.class);
    private final Map<WorkerPhase, Counter> workerFailures = new EnumMap<>(WorkerPhase.class);

    /**
     * Meters without common tags.
     *
     * @param registry where the meters go
     */
    public EscalationMeters(MeterRegistry registry) {
        this(registry, Tags.empty());
    }

    /**
     * Meters with common tags (such as the instance name) on every meter.
     *
     * @param registry where the meters go
     * @param common   tags added to every meter
     */
    public EscalationMeters(MeterRegistry registry, Iterable<Tag> common) {
        this.registry = requireNonNull(registry, "registry");
        this.common = Tags.of(requireNonNull(common, "common"));
        for (Action a : Action.values()) {
            Map<CommandOutcome, Counter> byOutcome = new EnumMap<>(CommandOutcome.class);
            for (CommandOutcome o : CommandOutcome.values()) {
                byOutcome.put(
                        o,
                        Counter.builder(COMMANDS)
                                .description("escalation commands by action and outcome")
                                .tags(this.common)
                                .tag("action", tag(a))
                                .tag("outcome", tag(o))
                                .register(registry));
            }
            commands.put(a, byOutcome);
        }
        for (DeliveryTarget t : DeliveryTarget.values()) {
            Map<DeliveryResult, Timer> byResult = new EnumMap<>(DeliveryResult.class);
            for (DeliveryResult r : DeliveryResult.values()) {
                byResult.put(
                        r,
                        Timer.builder(DELIVERY_LATENCY)
                                .description("from queueing to the end of a delivery attempt")
                                .tags(this.common)
                                .tag("target", tag(t))
                                .tag("result", tag(r))
                                .register(registry));
            }
            latency.put(t, byResult);
            retries.put(
                    t,
                    Counter.builder(RETRIES)
                            .description("delivery attempts that failed and are retried later")
                            .tags(this.common)
                            .tag("target", tag(t))
                            .register(registry));
            dead.put(
                    t,
                    Counter.builder(DEAD_LETTERS)
                            .description("side effects given up (dead-lettered)")
                            .tags(this.common)
                            .tag("target", tag(t))
                            .register(registry));
        }
        for (WorkerPhase p : WorkerPhase.values()) {
            workerFailures.put(
                    p,
                    Counter.builder(WORKER_FAILURES)
                            .description("background worker runs whose phase failed (the gauges keep their last value)")
                            .tags(this.common)
                            .tag("phase", tag(p))
                            .register(registry));
        }
        Gauge.builder(PENDING, pending, AtomicLong::get)
                .description("side effects pending after the last delivery run")
                .tags(this.common)
                .register(registry);
        Gauge.builder(DEAD_LETTER_BACKLOG, deadLetters, AtomicLong::get)
                .description("dead-lettered side effects after the last delivery run")
                .tags(this.common)
                .register(registry);
    }

    private static String tag(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The registry the meters are in.
     *
     * @return the registry
     */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void commandCompleted(Action action, CommandOutcome outcome) {
        commands.get(action).get(outcome).increment();
    }

    @Override
    public void deliveryAttempted(DeliveryTarget target, DeliveryResult result, Duration latency) {
        this.latency.get(target).get(result).record(latency);
        if (result == DeliveryResult.RETRIED) {
            retries.get(target).increment();
        } else if (result == DeliveryResult.DEAD_LETTERED) {
            dead.get(target).increment();
        }
    }

    /** Counts the failed phase; the failure's type is no tag (the host's exception types are not bounded). */
    @Override
    public void workerFailed(WorkerPhase phase, Class<? extends Throwable> failure) {
        workerFailures.get(phase).increment();
    }

    @Override
    public void backlog(long pending, long deadLetters) {
        this.pending.set(pending);
        this.deadLetters.set(deadLetters);
    }
}
