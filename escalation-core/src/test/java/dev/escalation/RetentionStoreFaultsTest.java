package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.EscalationStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A retention facet that misreports its counts. A retention run purges batch after batch until one comes back short,
 * so its end is the store's answer: a count above the batch or below zero is a store fault that ends the run as
 * {@code UNAVAILABLE}, and a store that answers a full batch every time (deleting nothing) stops the run after
 * {@link RetentionBatches#MAX_BATCHES} batches instead of keeping the caller, or the background worker, for ever.
 */
class RetentionStoreFaultsTest {

    private final InMemoryEscalationStore memory = new InMemoryEscalationStore();
    private final AtomicInteger finalCalls = new AtomicInteger();
    /** What the facet answers for {@code purgeFinalBefore}, from the batch size asked for; null: the store's count. */
    private volatile IntUnaryOperator finalAnswer;

    private final World w = new World(b -> {}, misreporting());

    private EscalationStore misreporting() {
        DataRetention retention = memory.retention().orElseThrow();
        DataRetention lying = (DataRetention) Proxy.newProxyInstance(
                DataRetention.class.getClassLoader(), new Class<?>[] {DataRetention.class}, (p, m, args) -> {
                    IntUnaryOperator answer = finalAnswer;
                    if (m.getName().equals("purgeFinalBefore")) {
                        finalCalls.incrementAndGet();
                        if (answer != null) {
                            return answer.applyAsInt((Integer) args[1]);
                        }
                    }
                    return invoke(retention, m, args);
                });
        return (EscalationStore) Proxy.newProxyInstance(
                EscalationStore.class.getClassLoader(),
                new Class<?>[] {EscalationStore.class},
                (p, m, args) -> m.getName().equals("retention") && m.getParameterCount() == 0
                        ? Optional.of(lying)
                        : invoke(memory, m, args));
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private EscalationId withdrawnLongAgo() {
        EscalationId id = w.escalated();
        w.engine.withdraw(INA, new Withdraw(id, "solved it ourselves"));
        w.clock.advance(Duration.ofDays(400));
        return id;
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, Integer.MIN_VALUE, 6, Integer.MAX_VALUE})
    void anImpossibleCountEndsTheRunAsUnavailable(int answer) {
        EscalationId id = withdrawnLongAgo();
        finalAnswer = size -> answer;

        assertThatThrownBy(() -> w.engine
                        .operations()
                        .applyRetention(
                                SAM, RetentionPolicy.closedAfterMonths(12).inBatchesOf(5)))
                .isInstanceOfSatisfying(EscalationUnavailableException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNAVAILABLE");
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(finalCalls).as("the first impossible answer ends the run").hasValue(1);

        finalAnswer = null;
        RetentionReport report = w.engine
                .operations()
                .applyRetention(SAM, RetentionPolicy.closedAfterMonths(12).inBatchesOf(5));
        assertThat(report.escalations()).isOne();
        assertThat(memory.findForVendor(id)).isEmpty();
    }

    @Test
    void aStoreThatAlwaysAnswersAFullBatchStopsTheRunAfterTheMostBatches() {
        EscalationId id = withdrawnLongAgo();
        finalAnswer = size -> size; // claims a full batch, deletes nothing

        RetentionReport report = w.engine
                .operations()
                .applyRetention(SAM, RetentionPolicy.closedAfterMonths(12).inBatchesOf(3));

        assertThat(finalCalls).hasValue(RetentionBatches.MAX_BATCHES);
        assertThat(report.escalations()).isEqualTo(3L * RetentionBatches.MAX_BATCHES);
        assertThat(report.batches())
                .as("the most batches of final escalations, then the delivered messages' one short batch")
                .isEqualTo(RetentionBatches.MAX_BATCHES + 1);
        assertThat(memory.findForVendor(id))
                .as("the lying store deleted nothing")
                .isPresent();
    }

    @Test
    void aScheduledRunStoppedAtTheMostBatchesLeavesTheRestToTheNextRun() {
        withdrawnLongAgo();
        finalAnswer = size -> size;
        w.engine.operations().scheduleRetention(SAM, RetentionPolicy.closedAfterMonths(12), Duration.ofDays(1));

        w.engine.operations().runScheduled();
        assertThat(finalCalls).hasValue(RetentionBatches.MAX_BATCHES);

        w.clock.advance(Duration.ofHours(1));
        w.engine.operations().runScheduled();
        assertThat(finalCalls).as("not due again before its interval").hasValue(RetentionBatches.MAX_BATCHES);

        w.clock.advance(Duration.ofDays(1));
        w.engine.operations().runScheduled();
        assertThat(finalCalls).hasValue(2 * RetentionBatches.MAX_BATCHES);
    }
}
