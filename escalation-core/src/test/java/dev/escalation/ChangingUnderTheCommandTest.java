package dev.escalation;

import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.escalation.command.Acknowledge;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.ContactId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.EscalationState;
import dev.escalation.model.StaffId;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.SubjectKeys;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A command whose escalation needs other directory data each time the command's unit of work reads it (here: an
 * Incident Manager the engine has not read yet, every time) is changing under the command. The engine reads what is
 * missing and runs the work again, but not for ever: after three rounds it refuses with a retryable conflict and has
 * changed nothing.
 */
class ChangingUnderTheCommandTest {

    @Test
    void aCommandWhoseEscalationNeedsNewDirectoryDataEveryRoundEndsAsAConflict() {
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        AtomicInteger rounds = new AtomicInteger();
        World w = new World(b -> {}, StoreProxies.proxy(memory, (m, args) -> {
            if (!m.getName().equals("changeForVendor")) {
                return null;
            }
            @SuppressWarnings("unchecked")
            UnitOfWork<Object> work = (UnitOfWork<Object>) args[1];
            return memory.changeForVendor((EscalationId) args[0], new UnitOfWork<Object>() {
                @Override
                public Decision<Object> decide(StoredEscalation current) {
                    return work.decide(raisedByANewContact(current, rounds.incrementAndGet()));
                }

                @Override
                public Decision<Object> decide(StoredEscalation current, SubjectKeys keys) {
                    return work.decide(raisedByANewContact(current, rounds.incrementAndGet()), keys);
                }
            });
        }));
        EscalationId id = w.escalated();
        rounds.set(0);

        assertThatThrownBy(() -> assertTimeoutPreemptively(
                        Duration.ofSeconds(20),
                        () -> w.engine.acknowledge(SAM, new Acknowledge(id, StaffId.of("eve"), "Called Ina"))))
                .isInstanceOfSatisfying(EscalationConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFLICT");
                    assertThat(e.reason()).hasValue("CONCURRENT_CHANGE");
                });

        assertThat(rounds.get()).isEqualTo(3);
        StoredEscalation stored = memory.findForVendor(id).orElseThrow();
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.state()).isEqualTo(EscalationState.REQUESTED);
    }

    /** {@code r}, raised by a contact no directory read has seen ({@code "new-<n>"}). */
    private static StoredEscalation raisedByANewContact(StoredEscalation r, int n) {
        return TestRecords.copy(r).raisedBy(ContactId.of("new-" + n)).build();
    }
}
