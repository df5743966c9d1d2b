package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.Party;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An escalation's box finds its chains by a scan while it has few and through a map once it has many: either way one
 * claim takes a chain's messages in order, a chain's later message waits behind its dead head, and a box left with
 * no message leaves the outbox.
 */
class OutboxChainsTest {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final EscalationId E1 = EscalationId.of("E-1");

    /** Message {@code n} to recipient {@code r}: each recipient is a chain of its own. */
    private static OutboxMessage message(int r, int n) {
        return TestOutboxes.notification(
                "E-1-r" + r + "-n" + n, new Party(Party.Kind.CONTACT, "c" + r, "Ina", "ina@acme.example"), T0);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 9, 16, 17, 20, 40})
    void chainsKeepTheirOrderAndLeaveNothingBehind(int recipients) {
        InMemoryOutbox outbox = TestOutboxes.withoutTickets();
        for (int n = 0; n < 3; n++) { // three writes, each with one message per recipient
            List<OutboxMessage> write = new ArrayList<>();
            for (int r = 0; r < recipients; r++) {
                write.add(message(r, n));
            }
            outbox.enqueue(write);
        }
        assertThat(outbox.counts().pending()).isEqualTo(3L * recipients);

        // the first message of recipient 0 fails for good: its chain waits, the others go out in order
        List<ClaimedMessage> first = outbox.claim("w", T0, Duration.ofMinutes(1), 1000);
        assertThat(first).hasSize(3 * recipients);
        Map<String, Integer> last = new HashMap<>();
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (ClaimedMessage c : first) {
            String key = c.message().idempotencyKey();
            String chain = key.substring(0, key.lastIndexOf("-n"));
            int n = Integer.parseInt(key.substring(key.lastIndexOf("-n") + 2));
            assertThat(last.getOrDefault(chain, -1)).as("order of %s", chain).isEqualTo(n - 1);
            last.put(chain, n);
            outcomes.add(
                    key.equals("E-1-r0-n0")
                            ? new DeliveryOutcome.DeadLetter(c, "X", "gone")
                            : key.startsWith("E-1-r0-")
                                    ? new DeliveryOutcome.Released(c)
                                    : new DeliveryOutcome.Delivered(c, Optional.empty()));
        }
        outbox.finish(outcomes, T0);
        assertThat(outbox.counts().pending()).isEqualTo(2);
        assertThat(outbox.counts().dead()).isEqualTo(1);
        assertThat(outbox.claim("w", T0.plusSeconds(120), Duration.ofMinutes(1), 1000))
                .as("behind the dead head")
                .isEmpty();

        assertThat(outbox.replayAll(E1, T0.plusSeconds(120))).isEqualTo(1);
        List<ClaimedMessage> rest = outbox.claim("w", T0.plusSeconds(120), Duration.ofMinutes(1), 1000);
        assertThat(rest)
                .extracting(c -> c.message().idempotencyKey())
                .containsExactly("E-1-r0-n0", "E-1-r0-n1", "E-1-r0-n2");
        outbox.finish(
                rest.stream()
                        .<DeliveryOutcome>map(c -> new DeliveryOutcome.Delivered(c, Optional.empty()))
                        .toList(),
                T0.plusSeconds(120));
        assertThat(outbox.counts().pending()).isZero();
        assertThat(outbox.countsOf(E1).pending()).isZero();
        // only the delivered keys stay (for the de-duplication window), each in its stripe and its delivery record
        assertThat(outbox.retained()).as("no entry, no box").isEqualTo(2 * 3 * recipients);
    }
}
