package dev.escalation;

import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.calendar.BusinessCalendar;
import dev.escalation.calendar.Holiday;
import dev.escalation.calendar.HolidaySource;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.ProposePlan;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.sla.WhatIf;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The vendor's coverage calendar asks a holiday source the host supplies. A source that fails (throws, or answers
 * {@code null} against its contract) leaves the engine unable to decide the hotline advice or plan the SLA: the call is
 * the retryable {@code UNAVAILABLE} error with nothing recorded, as for a directory that cannot answer (before: the
 * source's own exception, or a {@code NullPointerException}, reached the caller untyped); once the source answers
 * again the same call goes through.
 */
class HolidaySourceFaultsTest {
    private static final LocalDate TODAY = LocalDate.of(2027, 1, 12); // World's clock: Tuesday 10:00 in Berlin

    /** Which dates the source fails on, and how (throws, or answers null). */
    private final AtomicReference<Predicate<LocalDate>> failing = new AtomicReference<>(d -> false);

    private boolean answersNull;

    private final HolidaySource source = date -> {
        if (failing.get().test(date)) {
            if (answersNull) {
                return null;
            }
            throw new IllegalStateException("holiday service down");
        }
        return Optional.<Holiday>empty();
    };

    private World world() {
        return new World(b -> b.coverage(BusinessCalendar.builder(World.BERLIN)
                        .openWeekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
                        .holidays(source)
                        .build())
                .slaPolicy(SlaFixtures.everyStep("vendor-time")));
    }

    private static EscalateCase critical() {
        return new EscalateCase(World.C1, "The nightly load fails", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null);
    }

    private static void unavailable(ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        EscalationUnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo("UNAVAILABLE"));
    }

    @Test
    void aSourceThatThrowsWhenTheHotlineIsDecidedIsUnavailableAndRecordsNothing() {
        World w = world();
        failing.set(d -> true);
        unavailable(() -> w.engine.escalate(INA, critical()));
        w.assertRecordedNothing("a failing holiday source");

        failing.set(d -> false);
        assertThat(w.engine.escalate(INA, critical()).escalation()).isNotNull();
        assertThat(w.pending()).isPositive();
    }

    @Test
    void aSourceThatAnswersNullIsUnavailableAndRecordsNothing() {
        World w = world();
        answersNull = true;
        failing.set(d -> true);
        unavailable(() -> w.engine.escalate(INA, critical()));
        w.assertRecordedNothing("a failing holiday source");
    }

    @Test
    void aSourceFailingOnlyForALaterDayFailsTheSlaPlanningInsideTheCommandAndRecordsNothing() {
        World w = world();
        failing.set(d -> d.isAfter(TODAY)); // today answers: the hotline is decided, the planning walks on
        unavailable(() -> w.engine.escalate(INA, World.escalateC1()));
        w.assertRecordedNothing("a failing holiday source");

        failing.set(d -> false);
        assertThat(w.escalated()).isNotNull();
    }

    @Test
    void theDeadlinesAndTheWhatIfAreUnavailableWhileTheSourceFails() {
        World w = world();
        EscalationId id = w.escalated();
        String before = w.stored(id).toString();
        failing.set(d -> true);

        unavailable(() -> w.engine.deadlines(INA, id));
        unavailable(() -> w.engine.operations().whatIf(SAM, WhatIf.at(w.clock.instant(), Criticality.CRITICAL)));
        assertThat(w.stored(id).toString()).isEqualTo(before);

        failing.set(d -> false);
        assertThat(w.engine.deadlines(INA, id)).isNotEmpty();
    }

    /**
     * A view's actions are decided when first read; with a plan proposal pending they need the vendor calendar (the
     * answer window). A failing source then makes the read the typed retryable error, not the source's own, and a
     * later read decides them; the command that returned the view was applied.
     */
    @Test
    void aViewsActionsAreUnavailableWhileTheSourceFailsAndDecidedWhenItAnswers() {
        World w = world();
        EscalationId id = w.acknowledged();
        EscalationView view = w.engine.proposePlan(
                World.EVE,
                new ProposePlan(
                        id, Duration.ofDays(1), Channel.PHONE, w.clock.instant().plus(Duration.ofHours(1)), null));
        assertThat(w.stored(id).proposal()).isPresent();
        failing.set(d -> true);

        unavailable(() -> view.availableActions().contains(Action.RECORD_PLAN_ALONE));

        failing.set(d -> false);
        assertThat(view.availableActions())
                .isEqualTo(w.engine.find(World.EVE, id).orElseThrow().availableActions())
                .doesNotContain(Action.RECORD_PLAN_ALONE) // the customer may still answer
                .isNotEmpty();
    }
}
