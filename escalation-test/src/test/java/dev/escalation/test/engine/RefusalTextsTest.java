package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.EVE;
import static dev.escalation.test.engine.Cast.INA;
import static dev.escalation.test.engine.Cast.MAX;
import static dev.escalation.test.engine.Cast.OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.escalation.EscalationException;
import dev.escalation.IllegalTransitionException;
import dev.escalation.NotAuthorizedException;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.LogProgress;
import dev.escalation.command.PauseClock;
import dev.escalation.command.Resolve;
import dev.escalation.command.ResumeClock;
import dev.escalation.model.EscalationId;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.test.Scenario;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Refusals keep their stable code, carry a sub-reason where one code covers several causes, and read as a sentence in
 * English and German ({@code localizedMessage}, with {@code engine.texts()} the host's texts first).
 */
class RefusalTextsTest {
    private final Scenario w = Cast.world();

    private static EscalationException refusal(ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t).isInstanceOf(EscalationException.class);
        return (EscalationException) t;
    }

    private static void reads(EscalationException e, String code, String reason, String en, String de) {
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.reason()).hasValue(reason);
        assertThat(e.localizedMessage(Locale.ENGLISH)).isEqualTo(en);
        assertThat(e.localizedMessage(Locale.GERMAN)).isEqualTo(de);
    }

    @Test
    void notAuthorizedSubReasons() {
        EscalationId id = Cast.active(w);
        String e = id.value();
        Scenario fresh = Cast.world();
        EscalationId requested = Cast.escalated(fresh);
        EscalationException wrongRole =
                refusal(() -> fresh.engine().acknowledge(EVE, new Acknowledge(requested, StaffId.of("eve"), "x")));
        reads(
                wrongRole,
                "NOT_AUTHORIZED",
                "WRONG_ROLE",
                "You may not appoint an Escalation Manager: it needs another role.",
                "Sie dürfen nicht: einen Escalation Manager ernennen; dafür ist eine andere Rolle nötig.");
        assertThat(((NotAuthorizedException) wrongRole).subReason())
                .isEqualTo(NotAuthorizedException.Reason.WRONG_ROLE);
        reads(
                refusal(() -> w.engine().resolve(MAX, new Resolve(id, "done"))),
                "NOT_AUTHORIZED",
                "NOT_MANAGER",
                "Only the appointed Escalation Manager of escalation " + e + " may resolve the escalation.",
                "Nur der ernannte Escalation Manager der Eskalation " + e + " darf: die Eskalation lösen.");
        reads(
                refusal(() -> w.engine()
                        .logProgress(INA, new LogProgress(id, LogProgress.Kind.NOTE, "psst", Visibility.INTERNAL))),
                "NOT_AUTHORIZED",
                "CONTACT_RULE",
                "Customer contacts may not log progress like this.",
                "Ansprechpartner des Kunden dürfen so nicht: Fortschritt erfassen.");
        reads(
                refusal(() -> w.engine().escalate(OLD, Cast.escalateC1())),
                "NOT_AUTHORIZED",
                "INACTIVE",
                "You are not an active user of the escalation service.",
                "Sie sind kein aktiver Benutzer des Eskalationsdienstes.");
        reads(
                refusal(() -> w.engine().operations().outboxCounts(INA)),
                "NOT_AUTHORIZED",
                "NOT_STAFF",
                "Only the vendor's staff may read this.",
                "Nur Mitarbeiter des Herstellers dürfen: dies lesen.");
    }

    @Test
    void illegalTransitionSubReasons() {
        EscalationId requested = Cast.escalated(w);
        String r = requested.value();
        EscalationException state = refusal(() -> w.engine().resolve(EVE, new Resolve(requested, "done")));
        reads(
                state,
                "ILLEGAL_TRANSITION",
                "WRONG_STATE",
                "You cannot resolve the escalation now: escalation " + r + " is requested.",
                "Jetzt nicht möglich: die Eskalation lösen; Eskalation " + r + " ist angefragt.");
        assertThat(((IllegalTransitionException) state).subReason())
                .isEqualTo(IllegalTransitionException.Reason.WRONG_STATE);

        Scenario other = Cast.world();
        EscalationId id = Cast.active(other);
        String e = id.value();
        reads(
                refusal(() -> other.engine().resumeClock(EVE, new ResumeClock(id, null))),
                "ILLEGAL_TRANSITION",
                "CLOCK_RUNNING",
                "You cannot resume the SLA clock: the SLA clock of escalation " + e + " is not paused.",
                "Nicht möglich: die SLA-Uhr fortsetzen; die SLA-Uhr der Eskalation " + e + " ist nicht angehalten.");
        other.engine().pauseClock(EVE, new PauseClock(id, "waiting"));
        reads(
                refusal(() -> other.engine().pauseClock(EVE, new PauseClock(id, "again"))),
                "ILLEGAL_TRANSITION",
                "CLOCK_PAUSED",
                "You cannot pause the SLA clock: the SLA clock of escalation " + e + " is already paused.",
                "Nicht möglich: die SLA-Uhr anhalten; die SLA-Uhr der Eskalation " + e + " ist bereits angehalten.");
    }

    @Test
    void theEnginesTextsPutTheHostsTextsFirst() {
        Scenario hosted = Cast.world(b -> b.texts(dev.escalation.text.TextSource.of(
                Locale.GERMAN, Map.of("error.NOT_AUTHORIZED.INACTIVE", "Ihr Zugang ist gesperrt."))));
        EscalationException inactive = refusal(() -> hosted.engine().escalate(OLD, Cast.escalateC1()));
        assertThat(inactive.localizedMessage(hosted.engine().texts(), Locale.GERMAN))
                .isEqualTo("Ihr Zugang ist gesperrt.");
        assertThat(inactive.localizedMessage(hosted.engine().texts(), Locale.ENGLISH))
                .isEqualTo("You are not an active user of the escalation service.");
    }

    /** A host text that does not format (its own, or a label it uses) gives way to the engine's: the refusal reads. */
    @Test
    void aHostTextThatDoesNotFormatGivesWayToTheEnginesOwn() {
        for (Map<String, String> broken : java.util.List.of(
                Map.of("error.NOT_AUTHORIZED.INACTIVE", "Zugang {0 gesperrt"),
                Map.of("error.NOT_AUTHORIZED.INACTIVE", "Gesperrt: {0,number}"),
                Map.of("label.action.READ", "lesen {"))) {
            Scenario hosted = Cast.world(b -> b.texts(dev.escalation.text.TextSource.of(Locale.GERMAN, broken)));
            String key = broken.keySet().iterator().next();
            assertThatThrownBy(() -> hosted.engine().texts().text(key, Locale.GERMAN, "x", "E-1", "y", "z"))
                    .as("the host's %s does not format", key)
                    .isInstanceOf(dev.escalation.text.TextPatternException.class);
            EscalationException inactive = refusal(() -> hosted.engine().escalate(OLD, Cast.escalateC1()));
            assertThat(inactive.localizedMessage(hosted.engine().texts(), Locale.GERMAN))
                    .as("%s", broken)
                    .isEqualTo(inactive.localizedMessage(Locale.GERMAN))
                    .isNotBlank();
        }
    }
}
