package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.ChangeFeed;
import dev.escalation.CustomerQuery;
import dev.escalation.DeskQuery;
import dev.escalation.InvalidCommandException;
import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.ChangeCriticality;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.RemoveParticipant;
import dev.escalation.command.ScheduleLessonsLearned;
import dev.escalation.model.CalendarSpec;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.OpeningHours;
import dev.escalation.model.PageCursor;
import dev.escalation.model.PageRequest;
import dev.escalation.sla.WhatIf;
import dev.escalation.test.Scenario;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The codes of the strict error contract: each bad argument is an InvalidCommandException naming field and rule. */
class StrictErrorContractTest {

    private final Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));

    private static void refused(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::rule)
                                .contains(org.assertj.core.groups.Tuple.tuple(field, rule)));
    }

    @Test
    void aNullCommandIsRefusedByEveryCommandMethod() {
        EscalationId id = Cast.active(w);
        refused(() -> w.engine().escalate(INA, null), "command", "NotNull");
        refused(() -> w.engine().acknowledge(SAM, null), "command", "NotNull");
        refused(() -> w.engine().reassignManager(SAM, null), "command", "NotNull");
        refused(() -> w.engine().agreePlan(EVE, null), "command", "NotNull");
        refused(() -> w.engine().amendPlan(EVE, null), "command", "NotNull");
        refused(() -> w.engine().logProgress(EVE, null), "command", "NotNull");
        refused(() -> w.engine().addParticipant(EVE, null), "command", "NotNull");
        refused(() -> w.engine().removeParticipant(EVE, null), "command", "NotNull");
        refused(() -> w.engine().changeCriticality(EVE, null), "command", "NotNull");
        refused(() -> w.engine().pauseClock(EVE, null), "command", "NotNull");
        refused(() -> w.engine().resumeClock(EVE, null), "command", "NotNull");
        refused(() -> w.engine().resolve(EVE, null), "command", "NotNull");
        refused(() -> w.engine().reopen(INA, null), "command", "NotNull");
        refused(() -> w.engine().scheduleLessonsLearned(EVE, null), "command", "NotNull");
        refused(() -> w.engine().recordLessonsLearned(EVE, null), "command", "NotNull");
        refused(() -> w.engine().declineLessonsLearned(INA, null), "command", "NotNull");
        refused(() -> w.engine().close(EVE, null), "command", "NotNull");
        refused(() -> w.engine().withdraw(INA, null), "command", "NotNull");
        assertThat(Cast.stored(w, id).version()).isEqualTo(3);
    }

    @Test
    void readsRefuseNullsBadIdsPagesAndLimits() {
        EscalationId unicodeBlank = EscalationId.of("\u00a0\u2007");
        refused(() -> w.engine().find(SAM, null), "id", "NotNull");
        refused(() -> w.engine().find(SAM, unicodeBlank), "id", "Id");
        refused(() -> w.engine().find(SAM, EscalationId.of("E\ud800")), "id", "Id");
        refused(() -> w.engine().deadlines(SAM, null), "id", "NotNull");
        refused(() -> w.engine().timeline(SAM, EscalationId.of("E-1"), null), "page", "NotNull");
        refused(
                () -> w.engine()
                        .timeline(
                                SAM,
                                EscalationId.of("E-1"),
                                PageRequest.after(new PageCursor(Instant.EPOCH, "1\u0000"), 10)),
                "page",
                "Cursor");
        refused(() -> w.engine().escalationsOfCustomer(INA, CustomerQuery.all(), null), "page", "NotNull");
        refused(
                () -> w.engine()
                        .operations()
                        .inbox(SAM, (Set<dev.escalation.model.EscalationState>) null, PageRequest.first(10)),
                "states",
                "NotNull");
        refused(() -> w.engine().escalationsOfCustomer(INA, null, PageRequest.first(10)), "query", "NotNull");
        refused(() -> w.engine().operations().inbox(SAM, (DeskQuery) null, PageRequest.first(10)), "query", "NotNull");
        refused(() -> w.engine().operations().inboxCounts(SAM, DeskQuery.open(), null), "facets", "NotNull");
        refused(() -> w.engine().openEscalationOfCase(INA, null), "caseId", "NotNull");
        Set<dev.escalation.model.EscalationState> withNull = new HashSet<>();
        withNull.add(null);
        refused(() -> w.engine().operations().inbox(SAM, withNull, PageRequest.first(10)), "states", "NotNull");
        refused(() -> w.engine().operations().deadLetters(SAM, null), "page", "NotNull");
        refused(() -> w.engine().operations().replay(SAM, null), "id", "NotNull");
        refused(() -> w.engine().operations().replayAll(SAM, null), "escalation", "NotNull");
        for (int limit : new int[] {Integer.MIN_VALUE, -1, 0, 501, Integer.MAX_VALUE}) {
            refused(() -> w.engine().operations().dueWorkBacklog(SAM, limit), "limit", "Range");
            refused(() -> w.engine().operations().changesSince(SAM, ChangeFeed.START, limit), "limit", "Range");
        }
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 1)).isEmpty();
        assertThat(w.engine().operations().dueWorkBacklog(SAM, 500)).isEmpty();
        refused(() -> w.engine().operations().changesSince(SAM, null, 10), "cursor", "NotNull");
        refused(() -> w.engine().operations().changesSince(SAM, "x\u0007", 10), "cursor", "Cursor");
        refused(() -> w.engine().operations().changesSince(SAM, "9".repeat(513), 10), "cursor", "Cursor");
        CustomerId[] hundred = new CustomerId[DeskQuery.MAX_CUSTOMERS];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = CustomerId.of("c" + i);
        }
        assertThat(w.engine()
                        .operations()
                        .inbox(SAM, DeskQuery.all().customers(hundred), PageRequest.first(10))
                        .items())
                .isEmpty();
        CustomerId[] more = java.util.Arrays.copyOf(hundred, hundred.length + 1);
        more[hundred.length] = CustomerId.of("c" + hundred.length);
        refused(
                () -> w.engine().operations().inbox(SAM, DeskQuery.all().customers(more), PageRequest.first(10)),
                "query.customers",
                "Size");
    }

    @Test
    void slaMethodsRefuseBadArguments() {
        EscalationId id = Cast.active(w);
        refused(() -> w.engine().operations().migratePolicy(SAM, null, SlaFixtures.V1.ref()), "id", "NotNull");
        refused(() -> w.engine().operations().migratePolicy(SAM, id, null), "policy", "NotNull");
        refused(
                () -> w.engine().operations().migratePolicy(SAM, id, SlaFixtures.V1.ref(), 0),
                "expectedVersion",
                "Positive");
        refused(() -> w.engine().operations().whatIf(SAM, null), "whatIf", "NotNull");
        refused(
                () -> w.engine().operations().whatIf(SAM, WhatIf.at(Instant.MAX, Criticality.HIGH)),
                "whatIf.raisedAt",
                "Range");
        refused(
                () -> w.engine()
                        .operations()
                        .whatIf(SAM, WhatIf.at(Instant.parse("1999-12-31T23:59:59Z"), Criticality.HIGH)),
                "whatIf.raisedAt",
                "Range");
        Instant raised = w.clock().instant();
        refused(
                () -> w.engine()
                        .operations()
                        .whatIf(
                                SAM,
                                WhatIf.at(raised, Criticality.HIGH)
                                        .withPause(dev.escalation.calendar.Interval.of(
                                                raised, raised.plusSeconds(60), "wait\u001b[2J"))),
                "whatIf.pauses.reason",
                "Text");
        WhatIf hundredPauses = WhatIf.at(raised, Criticality.HIGH);
        for (int i = 0; i < 100; i++) {
            Instant from = raised.plus(Duration.ofHours(2L * i + 1));
            hundredPauses = hundredPauses.withPause(
                    dev.escalation.calendar.Interval.of(from, from.plusSeconds(60), "wait " + i));
        }
        assertThat(w.engine().operations().whatIf(SAM, hundredPauses)).isNotNull();
        Instant last = raised.plus(Duration.ofHours(201));
        WhatIf tooMany = hundredPauses.withPause(
                dev.escalation.calendar.Interval.of(last, last.plusSeconds(60), "one too many"));
        refused(() -> w.engine().operations().whatIf(SAM, tooMany), "whatIf.pauses", "Size");
        refused(() -> w.engine().operations().recordCalendarChange(SAM, null), "reason", "NotBlank");
        refused(() -> w.engine().operations().recordCalendarChange(SAM, "\u3000\u00a0"), "reason", "NotBlank");
        refused(() -> w.engine().operations().recordCalendarChange(SAM, "x".repeat(2001)), "reason", "Size");
        refused(() -> w.engine().operations().recordCalendarChange(SAM, "holiday\u0000"), "reason", "Text");
        assertThat(w.engine().operations().recordCalendarChange(SAM, "x".repeat(2000)))
                .containsExactly(id);
    }

    /**
     * A what-if's customer calendar has at most 100 opening windows, as it has at most 100 pauses: building a calendar
     * checks each window against the others of its day, so tens of thousands took seconds to minutes before the
     * refusal came.
     */
    @Test
    void aWhatIfCustomerCalendarHasAtMostAHundredOpeningWindows() {
        List<OpeningHours> windows = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            LocalTime from = LocalTime.of(i % 24, 0);
            windows.add(new OpeningHours(
                    DayOfWeek.of(i / 24 + 1), from, from.getHour() == 23 ? LocalTime.MAX : from.plusHours(1)));
        }
        Instant raised = w.clock().instant();
        CalendarSpec hundred = new CalendarSpec("Europe/Berlin", Optional.empty(), windows.subList(0, 100));
        assertThat(w.engine()
                        .operations()
                        .whatIf(SAM, WhatIf.at(raised, Criticality.HIGH).withCustomerCalendar(hundred)))
                .isNotNull();
        CalendarSpec tooMany = new CalendarSpec("Europe/Berlin", Optional.empty(), windows);
        refused(
                () -> w.engine()
                        .operations()
                        .whatIf(SAM, WhatIf.at(raised, Criticality.HIGH).withCustomerCalendar(tooMany)),
                "whatIf.customerCalendar.hours",
                "Size");
    }

    @Test
    void meetingsAndSessionsFurtherThanTwoYearsAheadAreRefused() {
        EscalationId id = Cast.acknowledged(w);
        Instant far = w.clock().instant().plus(Duration.ofDays(732));
        refused(
                () -> w.engine().agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.PHONE, far)),
                "firstMeetingAt",
                "Range");
        refused(
                () -> w.engine().agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.PHONE, Instant.MAX)),
                "firstMeetingAt",
                "Range");
        refused(
                () -> w.engine()
                        .scheduleLessonsLearned(EVE, new ScheduleLessonsLearned(id, Instant.MAX, Duration.ofHours(1))),
                "at",
                "Range");
    }

    @Test
    void startAndRenderHotlineRefuseBadArguments() {
        refused(() -> w.engine().start(null), "interval", "NotNull");
        refused(() -> w.engine().start(Duration.ofMillis(9)), "interval", "Range");
        refused(() -> w.engine().start(Duration.ofSeconds(Long.MAX_VALUE)), "interval", "Range");
        refused(() -> w.engine().start(Duration.ofDays(-1)), "interval", "Range");
        refused(() -> w.engine().texts().hotline(null, Locale.ENGLISH, ZoneId.of("UTC")), "advice", "NotNull");
        Scenario weekend = Cast.world();
        weekend.clock().set(Instant.parse("2027-01-16T10:00:00Z"));
        var advice = weekend.engine()
                .escalate(INA, new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null))
                .hotline()
                .orElseThrow();
        refused(() -> w.engine().texts().hotline(advice, Locale.ENGLISH, null), "zone", "NotNull");
        var unrenderable =
                new dev.escalation.model.HotlineAdvice(advice.reason(), advice.params(), Instant.MAX, advice.numbers());
        refused(
                () -> w.engine().texts().hotline(unrenderable, Locale.ENGLISH, java.time.ZoneOffset.MAX),
                "advice",
                "Range");
        assertThat(w.engine().texts().hotline(advice, Locale.ENGLISH, ZoneId.of("UTC")))
                .contains("hotline");
        refused(() -> w.engine().texts().hotline(advice, null, ZoneId.of("UTC")), "locale", "NotNull");
    }

    @Test
    void stringIdsInsideCommandsAreChecked() {
        EscalationId id = Cast.active(w);
        refused(() -> w.engine().addParticipant(EVE, AddParticipant.contact(id, "\u00a0")), "participantId", "Id");
        refused(() -> w.engine().addParticipant(EVE, AddParticipant.staff(id, "ma\u0000x")), "participantId", "Id");
        refused(() -> w.engine().addParticipant(EVE, AddParticipant.staff(id, "x".repeat(129))), "participantId", "Id");
        refused(
                () -> w.engine().addParticipant(EVE, AddParticipant.external(id, "\u3000", "a@b.example")),
                "displayName",
                "NotBlank");
        refused(
                () -> w.engine().removeParticipant(EVE, new RemoveParticipant(id, "\u2003", "r")),
                "participantId",
                "Id");
        refused(
                () -> w.engine().removeParticipant(EVE, new RemoveParticipant(id, null, "r")),
                "participantId",
                "NotNull");
        refused(
                () -> w.engine().changeCriticality(EVE, new ChangeCriticality(id, Criticality.LOW, "\u00a0\u200b")),
                "justification",
                "RequiredWhenLowering");
    }
}
