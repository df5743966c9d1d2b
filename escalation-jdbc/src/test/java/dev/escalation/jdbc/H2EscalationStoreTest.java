package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.model.EscalationState;
import dev.escalation.spi.EscalationWrite;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.UnitOfWork;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link EscalationStoreTestBase} on embedded H2, and H2's unlocked first read of a change. */
class H2EscalationStoreTest extends EscalationStoreTestBase {
    @Override
    protected TestDatabase openDatabase() {
        return TestDatabase.h2();
    }

    /**
     * On H2 a change reads the row without a lock and writes on condition of the version it read: a change that
     * commits in between (here from inside the first decision, which a row lock would block) makes the store run the
     * unit of work again on the newer version; nothing is lost and nothing is written twice.
     */
    @Test
    void aChangeCommittedBetweenTheReadAndTheWriteMakesTheUnitOfWorkRunAgainOnTheNewerVersion() throws Exception {
        StoredEscalation v1 = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.create(Fixtures.creation(v1));
        List<Long> seen = new CopyOnWriteArrayList<>();

        StoredEscalation result = store.changeForVendor(v1.id(), current -> {
                    seen.add(current.version());
                    if (seen.size() == 1) {
                        try {
                            CompletableFuture.supplyAsync(() -> store.changeForVendor(
                                                    v1.id(), Fixtures.advance(EscalationState.ACTIVE, "meanwhile"))
                                            .orElseThrow())
                                    .get(20, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new AssertionError("the concurrent change did not commit", e);
                        }
                    }
                    EscalationWrite w = Fixtures.next(current, EscalationState.ACTIVE, "mine");
                    return UnitOfWork.Decision.write(w, w.next());
                })
                .orElseThrow();

        assertThat(seen).containsExactly(v1.version(), v1.version() + 1);
        assertThat(result.version()).isEqualTo(v1.version() + 2);
        assertThat(store.findForVendor(v1.id())).contains(result);
        assertThat(store.entriesForVendor(v1.id(), 0, 10))
                .extracting(e -> e.text().orElse(""))
                .containsExactly("entry 1", "meanwhile", "mine");
    }
}
