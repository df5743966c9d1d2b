package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/**
 * Log lines carry ids and states, never message texts, e-mail addresses or phone numbers, and an id only after it
 * passed validation. The library's loggers log at every level in tests (see simplelogger.properties).
 */
class LoggingPrivacyTest {

    @Test
    void refusedInputLogsNeitherItsTextsNorItsInvalidIds() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            World w = new World();
            EscalationId id = w.active();
            Actor forged = new Actor(Actor.Kind.STAFF, "SECRET-ID-1\u001b[2J");
            assertThatThrownBy(() -> w.engine.logProgress(
                            forged, new LogProgress(id, LogProgress.Kind.NOTE, "SECRET-TEXT-5", Visibility.INTERNAL)))
                    .isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(() -> w.engine.logProgress(
                            EVE,
                            new LogProgress(id, LogProgress.Kind.NOTE, "SECRET-TEXT-6\u0000", Visibility.INTERNAL)))
                    .isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(
                            () -> w.engine.addParticipant(EVE, AddParticipant.contact(id, "SECRET-ID-2\u00a0\u0007")))
                    .isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(
                            () -> w.engine.operations().recordCalendarChange(SAM, "SECRET-TEXT-7" + "x".repeat(2000)))
                    .isInstanceOf(InvalidCommandException.class);
            assertThatThrownBy(() -> w.engine.find(new Actor(Actor.Kind.CONTACT, "\u3000SECRET-ID-3\ud800"), id))
                    .isInstanceOf(InvalidCommandException.class);
            // accepted texts are not logged either
            w.engine.logProgress(EVE, new LogProgress(id, LogProgress.Kind.NOTE, "SECRET-TEXT-8", Visibility.INTERNAL));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);

        assertThat(log).as("the engine logged something at all").contains("escalation E-1");
        assertThat(log).doesNotContain("SECRET");
    }

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
