package dev.escalation.test.engine;

import static dev.escalation.test.engine.Cast.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.AgreePlan;
import dev.escalation.model.Channel;
import dev.escalation.model.Criticality;
import dev.escalation.model.EscalationId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.test.Scenario;
import dev.escalation.text.TextPatternException;
import dev.escalation.text.TextSource;
import dev.escalation.text.Texts;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host {@link TextSource} answering with a pattern that does not format (a brace left open, a date pattern with a
 * letter {@code DateTimeFormatter} does not know) breaks every rendering of that key the same way: retrying cannot
 * help. The escalation is recorded; its notifications are dead-lettered at once with code {@code TEXT_PATTERN} naming
 * the key and the language (the health indicator and the dead-letter page show it), and once the source is fixed a
 * replay delivers them. {@link Texts} tells its own callers the same with a {@link TextPatternException}.
 */
class HostTextPatternTest {

    /** A source whose answer for one key the test changes; empty for every other key. */
    private static TextSource answering(String key, AtomicReference<String> pattern) {
        return (k, locale) -> k.equals(key) ? Optional.ofNullable(pattern.get()) : Optional.empty();
    }

    private static void assertDeadLetteredAsTextPattern(Scenario w, String key) {
        List<DeadLetterView> dead = w.engine()
                .operations()
                .deadLetters(Cast.HAL, PageRequest.first(50))
                .items();
        assertThat(dead).isNotEmpty().allSatisfy(d -> {
            assertThat(d.code()).contains("TEXT_PATTERN");
            assertThat(d.attempts())
                    .as("not retried: it would fail the same way")
                    .isEqualTo(1);
            assertThat(d.lastError()).hasValueSatisfying(e -> assertThat(e).contains(key));
        });
    }

    @Test
    void aMessagePatternThatDoesNotParseDeadLettersAtOnceAndAReplayDeliversOnceFixed() {
        AtomicReference<String> pattern = new AtomicReference<>("Your escalation of case {0 was received");
        Scenario w = Cast.world(b -> b.texts(answering("notification.ESCALATION_CONFIRMED.body", pattern)));

        EscalationId id = w.engine().escalate(INA, Cast.escalateC1()).escalation();
        DeliveryReport first = w.engine().deliverPending();

        assertThat(first.deadLettered()).as("the confirmation to Ina").isEqualTo(1);
        assertThat(first.retried()).isZero();
        assertThat(w.engine().find(Cast.SAM, id))
                .as("the escalation is recorded")
                .isPresent();
        assertDeadLetteredAsTextPattern(w, "notification.ESCALATION_CONFIRMED.body");

        pattern.set("Your escalation of case {0} was received.");
        int replayed = w.engine().operations().replayAll(Cast.HAL, id);
        DeliveryReport again = w.engine().deliverPending();

        assertThat(replayed).isEqualTo(1);
        assertThat(again.delivered()).isEqualTo(1);
        assertThat(w.notifier().delivered())
                .filteredOn(n -> n.kind() == NotificationKind.ESCALATION_CONFIRMED)
                .singleElement()
                .satisfies(n -> assertThat(n.body()).startsWith("Your escalation of case C-1 was received."));
    }

    /**
     * A pattern holding a character no stored or sent text may hold is refused when it is rendered, before any store
     * sees the text: before, the in-memory store delivered it, while PostgreSQL refused the portal message (no NUL in
     * text) at every attempt until it was dead-lettered as a failure.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Escalation of case {0}\u0000 received",
                "Escalation of case {0} received\u0007",
                "\u001b[31mEscalation of case {0}",
                "Escalation \u0085of case {0}",
                "Escalation of case {0} \ud83d received"
            })
    void aPatternHoldingAControlCharacterOrAnUnpairedSurrogateDeadLettersAtOnce(String bad) {
        AtomicReference<String> pattern = new AtomicReference<>(bad);
        Scenario w = Cast.world(b -> b.texts(answering("notification.ESCALATION_CONFIRMED.body", pattern)));

        EscalationId id = w.engine().escalate(INA, Cast.escalateC1()).escalation();
        DeliveryReport first = w.engine().deliverPending();

        assertThat(first.deadLettered()).as("the confirmation to Ina").isEqualTo(1);
        assertThat(first.retried()).isZero();
        assertThat(w.notifier().delivered())
                .filteredOn(n -> n.kind() == NotificationKind.ESCALATION_CONFIRMED)
                .isEmpty();
        assertDeadLetteredAsTextPattern(w, "notification.ESCALATION_CONFIRMED.body");

        pattern.set("Escalation of case {0}\r\n\treceived.");
        w.engine().operations().replayAll(Cast.HAL, id);

        assertThat(w.engine().deliverPending().delivered())
                .as("line breaks and tabs are text")
                .isEqualTo(1);
        assertThat(w.notifier().delivered())
                .filteredOn(n -> n.kind() == NotificationKind.ESCALATION_CONFIRMED)
                .singleElement()
                .satisfies(n -> assertThat(n.body()).startsWith("Escalation of case C-1\r\n\treceived."));
    }

    @Test
    void aDatePatternDateTimeFormatterRefusesDeadLettersEveryNotificationThatShowsADate() {
        AtomicReference<String> pattern = new AtomicReference<>("EEE d MMM yyyy HH:mm bb");
        Scenario w = Cast.world(b -> b.texts(answering("format.at", pattern)));
        EscalationId id = w.engine().escalate(INA, Cast.escalateC1()).escalation();
        w.engine().deliverPending();
        w.engine().acknowledge(Cast.SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"));
        w.engine()
                .agreePlan(
                        Cast.EVE,
                        new AgreePlan(
                                id,
                                Duration.ofDays(1),
                                Channel.VIDEO_CALL,
                                w.clock().instant().plus(Duration.ofHours(2))));

        DeliveryReport report = w.engine().deliverPending();

        assertThat(report.deadLettered())
                .as("the plan's notifications name the first meeting")
                .isPositive();
        assertThat(report.retried()).isZero();
        assertDeadLetteredAsTextPattern(w, "format.at");
    }

    @Test
    void textsTellTheirCallersWhichKeyDoesNotFormat() {
        Texts texts = Texts.of(
                ZoneId.of("Europe/Berlin"),
                List.of(TextSource.of(Locale.ROOT, Map.of("label.criticality.HIGH", "high {0"))),
                Texts.ArgumentRefusal.PLAIN);

        assertThatThrownBy(() -> texts.label(Criticality.HIGH, Locale.ENGLISH))
                .isInstanceOf(TextPatternException.class)
                .satisfies(e -> {
                    assertThat(((TextPatternException) e).key()).isEqualTo("label.criticality.HIGH");
                    assertThat(((TextPatternException) e).locale()).isEqualTo(Locale.ENGLISH);
                });
    }
}
