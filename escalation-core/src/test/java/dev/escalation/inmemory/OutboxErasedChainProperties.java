package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.PartyRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Erasing an external stakeholder rewrites their address in the messages still waiting for them, and the outbox then
 * holds the address nowhere: not in a waiting entry's chain, not in its box's index of chains (boxes with more than
 * sixteen chains have one). Their chain keeps its messages and its order under the marker: a dead head still holds
 * the rest back, and nothing else is held back. Drawn: how many other recipients the escalation has (so boxes with
 * and without an index), whether a second external is erased too (two chains then have the same key), and whether
 * the erased chain's first message is a dead letter when the erasure comes.
 */
class OutboxErasedChainProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final EscalationId E1 = EscalationId.of("E-1");
    private static final String ZOE = "zoe@partner.example";
    private static final String YAN = "yan@partner.example";
    private static final String MARKER = "[erased]";

    @Property(tries = 300)
    void anErasedAddressLeavesTheOutboxsChainsAndTheChainKeepsItsOrder(
            @ForAll @IntRange(min = 0, max = 24) int others, @ForAll boolean alsoYan, @ForAll boolean deadHead) {
        InMemoryOutbox outbox = TestOutboxes.withoutTickets();
        List<String> externals = alsoYan ? List.of(ZOE, YAN) : List.of(ZOE);
        for (int n = 0; n < 3; n++) { // three writes, each with one message per recipient
            List<OutboxMessage> write = new ArrayList<>();
            for (int r = 0; r < others; r++) {
                write.add(message(new Party(Party.Kind.CONTACT, "c" + r, "Ina", "ina@acme.example"), "c" + r, n));
            }
            for (String address : externals) {
                write.add(message(new Party(Party.Kind.EXTERNAL, address, "Zoe", address), address, n));
            }
            outbox.enqueue(write);
        }
        if (deadHead) { // the externals' first messages failed for good; everything else goes back to pending
            List<DeliveryOutcome> outcomes = new ArrayList<>();
            for (ClaimedMessage c : outbox.claim("w", T0, Duration.ofMinutes(1), 1000)) {
                outcomes.add(
                        c.message().idempotencyKey().endsWith("@partner.example-n0")
                                ? new DeliveryOutcome.DeadLetter(c, "X", "gone")
                                : new DeliveryOutcome.Released(c));
            }
            outbox.finish(outcomes, T0);
        }
        assertThat(held(outbox)).anyMatch(k -> k.contains(ZOE));

        for (String address : externals) {
            Eraser eraser = new Eraser(new PartyRef(Party.Kind.EXTERNAL, address), Set.of(address), MARKER);
            outbox.rewritePayloads(eraser::message);
        }

        assertThat(held(outbox)).noneMatch(k -> k.contains(ZOE) || k.contains(YAN));
        Set<OutboxMessage.ChainKey> waiting =
                outbox.waiting().stream().map(OutboxMessage::chain).collect(Collectors.toSet());
        assertThat(new HashSet<>(outbox.chainKeysHeld())).isEqualTo(waiting);

        // every chain goes on in order; an erased chain with a dead head stays held behind it
        List<ClaimedMessage> claimed = outbox.claim("w", T0.plusSeconds(3600), Duration.ofMinutes(1), 1000);
        Map<String, Integer> last = new HashMap<>();
        for (ClaimedMessage c : claimed) {
            String key = c.message().idempotencyKey();
            String chain = key.substring(0, key.lastIndexOf("-n"));
            int n = Integer.parseInt(key.substring(key.lastIndexOf("-n") + 2));
            assertThat(last.getOrDefault(chain, deadHead && chain.contains("@") ? 0 : -1))
                    .as("order of %s", chain)
                    .isEqualTo(n - 1);
            last.put(chain, n);
        }
        int erasedClaimed = (int) claimed.stream()
                .filter(c -> c.message().idempotencyKey().contains("@"))
                .count();
        assertThat(erasedClaimed).isEqualTo(deadHead ? 0 : 3 * externals.size());
        assertThat(claimed).hasSize(3 * others + erasedClaimed);
    }

    /** The chain keys the outbox holds, as text. */
    private static List<String> held(InMemoryOutbox outbox) {
        return outbox.chainKeysHeld().stream().map(Object::toString).toList();
    }

    /** Message {@code n} to {@code recipient}, whose chain is named by {@code chain} in the key. */
    private static OutboxMessage message(Party recipient, String chain, int n) {
        return TestOutboxes.notification("E-1-" + chain + "-n" + n, recipient, T0);
    }
}
