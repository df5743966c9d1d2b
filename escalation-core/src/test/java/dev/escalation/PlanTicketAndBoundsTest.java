package dev.escalation;

import static dev.escalation.World.EVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.AmendPlan;
import dev.escalation.model.Channel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The communication plan's ticket updates say whether the plan was agreed or changed, and its meeting frequency is
 * accepted from 15 minutes to 14 days, both ends included, and refused a second beyond either.
 */
class PlanTicketAndBoundsTest {

    private final World w = new World();

    @Test
    void theTicketSaysWhetherThePlanWasAgreedOrChanged() {
        EscalationId id = w.acknowledged();
        Instant first = w.clock.instant().plus(Duration.ofHours(2));
        w.engine.agreePlan(EVE, new AgreePlan(id, Duration.ofDays(1), Channel.VIDEO_CALL, first));
        w.engine.amendPlan(EVE, new AmendPlan(id, Duration.ofDays(2), Channel.PHONE, first.plusSeconds(3600), "asked"));
        w.engine.deliverPending();

        List<String> updates = w.ticketing.ticketOf(id).orElseThrow().updates();
        assertThat(updates)
                .filteredOn(u -> u.startsWith("Communication plan"))
                .hasSize(2)
                .satisfiesExactly(
                        agreed -> assertThat(agreed).startsWith("Communication plan: "),
                        changed -> assertThat(changed).startsWith("Communication plan changed: "));
    }

    @Test
    void aFrequencyFrom15MinutesTo14DaysIsAcceptedAndASecondBeyondIsRefused() {
        for (Duration ok : List.of(Duration.ofMinutes(15), Duration.ofDays(14))) {
            EscalationId id = freshAcknowledged();
            w.engine.agreePlan(
                    EVE,
                    new AgreePlan(id, ok, Channel.VIDEO_CALL, w.clock.instant().plusSeconds(60)));
            assertThat(w.stored(id).plan())
                    .as("%s", ok)
                    .hasValueSatisfying(p -> assertThat(p.frequency()).isEqualTo(ok));
        }
        for (Duration bad : List.of(
                Duration.ofMinutes(15).minusSeconds(1), Duration.ofDays(14).plusSeconds(1))) {
            EscalationId id = freshAcknowledged();
            long version = w.stored(id).version();
            assertThatThrownBy(() -> w.engine.agreePlan(
                            EVE,
                            new AgreePlan(
                                    id,
                                    bad,
                                    Channel.VIDEO_CALL,
                                    w.clock.instant().plusSeconds(60))))
                    .as("%s", bad)
                    .isInstanceOfSatisfying(
                            InvalidCommandException.class,
                            e -> assertThat(e.violations())
                                    .extracting(InvalidCommandException.Violation::field)
                                    .containsExactly("frequency"));
            assertThat(w.stored(id).version()).as("nothing changed").isEqualTo(version);
        }
    }

    private int cases;

    /** An acknowledged escalation on a case of its own, managed by Eve. */
    private EscalationId freshAcknowledged() {
        EscalationId id = w.escalatedOnNewCase("P-" + cases++);
        w.engine.acknowledge(World.SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        return id;
    }
}
