package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.command.Acknowledge;
import dev.escalation.command.AddParticipant;
import dev.escalation.command.AgreePlan;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.model.Cause;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Log lines carry ids and states, never message texts, e-mail addresses or phone numbers. */
class LoggingPrivacyTest {

    @Test
    void aWholeLifecycleWithFailuresLogsNoPersonalData() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple (test scope, level info) writes to the current System.err
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            World w = new World(b -> b.listener(e -> {
                throw new IllegalStateException("listener saw SECRET-TEXT-3");
            }));
            w.notifier.setAvailable(false);
            EscalationId id = w.engine
                    .escalate(
                            INA,
                            new EscalateCase(
                                    World.C1, "SECRET-TEXT-1 call me", Cause.COMPLAINT, Criticality.CRITICAL, null))
                    .escalation();
            w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "SECRET-TEXT-2"));
            w.engine.agreePlan(
                    EVE,
                    new AgreePlan(
                            id,
                            Duration.ofDays(1),
                            Channel.PHONE,
                            w.clock.instant().plusSeconds(60)));
            w.engine.addParticipant(EVE, AddParticipant.external(id, "Ext Person", "ext.person@partner.example"));
            w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "SECRET-TEXT-4", Visibility.INTERNAL));
            w.engine.deliverPending();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertThat(log).as("the engine logged something at all").contains("escalation E-1");
        assertThat(log)
                .doesNotContain("SECRET-TEXT")
                .doesNotContain("@")
                .doesNotContain("+49")
                .doesNotContain("Ext Person");
    }
}
