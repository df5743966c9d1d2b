package dev.escalation.inmemory;

import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.OutboxMessage.ChainKey;
import java.time.Instant;
import java.util.Optional;

/** One waiting message of the {@link InMemoryOutbox}, with its status and claim; guarded by the outbox's lock. */
final class OutboxEntry {

    enum Status {
        PENDING,
        DEAD
    }

    final long sequence;
    final ChainKey chain;
    OutboxMessage message;
    Status status = Status.PENDING;
    String claimToken = "";
    Instant leaseUntil = Instant.MIN;

    OutboxEntry(long sequence, OutboxMessage message) {
        this.sequence = sequence;
        this.message = message;
        this.chain = message.chain();
    }

    /** Whether {@code claimed} is the live claim of this pending entry. */
    boolean isHeldBy(ClaimedMessage claimed) {
        return status == Status.PENDING && !claimToken.isEmpty() && claimToken.equals(claimed.claimToken());
    }

    /** Ends the claim: the entry is claimable again once it is pending and due. */
    void release() {
        claimToken = "";
        leaseUntil = Instant.MIN;
    }

    /** A failed attempt to be tried again at {@code next}. */
    void retry(Instant next, String reason) {
        message = copy(message, next, message.attempts() + 1, Optional.of(reason), Optional.empty());
        release();
    }

    /** A failed attempt that is not tried again until replayed; the entry keeps holding its chain back. */
    void deadLetter(String reason, String code) {
        message =
                copy(message, message.nextAttemptAt(), message.attempts() + 1, Optional.of(reason), Optional.of(code));
        status = Status.DEAD;
        release();
    }

    /** A dead letter replayed: pending again, due at {@code now}, attempts counted from zero. */
    void revive(Instant now) {
        status = Status.PENDING;
        message = copy(message, now, 0, message.lastError(), Optional.empty());
        release();
    }

    private static OutboxMessage copy(
            OutboxMessage m, Instant next, int attempts, Optional<String> error, Optional<String> deadCode) {
        return new OutboxMessage(m.id(), m.customer(), m.effect(), m.createdAt(), next, attempts, error, deadCode);
    }
}
