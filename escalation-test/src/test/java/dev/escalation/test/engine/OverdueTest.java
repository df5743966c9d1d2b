package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.C2;
import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.GIL;
import static dev.escalation.test.engine.Cast.HAL;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.NotAuthorizedException;
import dev.escalation.UnsupportedQueryException;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.ResumeClock;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.DeadlineMark;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.Page;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.Capability;
import dev.escalation.spi.EscalationQueries;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StoreCapabilities;
import dev.escalation.test.Scenario;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #14 point 4, "overdue means overdue", through the public API: {@code operations().overdue} lists the
 * escalations with a breached deadline or a meeting of the agreed plan not held in time, most overdue first, whatever
 * the worker has processed; meeting the deadline or holding the meeting takes an escalation off; a paused SLA clock
 * does not run (its deadline counts only if it was breached before the pause) while the agreed meeting still counts;
 * staff only.
 */
class OverdueTest {
    private final Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));

    private EscalationId critical() {
        return w.engine()
                .escalate(INA, new EscalateCase(C2, "Database down", Cause.DATABASE_OUTAGE, Criticality.CRITICAL, null))
                .escalation();
    }

    @Test
    void theWorkerHavingProcessedEverythingDoesNotEmptyOverdue() {
        EscalationId active = Cast.active(w); // HIGH, acknowledged, first meeting in two hours
        EscalationId critical = critical(); // CRITICAL, first contact within one business hour
        assertThat(overdue(SAM)).isEmpty();

        w.after(Duration.ofHours(3));
        EscalationSummary c = summary(critical);
        EscalationSummary a = summary(active);
        assertThat(c.nextDeadline().map(DeadlineMark::kind)).contains(DueKind.FIRST_CONTACT);
        assertThat(c.overdueSince()).isEqualTo(c.nextDeadline().map(DeadlineMark::at));
        assertThat(a.overdueSince()).isEqualTo(a.nextMeetingAt());
        assertThat(c.overdueSince().get()).isBefore(a.overdueSince().get());
        assertThat(ids(overdue(SAM))).as("most overdue first").containsExactly(critical, active);
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 500)).isNotEmpty();

        w.engine().processDueWork();
        w.engine().deliverPending();

        assertThat(w.engine().operations().dueWorkBacklog(SAM, 500))
                .as("the worker's backlog is empty")
                .isEmpty();
        assertThat(ids(overdue(SAM))).as("the escalations are still overdue").containsExactly(critical, active);
        assertThat(overdue(SAM))
                .allSatisfy(s -> assertThat(s.overdueAt(w.clock().instant())).isTrue());
    }

    @Test
    void holdingTheMeetingOrMeetingTheDeadlineTakesAnEscalationOff() {
        EscalationId active = Cast.active(w);
        EscalationId critical = critical();
        w.after(Duration.ofHours(3));
        w.engine().processDueWork();
        assertThat(ids(overdue(SAM))).containsExactly(critical, active);

        w.engine().logProgress(EVE, new LogProgress(active, LogProgress.Kind.MEETING_HELD, "Met", Visibility.CUSTOMER));
        assertThat(ids(overdue(SAM))).as("the meeting was held").containsExactly(critical);
        assertThat(summary(active).nextMeetingAt()).contains(w.clock().instant().plus(Duration.ofDays(1)));

        w.engine().acknowledge(SAM, new Acknowledge(critical, StaffId.of("max"), "Called Ina"));
        assertThat(overdue(SAM))
                .as("first contact is met; resolution is not due yet")
                .isEmpty();

        w.clock().set(summary(active).nextMeetingAt().orElseThrow());
        assertThat(ids(overdue(SAM)))
                .as("the next meeting is overdue once its instant has come")
                .containsExactly(active);
    }

    @Test
    void aPausedClockDoesNotRunSoItsDeadlineIsNotOverdue() {
        EscalationId id = critical();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        Instant resolutionDue = summary(id).nextDeadline().orElseThrow().at();
        w.after(Duration.ofMinutes(30));
        w.engine().pauseClock(EVE, new PauseClock(id, "Waiting for the customer's logs"));

        w.clock().set(resolutionDue.plus(Duration.ofDays(3)));
        assertThat(overdue(SAM))
                .as("the resolution deadline is not running while paused")
                .isEmpty();

        w.engine().resumeClock(EVE, new ResumeClock(id, "Logs received"));
        Instant moved = summary(id).nextDeadline().orElseThrow().at();
        assertThat(moved)
                .as("resuming moves the deadline by the paused time")
                .isAfter(w.clock().instant());
        assertThat(overdue(SAM)).isEmpty();

        w.clock().set(moved);
        assertThat(ids(overdue(SAM))).containsExactly(id);
        assertThat(overdue(SAM).get(0).overdueSince()).contains(moved);
    }

    @Test
    void theInboxBreachedFlagAgreesWithTheDeadlinesOfAPausedClock() {
        EscalationId id = critical();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        Instant resolutionDue = summary(id).nextDeadline().orElseThrow().at();
        w.engine().pauseClock(EVE, new PauseClock(id, "Waiting for the customer's logs"));
        w.clock().set(resolutionDue.plus(Duration.ofHours(1)));

        assertThat(w.engine().deadlines(SAM, id))
                .as("the engine's deadlines: the paused clock moved the resolution deadline")
                .noneMatch(d -> d.state() == dev.escalation.sla.DeadlineState.BREACHED);
        assertThat(summary(id).breachedAt(w.clock().instant())).isFalse();
        assertThat(w.engine()
                        .operations()
                        .inbox(SAM, dev.escalation.DeskQuery.open().breached(true), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(w.engine()
                        .operations()
                        .inboxCounts(
                                SAM, dev.escalation.DeskQuery.open(), Set.of(dev.escalation.DeskQuery.Facet.BREACHED)))
                .containsEntry(dev.escalation.DeskQuery.Facet.BREACHED, java.util.Map.of("false", 1L));
    }

    /**
     * The stored next deadline of a paused escalation can be an SLA deadline the pause holds, with the agreed meeting
     * behind it: once the meeting is missed, {@code deadlines} shows it breached and {@code overdue()} lists the
     * escalation, so the desk's breached filter and facet count it too (they said "not breached").
     */
    @Test
    void aMissedMeetingBehindADeadlineThePauseHoldsIsBreached() {
        EscalationId id = critical();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        Instant resolutionDue = summary(id).nextDeadline().orElseThrow().at();
        Instant meeting = resolutionDue.plus(Duration.ofHours(1));
        w.engine()
                .agreePlan(
                        EVE,
                        new dev.escalation.command.AgreePlan(
                                id, Duration.ofDays(1), dev.escalation.model.Channel.VIDEO_CALL, meeting));
        w.engine().pauseClock(EVE, new PauseClock(id, "Waiting for the customer's logs"));
        assertThat(summary(id).nextDeadline().map(DeadlineMark::kind)).contains(DueKind.RESOLUTION);
        w.clock().set(meeting.plus(Duration.ofMinutes(1)));

        assertThat(w.engine().deadlines(SAM, id))
                .as("the engine's deadlines: the meeting is missed, the paused resolution deadline moved on")
                .anyMatch(
                        d -> d.kind() == DueKind.NEXT_MEETING && d.state() == dev.escalation.sla.DeadlineState.BREACHED)
                .noneMatch(
                        d -> d.kind() == DueKind.RESOLUTION && d.state() == dev.escalation.sla.DeadlineState.BREACHED);
        assertThat(ids(overdue(SAM))).containsExactly(id);
        assertThat(summary(id).breachedAt(w.clock().instant())).isTrue();
        assertThat(w.engine()
                        .operations()
                        .inbox(SAM, dev.escalation.DeskQuery.open().breached(true), PageRequest.first(10))
                        .items())
                .extracting(EscalationSummary::id)
                .containsExactly(id);
        assertThat(w.engine()
                        .operations()
                        .inboxCounts(
                                SAM, dev.escalation.DeskQuery.open(), Set.of(dev.escalation.DeskQuery.Facet.BREACHED)))
                .containsEntry(dev.escalation.DeskQuery.Facet.BREACHED, java.util.Map.of("true", 1L));
    }

    @Test
    void aDeadlineBreachedBeforeThePauseStaysOverdue() {
        EscalationId id = critical();
        w.engine().acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        Instant resolutionDue = summary(id).nextDeadline().orElseThrow().at();
        w.clock().set(resolutionDue.plus(Duration.ofHours(1)));
        w.engine().pauseClock(EVE, new PauseClock(id, "Waiting for the customer's logs"));

        w.after(Duration.ofDays(2));
        assertThat(summary(id).breachedAt(w.clock().instant())).isTrue();
        assertThat(overdue(SAM))
                .as("a pause does not undo a breach")
                .singleElement()
                .satisfies(s -> assertThat(s.overdueSince()).contains(resolutionDue))
                .satisfies(s -> assertThat(s.pausedSince()).isPresent());
    }

    @Test
    void anAgreedMeetingIsOverdueWhilePausedToo() {
        EscalationId id = Cast.active(w); // first meeting in two hours
        w.engine().pauseClock(EVE, new PauseClock(id, "Waiting for the customer's logs"));
        Instant meeting = summary(id).nextMeetingAt().orElseThrow();

        w.after(Duration.ofHours(3));
        assertThat(overdue(SAM))
                .singleElement()
                .satisfies(s -> assertThat(s.overdueSince()).contains(meeting));
    }

    @Test
    void pagesFollowTheOrderAndCarryOnFromTheCursor() {
        EscalationId active = Cast.active(w);
        EscalationId critical = critical();
        w.after(Duration.ofMinutes(1));
        EscalationId globex = w.engine()
                .escalate(
                        GIL,
                        new EscalateCase(Cast.G1, "Login broken", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null))
                .escalation();
        w.after(Duration.ofHours(4));
        List<EscalationId> all = ids(overdue(SAM));
        assertThat(all).containsExactlyInAnyOrder(active, critical, globex);

        List<EscalationId> paged = new ArrayList<>();
        Optional<PageCursor> cursor = Optional.empty();
        do {
            Page<EscalationSummary> page = w.engine().operations().overdue(HAL, new PageRequest(cursor, 1));
            paged.addAll(ids(page.items()));
            cursor = page.next();
        } while (cursor.isPresent());
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void overdueIsForStaffOnly() {
        Cast.active(w);
        w.after(Duration.ofHours(3));
        for (Actor contact : List.of(INA, GIL)) {
            assertThatThrownBy(() -> w.engine().operations().overdue(contact, PageRequest.first(10)))
                    .isInstanceOf(NotAuthorizedException.class);
        }
        assertThatThrownBy(() -> w.engine().operations().overdue(Actor.staff("nobody"), PageRequest.first(10)))
                .isInstanceOf(NotAuthorizedException.class);
        assertThat(overdue(EVE)).hasSize(1);
    }

    @Test
    void aStoreThatDoesNotAnswerOverdueIsRefusedWithAStableCode() {
        EscalationStore noQueries = wrap(
                EscalationStore.class,
                w.store(),
                (name, args) -> name.equals("capabilities")
                        ? Optional.of(new StoreCapabilities(
                                Set.of(Capability.RETENTION),
                                w.store().capabilities().instantPrecision(),
                                w.store().capabilities().deduplicationWindow()))
                        : Optional.empty());
        EscalationQueries real = w.store().queries().orElseThrow();
        EscalationQueries withoutOverdue = wrap(EscalationQueries.class, real, (name, args) -> {
            if (name.equals("overdue")) {
                throw new UnsupportedOperationException("default");
            }
            return Optional.empty();
        });
        EscalationStore olderFacet = wrap(
                EscalationStore.class,
                w.store(),
                (name, args) -> name.equals("queries") ? Optional.of(Optional.of(withoutOverdue)) : Optional.empty());
        for (EscalationStore store : List.of(noQueries, olderFacet)) {
            Scenario other = Cast.world(b -> b.slaPolicy(SlaFixtures.V1), store);
            assertThatThrownBy(() -> other.engine().operations().overdue(SAM, PageRequest.first(10)))
                    .isInstanceOf(UnsupportedQueryException.class)
                    .satisfies(e ->
                            assertThat(((UnsupportedQueryException) e).code()).isEqualTo("UNSUPPORTED_QUERY"));
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<EscalationSummary> overdue(Actor actor) {
        return w.engine().operations().overdue(actor, PageRequest.first(50)).items();
    }

    private EscalationSummary summary(EscalationId id) {
        return Cast.stored(w, id).summary();
    }

    private static List<EscalationId> ids(List<EscalationSummary> summaries) {
        return summaries.stream().map(EscalationSummary::id).toList();
    }

    /** An override of some methods: the answer to return, or empty to forward the call. */
    interface Override {
        Optional<Object> answer(String method, Object[] args);
    }

    private static <T> T wrap(Class<T> type, T delegate, Override override) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> {
            Optional<Object> answer = override.answer(method.getName(), a == null ? new Object[0] : a);
            if (answer.isPresent()) {
                return answer.get();
            }
            try {
                return method.invoke(delegate, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
