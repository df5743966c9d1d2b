package dev.escalation.test.broken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CaseId;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork.Decision;
import dev.escalation.test.Records;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The read-cache fault of S20 bites on a stale read and on nothing else. The shipped store's read cache may or may not
 * hand the next reader the instance it gave the last one; the wrapper compared instances and renumbered every write
 * decided on another instance, also a write already wrong for its read, which S15 must see refused. So S15 failed in
 * about one run in a hundred, and {@link BrokenAdaptersTest}'s exact list of failed rules with it.
 */
class DecidesOnCachedReadTest {

    private static final EscalationId ID = EscalationId.of("cached-1");

    /** The in-memory store, except that every read returns a fresh copy (equal, never the same instance). */
    private static final class CopyingReads extends Forwarding.Store {
        CopyingReads(EscalationStore delegate) {
            super(delegate);
        }

        @Override
        public Optional<StoredEscalation> findForVendor(EscalationId id) {
            return delegate.findForVendor(id).map(s -> Records.from(s).build());
        }
    }

    private final EscalationStore plain = new InMemoryEscalationStore();
    private final EscalationStore broken = new Broken.DecidesOnCachedRead(new CopyingReads(plain));

    DecidesOnCachedReadTest() {
        plain.create(Records.creationOf(Records.escalation(ID, CustomerId.of("acme"), CaseId.of("C-1"))
                .raisedAt(Records.T0)
                .build()));
    }

    @Test
    void aFreshReadInAnotherInstanceIsPassedOnUnchanged() {
        broken.findForVendor(ID); // caches a copy equal to the stored row
        assertThatThrownBy(() -> broken.changeForVendor(ID, current -> {
                    EscalationWrite next = Records.next(current, EscalationState.ACKNOWLEDGED, Records.T0, "skip");
                    return Decision.write(skipped(next), 1);
                }))
                .as("a write skipping a version, decided on a fresh read, must reach the store as it is")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(plain.findForVendor(ID).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aWriteOnAStaleReadIsStillWrittenOnTopOfTheRowInBetween() {
        broken.findForVendor(ID); // caches version 1
        plain.changeForVendor(
                ID,
                current -> Decision.write(
                        Records.next(current, EscalationState.ACKNOWLEDGED, Records.T0.plusSeconds(1), "in between"),
                        1));
        long[] decidedOn = new long[1];
        broken.changeForVendor(ID, current -> {
            decidedOn[0] = current.version();
            return Decision.write(
                    Records.next(current, EscalationState.ACTIVE, Records.T0.plusSeconds(2), "on the stale read"), 2);
        });
        assertThat(decidedOn[0])
                .as("the unit of work decided on the cached version 1")
                .isEqualTo(1);
        StoredEscalation stored = plain.findForVendor(ID).orElseThrow();
        assertThat(stored.version()).as("written on top of version 2").isEqualTo(3);
        assertThat(stored.facts().entryCount()).as("both updates' entries kept").isEqualTo(3);
        assertThat(stored.state()).isEqualTo(EscalationState.ACTIVE);
    }

    private static EscalationWrite skipped(EscalationWrite w) {
        return new EscalationWrite(
                Records.from(w.next()).version(w.next().version() + 1).build(), w.entries(), w.messages(), w.due());
    }
}
