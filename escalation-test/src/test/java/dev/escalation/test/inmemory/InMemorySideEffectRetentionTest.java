package dev.escalation.test.inmemory;

import static dev.escalation.test.Records.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.Visibility;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxCounts;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import dev.escalation.test.Records;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Issue #17, heap: completed side effects and their idempotency keys leave the in-memory store after the
 * de-duplication window W. 200,000 lifecycles (created with a message and a due item, closed with two more messages,
 * one second apart, so 200,000 s is far more than W = 1 h), drained every 1,000 and purged as a retention job would;
 * then the clock moves past W. Counted, not timed: {@link InMemoryEscalationStore#sideEffectEntriesHeld()} stays
 * bounded by what W covers while running and is 0 at the end, while a key delivered within W is still de-duplicated
 * (rule O7).
 */
class InMemorySideEffectRetentionTest {

    private static final CustomerId ACME = CustomerId.of("acme");
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final int LIFECYCLES = 200_000;

    @Test
    void deliveredSideEffectsAndTheirKeysLeaveMemoryAfterTheWindow(TestReporter reporter) {
        InMemoryEscalationStore store = new InMemoryEscalationStore(WINDOW);
        Instant t = T0;
        int maxHeld = 0;
        for (int i = 0; i < LIFECYCLES; i++) {
            t = T0.plusSeconds(i);
            lifecycle(store, i, t);
            if (i % 1_000 == 999) {
                drain(store, t);
                store.retention().orElseThrow().purgeFinalBefore(t, 10_000);
                maxHeld = Math.max(maxHeld, store.sideEffectEntriesHeld());
            }
        }
        drain(store, t);
        // 3 keys per lifecycle, one lifecycle per second: W covers 10,800 keys (each a key and a delivery record)
        reporter.publishEntry("maxHeldWhileRunning", Integer.toString(maxHeld));
        assertThat(maxHeld).as("entries held while running").isLessThanOrEqualTo(2 * 3 * (3_600 + 1_000) + 100);

        // within W a delivered key is still de-duplicated
        Instant late = t.plusSeconds(1);
        assertThat(create(store, "again-1", late, "x-" + (LIFECYCLES - 1)).pending())
                .isZero();

        // past W: a claim forgets every delivered key; nothing is pending, so nothing is held
        Instant past = t.plus(WINDOW).plusSeconds(1);
        assertThat(store.outbox().claim("dispatcher", past, Duration.ofMinutes(1), 100))
                .isEmpty();
        store.retention().orElseThrow().purgeFinalBefore(past, 10_000);
        reporter.publishEntry("heldAfterWindow", Integer.toString(store.sideEffectEntriesHeld()));
        assertThat(store.sideEffectEntriesHeld())
                .as("entries held after the window")
                .isZero();

        // and the forgotten key may be queued again: then exactly its pending work is held
        assertThat(create(store, "again-2", past, "x-" + (LIFECYCLES - 1)).pending())
                .isEqualTo(1);
        assertThat(store.sideEffectEntriesHeld())
                .as("a waiting message: its entry, its escalation's queue and its key")
                .isEqualTo(3);
    }

    private static void lifecycle(InMemoryEscalationStore store, int i, Instant t) {
        EscalationId id = EscalationId.of("E-" + i);
        StoredEscalation first = Records.escalation(id, ACME, CaseId.of("C-" + i))
                .submissionKey("s-" + i)
                .raisedAt(t)
                .updatedAt(t)
                .build();
        store.create(Records.creation(first)
                .messages(Records.notificationMessage(ACME, id, "c-" + i, t))
                .due(Records.dueItem(id, ACME, DueKind.FIRST_CONTACT, "remind", t.plus(WINDOW)))
                .build());
        store.changeForVendor(
                id,
                current -> UnitOfWork.Decision.write(
                        Records.change(current)
                                .at(t)
                                .state(EscalationState.CLOSED)
                                .entry(Records.update(t, Visibility.CUSTOMER, "closed"))
                                .messages(
                                        Records.notificationMessage(ACME, id, "x-" + i, t),
                                        Records.notificationMessage(ACME, id, "y-" + i, t))
                                .build(),
                        Boolean.TRUE));
    }

    /** Creates an escalation whose first write carries a message with {@code key}; returns the outbox counts. */
    private static OutboxCounts create(InMemoryEscalationStore store, String name, Instant at, String key) {
        EscalationId id = EscalationId.of(name);
        store.create(Records.creation(Records.escalation(id, ACME, CaseId.of(name))
                        .raisedAt(at)
                        .updatedAt(at)
                        .build())
                .messages(Records.notificationMessage(ACME, id, key, at))
                .build());
        return store.outbox().counts();
    }

    private static void drain(InMemoryEscalationStore store, Instant now) {
        while (true) {
            List<ClaimedMessage> batch = store.outbox().claim("dispatcher", now, Duration.ofMinutes(1), 500);
            if (batch.isEmpty()) {
                return;
            }
            List<DeliveryOutcome> outcomes = new ArrayList<>();
            batch.forEach(c -> outcomes.add(new DeliveryOutcome.Delivered(c, Optional.empty())));
            store.outbox().finish(outcomes, now);
        }
    }
}
