package dev.escalation.test.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.DeadLetterView;
import dev.escalation.DeliveryReport;
import dev.escalation.model.CaseId;
import dev.escalation.model.ContactId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EntryParam;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.PageRequest;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.test.Records;
import dev.escalation.test.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stored notification request the engine's texts refuse to render (here an instant the reader's zone cannot show,
 * as a store-level writer or a damaged row may hold) fails every rendering the same way, so it is dead-lettered at
 * its first attempt with the code {@code UNRENDERABLE} and the refusal's code (field and rule, never the value) as its
 * last error, instead of being retried until its attempts run out. The other messages of the run are delivered.
 */
class UnrenderableRequestTest {

    @Test
    void aRequestTheTextsRefuseIsDeadLetteredAtItsFirstAttempt() {
        Scenario w = Cast.world();
        Instant now = w.clock().instant();
        CustomerId acme = CustomerId.of("acme");
        EscalationId id = EscalationId.of("E-unrenderable");
        Party ext = new Party(Party.Kind.EXTERNAL, "ext-1", "Pat External", "pat@partner.example");
        Party other = new Party(Party.Kind.EXTERNAL, "ext-2", "Kai External", "kai@partner.example");
        w.store()
                .create(Records.creation(Records.escalation(id, acme, CaseId.of("C-1"))
                                .raisedBy(ContactId.of("ina"))
                                .raisedAt(now)
                                .message("The nightly load fails")
                                .state(EscalationState.LESSONS_LEARNED)
                                .build())
                        .messages(
                                Records.message(acme, invitation("k/1", id, ext, Instant.MAX), now),
                                Records.message(acme, invitation("k/2", id, other, now.plusSeconds(86_400)), now))
                        .build());

        DeliveryReport report = w.engine().deliverPending();

        assertThat(report.deadLettered()).isEqualTo(1);
        assertThat(report.retried()).as("a rendering refusal is not retried").isZero();
        assertThat(report.delivered()).as("the other recipient's invitation").isEqualTo(1);
        List<DeadLetterView> dead = w.engine()
                .operations()
                .deadLetters(Cast.HAL, PageRequest.first(10))
                .items();
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.code()).contains("UNRENDERABLE");
            assertThat(d.attempts()).isEqualTo(1);
            assertThat(d.lastError())
                    .hasValueSatisfying(
                            e -> assertThat(e).contains("request.Range").doesNotContain("Pat External"));
        });
        assertThat(w.notifier().delivered())
                .singleElement()
                .satisfies(n -> assertThat(n.recipient().id()).isEqualTo("ext-2"));
    }

    private static NotificationRequest invitation(String key, EscalationId id, Party to, Instant at) {
        return new NotificationRequest(
                key,
                id,
                CaseId.of("C-1"),
                NotificationKind.LESSONS_LEARNED_INVITATION,
                Optional.empty(),
                to,
                Map.of("at", new EntryParam.At(at)),
                Optional.empty(),
                Optional.empty());
    }
}
