package dev.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A notification's chain names its recipient as {@code PartyRef.of(recipient).toString()} (the slow path) also when
 * the string is remembered (the fast path): over runs of recipients of every kind, with ids that repeat, that differ
 * only in kind, and that share a hash code ({@code "Aa"} and {@code "BB"}), so remembered strings are hit, replaced
 * and collided with.
 */
class ChainRecipientProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");

    @Property(tries = 1000)
    void the_chain_names_each_recipient_as_its_party_reference(@ForAll("runs") List<Party> recipients) {
        for (Party p : recipients) {
            OutboxMessage.ChainKey chain = message(p).chain();
            assertThat(chain.recipient()).isEqualTo(PartyRef.of(p).toString());
            assertThat(chain.recipient()).isEqualTo(p.kind() + ":" + p.id());
        }
    }

    @Provide
    Arbitrary<List<Party>> runs() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "staff-1", "c-1", "c-2", ""),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(4));
        Arbitrary<Party> parties = Combinators.combine(Arbitraries.of(Party.Kind.class), ids)
                .as((kind, id) -> new Party(kind, id, "Ina", "ina@acme.example"));
        return parties.list().ofMinSize(1).ofMaxSize(40);
    }

    private static OutboxMessage message(Party recipient) {
        return OutboxMessage.pending(
                MessageId.of("m-1"),
                CustomerId.of("acme"),
                new NotificationRequest(
                        "k-1",
                        EscalationId.of("E-1"),
                        CaseId.of("C-1"),
                        NotificationKind.ESCALATION_CONFIRMED,
                        Optional.empty(),
                        recipient,
                        Map.of(),
                        Optional.empty(),
                        Optional.empty()),
                T0);
    }
}
