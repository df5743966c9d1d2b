package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.EscalationUnavailableException;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ChangeBatch;
import dev.escalation.test.Scenario;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * A host clock that reads an instant at the ends of the time line (Instant.MIN/MAX, the years ±999,999,999): the
 * engine cannot place it in a calendar, so every call is refused with {@code UNAVAILABLE} and nothing is stored,
 * instead of a {@code DateTimeException} escaping from the calendar math. Years 1 to 9999 keep working.
 */
class ClockAtTimeLineEndsTest {
    private static final List<Instant> ENDS = List.of(
            Instant.MAX,
            Instant.MIN,
            Instant.parse("+999999999-12-31T10:00:00Z"),
            Instant.parse("-999999999-01-01T00:00:00Z"),
            Instant.parse("+10000-01-01T00:00:00Z"));

    @Test
    void commandsAndReadsAreRefusedAsUnavailableAndChangeNothing() {
        for (Instant end : ENDS) {
            Scenario w = Cast.world();
            EscalationId id = Cast.active(w);
            int entries = Cast.log(w, id).size();
            long feed = w.store().changesSince(ChangeBatch.START, 500).changes().size();
            w.clock().set(end);
            List<ThrowingCallable> calls = List.of(
                    () -> w.engine()
                            .escalate(
                                    Cast.INA,
                                    new EscalateCase(
                                            Cast.C2, "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null)),
                    () -> w.engine()
                            .logProgress(
                                    Cast.EVE,
                                    new LogProgress(
                                            id, LogProgress.Kind.STATUS_UPDATE, "Working", Visibility.CUSTOMER)),
                    () -> w.engine().deadlines(Cast.EVE, id),
                    () -> w.engine().find(Cast.INA, id),
                    () -> w.engine().operations().overdue(Cast.SAM, PageRequest.first(10)),
                    () -> w.engine().processDueWork());
            for (ThrowingCallable call : calls) {
                assertThatThrownBy(call).as(end.toString()).isInstanceOf(EscalationUnavailableException.class);
            }
            assertThat(Cast.log(w, id)).as(end.toString()).hasSize(entries);
            assertThat(w.store().changesSince(ChangeBatch.START, 500).changes()).hasSize((int) feed);
            assertThat(w.store()
                            .listForVendor(EnumSet.allOf(EscalationState.class), PageRequest.first(10))
                            .items())
                    .hasSize(1);
        }
    }

    @Test
    void theLastFourDigitYearStillWorks() {
        Scenario w = Cast.world(b -> b.slaPolicy(SlaFixtures.V1));
        w.clock().set(Instant.parse("9999-12-31T23:00:00Z"));
        EscalationId id = w.engine()
                .escalate(Cast.INA, new EscalateCase(Cast.C1, "Down", Cause.SOFTWARE_ERROR, Criticality.CRITICAL, null))
                .escalation();
        assertThat(w.engine().deadlines(Cast.INA, id)).isNotEmpty();
    }
}
