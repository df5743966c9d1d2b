package dev.escalation;

import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.command.EscalateCase;
import dev.escalation.inmemory.InMemoryAuditAnchors;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.inmemory.InMemorySubjectKeys;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A host whose {@code escalationIds} supplier repeats an id: the store refuses the second escalation's first version
 * (the SPI's {@code IllegalArgumentException} for an id in use), which the engine reports as the configuration error it
 * is — an {@link IllegalStateException} naming the supplier, the store's refusal its cause (before: the store's
 * {@code IllegalArgumentException} reached the caller as if the caller's input were bad) — and nothing of the second
 * escalation is stored, queued or published; the first stays as it was. Both ways a first version is stored: keys read
 * before ({@code create}) and keys read in the store's transaction ({@code createWithKeys}).
 */
class RepeatedEscalationIdTest {

    static Stream<Function<InMemoryEscalationStore, World>> worlds() {
        Function<InMemoryEscalationStore, World> keysBefore =
                memory -> new World(b -> b.escalationIds(() -> EscalationId.of("E-same")), memory);
        Function<InMemoryEscalationStore, World> keysInStore = memory -> {
            InMemorySubjectKeys keys = new InMemorySubjectKeys();
            return new World(
                    b -> b.escalationIds(() -> EscalationId.of("E-same"))
                            .auditTrail(new AuditSettings(keys, new InMemoryAuditAnchors(), AuditTrailTest.KEYS)),
                    new RecordingStore(memory, keys));
        };
        return Stream.of(keysBefore, keysInStore);
    }

    @ParameterizedTest
    @MethodSource("worlds")
    void aRepeatedIdIsAConfigurationErrorAndStoresNothing(Function<InMemoryEscalationStore, World> world) {
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        World w = world.apply(memory);
        EscalationId first = w.engine.escalate(INA, World.escalateC1()).escalation();
        long pending = memory.outbox().counts().pending();
        int events = w.events.size();
        EscalateCase second = new EscalateCase(World.C2, "Slow queries", Cause.SOFTWARE_ERROR, Criticality.HIGH, null);

        assertThatThrownBy(() -> w.engine.escalate(INA, second))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("escalationIds")
                .hasMessageContaining("E-same")
                .hasCauseInstanceOf(IllegalArgumentException.class);

        assertThat(memory.listForCustomer(CustomerId.of("acme"), PageRequest.first(10))
                        .items())
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.id()).isEqualTo(first);
                    assertThat(e.caseId()).isEqualTo(World.C1);
                    assertThat(e.version()).isEqualTo(1);
                });
        assertThat(memory.outbox().counts().pending()).isEqualTo(pending);
        assertThat(w.events).hasSize(events);
    }
}
