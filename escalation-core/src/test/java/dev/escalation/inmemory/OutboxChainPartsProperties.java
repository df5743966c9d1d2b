package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.model.Visibility;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.TicketCommand;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * An outbox entry keeps its chain as the parts its message holds (the recipient's kind and id, the fixed channel)
 * instead of the {@link OutboxMessage#chain()} key: two entries of one escalation are in one chain exactly when
 * their messages' chain keys are equal, and the key an entry rebuilds (for a box's index of many chains) is equal to
 * its message's. Recipients are drawn from few kinds and ids, some with a ':' (the key joins kind and id by one), so
 * equal and unequal pairs both occur often.
 */
class OutboxChainPartsProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final EscalationId E1 = EscalationId.of("E-1");
    private static final OutboxEntry.Box BOX = new OutboxEntry.Box(E1);
    private static final LiveIndex LIVE = new LiveIndex();

    @Property(tries = 2000)
    void entriesShareAChainExactlyWhenTheirMessagesChainKeysAreEqual(
            @ForAll("messages") OutboxMessage a, @ForAll("messages") OutboxMessage b) {
        OutboxEntry x = new OutboxEntry(1, a, BOX, LIVE.home());
        OutboxEntry y = new OutboxEntry(2, b, BOX, LIVE.home());
        assertThat(ChainedNode.sameChain(x, y)).isEqualTo(a.chain().equals(b.chain()));
        assertThat(ChainedNode.sameChain(y, x)).isEqualTo(a.chain().equals(b.chain()));
        assertThat(x.chainKey()).isEqualTo(a.chain());
        assertThat(y.chainKey()).isEqualTo(b.chain());
    }

    @Provide
    Arbitrary<OutboxMessage> messages() {
        Arbitrary<Party.Kind> kinds = Arbitraries.of(Party.Kind.class);
        Arbitrary<String> ids = Arbitraries.of("c1", "c2", "a:b", "a", "b:", "STAFF:a", "");
        Arbitrary<Optional<DeliveryChannel>> channels =
                Arbitraries.of(DeliveryChannel.class).optional(0.6);
        Arbitrary<OutboxMessage> notifications =
                Combinators.combine(kinds, ids, channels).as(OutboxChainPartsProperties::notification);
        Arbitrary<OutboxMessage> tickets = Arbitraries.integers().between(0, 3).map(OutboxChainPartsProperties::ticket);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, notifications), net.jqwik.api.Tuple.of(1, tickets));
    }

    private static OutboxMessage notification(Party.Kind kind, String id, Optional<DeliveryChannel> channel) {
        String key = "E-1-" + kind + "-" + id + "-" + channel;
        return OutboxMessage.pending(
                MessageId.of("m-" + key),
                CustomerId.of("acme"),
                new NotificationRequest(
                        key,
                        E1,
                        CaseId.of("C-1"),
                        NotificationKind.ESCALATION_CONFIRMED,
                        channel,
                        new Party(kind, id, "Ina", "ina@acme.example"),
                        Map.of(),
                        Optional.of("t"),
                        Optional.empty()),
                T0);
    }

    private static OutboxMessage ticket(int n) {
        String key = "E-1-u" + n;
        return OutboxMessage.pending(
                MessageId.of("m-" + key),
                CustomerId.of("acme"),
                new TicketCommand.PostUpdate(key, E1, "update " + n, Visibility.INTERNAL),
                T0);
    }
}
