package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.EscalationId;
import dev.escalation.spi.AuditAnchors;
import dev.escalation.spi.DataRetention;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.UnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Scheduled retention (run by the background worker) during a store outage: a run the outage failed is tried again
 * soon after, not a whole interval (typically a day) later, so an outage at the scheduled time does not keep personal
 * data a day longer than the policy allows.
 */
class ScheduledWorkOutageTest {

    private final InMemoryEscalationStore memory = new InMemoryEscalationStore();
    private final AtomicBoolean down = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    private final World w = new World(b -> {}, outageOf(memory, down, calls));

    /** {@code store}, whose retention facet fails with {@link UnavailableException} while {@code down} is set. */
    private static EscalationStore outageOf(
            EscalationStore store, AtomicBoolean down, java.util.concurrent.atomic.AtomicInteger calls) {
        DataRetention retention = store.retention().orElseThrow();
        DataRetention failing = (DataRetention) Proxy.newProxyInstance(
                DataRetention.class.getClassLoader(), new Class<?>[] {DataRetention.class}, (p, m, args) -> {
                    calls.incrementAndGet();
                    if (down.get()) {
                        throw new UnavailableException("the database is down", null);
                    }
                    return invoke(retention, m, args);
                });
        return (EscalationStore) Proxy.newProxyInstance(
                EscalationStore.class.getClassLoader(), new Class<?>[] {EscalationStore.class}, (p, m, args) -> {
                    if (m.getName().equals("retention") && m.getParameterCount() == 0) {
                        return Optional.of(failing);
                    }
                    return invoke(store, m, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void aScheduledRetentionRunTheOutageFailedIsTriedAgainSoonNotAnIntervalLater() {
        EscalationId withdrawn = w.escalated();
        w.engine.withdraw(INA, new Withdraw(withdrawn, "solved it ourselves"));
        w.clock.advance(Duration.ofDays(400));
        w.engine.operations().scheduleRetention(SAM, RetentionPolicy.closedAfterMonths(12), Duration.ofDays(1));

        down.set(true);
        assertThatThrownBy(() -> w.engine.operations().runScheduled())
                .isInstanceOf(EscalationUnavailableException.class);
        assertThat(memory.findForVendor(withdrawn)).isPresent();

        down.set(false);
        w.clock.advance(Duration.ofSeconds(30));
        w.engine.operations().runScheduled();
        assertThat(memory.findForVendor(withdrawn))
                .as("not yet: a minute between tries")
                .isPresent();

        w.clock.advance(Duration.ofSeconds(31));
        w.engine.operations().runScheduled();
        assertThat(memory.findForVendor(withdrawn))
                .as("purged by the next try after the outage, not a day later")
                .isEmpty();
    }

    @Test
    void aSuccessfulScheduledRunWaitsItsWholeInterval() {
        w.engine.operations().scheduleRetention(SAM, RetentionPolicy.closedAfterMonths(12), Duration.ofDays(1));
        w.engine.operations().runScheduled();
        int afterFirst = calls.get();
        assertThat(afterFirst).isPositive();

        w.clock.advance(Duration.ofMinutes(2));
        w.engine.operations().runScheduled();
        assertThat(calls.get())
                .as("not due again a minute after a run that succeeded")
                .isEqualTo(afterFirst);

        w.clock.advance(Duration.ofDays(1));
        w.engine.operations().runScheduled();
        assertThat(calls.get()).isGreaterThan(afterFirst);
    }

    @Test
    void aScheduledAnchoringRunTheOutageFailedIsTriedAgainSoonNotAnIntervalLater() {
        InMemoryAuditAnchors anchors = new InMemoryAuditAnchors();
        AtomicBoolean anchorsDown = new AtomicBoolean();
        AuditAnchors failing = (AuditAnchors) Proxy.newProxyInstance(
                AuditAnchors.class.getClassLoader(), new Class<?>[] {AuditAnchors.class}, (p, m, args) -> {
                    if (anchorsDown.get()) {
                        throw new UnavailableException("the database is down", null);
                    }
                    return invoke(anchors, m, args);
                });
        World a = new World(
                b -> b.auditTrail(new AuditSettings(new InMemorySubjectKeys(), failing, AuditTrailTest.KEYS)));
        EscalationId id = a.active();
        a.engine.operations().audit().scheduleAnchoring(SAM, Duration.ofDays(1));

        anchorsDown.set(true);
        assertThatThrownBy(() -> a.engine.operations().runScheduled())
                .isInstanceOf(EscalationUnavailableException.class);
        anchorsDown.set(false);
        a.clock.advance(Duration.ofSeconds(61));
        a.engine.operations().runScheduled();
        assertThat(anchors.latest(id))
                .as("anchored by the next try after the outage, not a day later")
                .isPresent();
    }
}
