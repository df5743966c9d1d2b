package dev.escalation.inmemory;

import dev.escalation.model.DeliveryChannel;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.OutboxMessage.ChainKey;
import dev.escalation.spi.PartyRef;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node of the outbox's walk index that knows the ordering chain of its message ({@link OutboxMessage#chain()}) by
 * the parts the message holds, so queueing builds no key ({@code chain()} makes one and a recipient string per call):
 * the recipient's kind ({@code null} for a ticket call), id and fixed channel ({@code null}: the preferred one). The
 * parts are guarded by the lock of the entry's box: an erasure that rewrites an external recipient's address
 * re-derives them for the whole chain, which keeps its place and order.
 */
abstract class ChainedNode extends LiveNode {
    private Party.@Nullable Kind kind;
    private @Nullable String recipient;
    private @Nullable DeliveryChannel channel;

    ChainedNode(long sequence, Lane home) {
        super(sequence, home);
    }

    /** Takes the chain's parts from {@code message}. */
    final void chainOf(OutboxMessage message) {
        NotificationRequest n = message.effect() instanceof NotificationRequest r ? r : null;
        this.kind = n == null ? null : n.recipient().kind();
        this.recipient = n == null ? null : n.recipient().id();
        this.channel = n == null ? null : n.channel().orElse(null);
    }

    /** Whether {@code message}'s chain is another than the node's (a rewritten recipient). */
    final boolean chainDiffers(OutboxMessage message) {
        NotificationRequest n = message.effect() instanceof NotificationRequest r ? r : null;
        return n == null
                ? kind != null
                : kind != n.recipient().kind()
                        || channel != n.channel().orElse(null)
                        || !n.recipient().id().equals(recipient);
    }

    /** Whether nodes {@code a} and {@code b} of one escalation are in one chain (their chain keys are equal). */
    static boolean sameChain(ChainedNode a, ChainedNode b) {
        return a.kind == b.kind && a.channel == b.channel && Objects.equals(a.recipient, b.recipient);
    }

    /** The chain's key for a message of {@code escalation}, equal to the message's {@link OutboxMessage#chain()}. */
    final ChainKey chainKey(EscalationId escalation) {
        return kind == null
                ? new ChainKey(escalation, OutboxMessage.Target.TICKETING, "", "")
                : new ChainKey(
                        escalation,
                        OutboxMessage.Target.NOTIFICATION,
                        new PartyRef(kind, recipient).toString(),
                        channel == null ? "" : channel.name());
    }
}
