package dev.escalation.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.MessageId;
import dev.escalation.model.NotificationKind;
import dev.escalation.model.Party;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.NotificationRequest;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The in-memory outbox against a plain model of its contract, one thread, random writes (three escalations, three
 * chains each, keys reused so some are duplicates), claims (random limits and leases, time moving on, sometimes past
 * the de-duplication window) and finishes of fresh and stale claims with every outcome. Each claim must take exactly
 * the messages the model takes, in the same order (oldest first; a message only when every older waiting message of
 * its chain is taken by the same claim; not while leased, dead or not yet due); each finish must record exactly the
 * outcomes of live claims; the counts must agree after every step.
 */
class OutboxModelProperties {
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final CustomerId ACME = CustomerId.of("acme");
    private static final Duration WINDOW = Duration.ofDays(7);

    /** The model's view of one waiting message. */
    private static final class Waiting {
        final long sequence;
        final OutboxMessage message;
        final String chain;
        boolean dead;
        Instant next;
        Instant leaseUntil = Instant.MIN;
        String token = "";

        Waiting(long sequence, OutboxMessage message, String chain) {
            this.sequence = sequence;
            this.message = message;
            this.chain = chain;
            this.next = message.nextAttemptAt();
        }
    }

    private static OutboxMessage message(int escalation, int recipient, int key, Instant now) {
        String k = "E" + escalation + "-k" + key;
        EscalationId e = EscalationId.of("E-" + escalation);
        return OutboxMessage.pending(
                MessageId.of("m-" + k + "-" + now.toEpochMilli()),
                ACME,
                new NotificationRequest(
                        k,
                        e,
                        CaseId.of("C-" + escalation),
                        NotificationKind.ESCALATION_CONFIRMED,
                        Optional.empty(),
                        new Party(Party.Kind.CONTACT, "c" + recipient, "Ina", "ina@acme.example"),
                        Map.of(),
                        Optional.of("t"),
                        Optional.empty()),
                now);
    }

    @Property(tries = 1000)
    void claimsAndFinishesAgreeWithTheModel(@ForAll @IntRange(min = 1, max = 60) int steps, @ForAll long seed) {
        Random random = new Random(seed);
        InMemoryOutbox outbox = TestOutboxes.withoutTickets();
        List<Waiting> model = new ArrayList<>(); // by sequence
        Map<String, Instant> delivered = new HashMap<>();
        List<List<ClaimedMessage>> claims = new ArrayList<>();
        long sequence = 0;
        long claimNumber = 0;
        Instant now = T0;
        for (int step = 0; step < steps; step++) {
            now = now.plus(random.nextInt(10) == 0 ? WINDOW.plusDays(1) : Duration.ofMinutes(random.nextInt(4)));
            int what = random.nextInt(3);
            if (what == 0) { // a write: one escalation's messages, possibly followed by another's
                List<OutboxMessage> write = new ArrayList<>();
                int n = 1 + random.nextInt(5);
                int escalation = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    if (random.nextInt(4) == 0) {
                        escalation = random.nextInt(3);
                    }
                    write.add(message(escalation, random.nextInt(3), random.nextInt(12), now));
                }
                outbox.enqueue(write);
                for (OutboxMessage m : write) {
                    String key = m.idempotencyKey();
                    boolean waiting = model.stream()
                            .anyMatch(w -> w.message.idempotencyKey().equals(key));
                    Instant at = delivered.get(key);
                    if (!waiting && (at == null || at.isBefore(m.createdAt().minus(WINDOW)))) {
                        String chain = m.escalation().value() + "/" + m.chain().recipient();
                        model.add(new Waiting(++sequence, m, chain));
                    }
                }
            } else if (what == 1) { // a claim
                int limit = 1 + random.nextInt(6);
                Duration lease = Duration.ofMinutes(1 + random.nextInt(3));
                List<ClaimedMessage> claimed = outbox.claim("w", now, lease, limit);
                String token = "w#" + (++claimNumber);
                List<String> expected = new ArrayList<>();
                Set<Waiting> taken = new HashSet<>();
                for (Waiting w : model) {
                    if (expected.size() == limit) {
                        break;
                    }
                    boolean free = !w.dead && !w.leaseUntil.isAfter(now) && !w.next.isAfter(now);
                    boolean head = model.stream()
                            .filter(p -> p.sequence < w.sequence && p.chain.equals(w.chain))
                            .allMatch(taken::contains);
                    if (free && head) {
                        taken.add(w);
                        expected.add(w.message.idempotencyKey());
                        w.leaseUntil = now.plus(lease);
                        w.token = token;
                    }
                }
                assertThat(claimed)
                        .extracting(c -> c.message().idempotencyKey())
                        .containsExactlyElementsOf(expected);
                claims.add(claimed);
            } else if (!claims.isEmpty()) { // a finish of a claim, fresh or stale
                List<ClaimedMessage> claim = claims.get(random.nextInt(claims.size()));
                List<DeliveryOutcome> outcomes = new ArrayList<>();
                int recorded = 0;
                for (ClaimedMessage c : claim) {
                    int kind = random.nextInt(6);
                    DeliveryOutcome o = kind < 3
                            ? new DeliveryOutcome.Delivered(c, Optional.empty())
                            : kind == 3
                                    ? new DeliveryOutcome.Retry(c, now.plusSeconds(random.nextInt(300)), "busy")
                                    : kind == 4
                                            ? new DeliveryOutcome.DeadLetter(c, "X", "gone")
                                            : new DeliveryOutcome.Released(c);
                    outcomes.add(o);
                    Waiting w = model.stream()
                            .filter(x -> x.message.id().equals(c.message().id()))
                            .findFirst()
                            .orElse(null);
                    if (w == null || w.dead || !w.token.equals(c.claimToken())) {
                        continue;
                    }
                    recorded++;
                    w.token = "";
                    w.leaseUntil = Instant.MIN;
                    if (o instanceof DeliveryOutcome.Delivered) {
                        model.remove(w);
                        delivered.put(w.message.idempotencyKey(), now);
                    } else if (o instanceof DeliveryOutcome.Retry r) {
                        w.next = r.nextAttemptAt();
                    } else if (o instanceof DeliveryOutcome.DeadLetter) {
                        w.dead = true;
                    }
                }
                assertThat(outbox.finish(outcomes, now)).isEqualTo(recorded);
            }
            OutboxCounts counts = outbox.counts();
            assertThat(counts.pending())
                    .isEqualTo(model.stream().filter(w -> !w.dead).count());
            assertThat(counts.dead())
                    .isEqualTo(model.stream().filter(w -> w.dead).count());
            assertThat(counts.nextAttemptAt())
                    .isEqualTo(
                            model.stream().filter(w -> !w.dead).map(w -> w.next).min(Instant::compareTo));
        }
    }
}
