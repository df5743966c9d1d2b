package dev.escalation;

import static dev.escalation.World.INA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A host whose {@code escalationIds} supplier gives an id the engine's commands refuse (an invisible formatting
 * character, an unpaired surrogate) or none: before, the escalation was stored under it, and every later command on
 * it was refused as {@code INVALID_COMMAND}: an escalation nobody could acknowledge, resolve or withdraw. Now
 * {@code escalate} throws the configuration error and nothing is stored, queued or published.
 */
class UnusableEscalationIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"E-\u200b1", "E-\u202e1", "E-\ufeff", "E-\ud800", "E-\udc00x", "null"})
    void anIdTheCommandsWouldRefuseIsAConfigurationErrorAndStoresNothing(String id) {
        InMemoryEscalationStore memory = new InMemoryEscalationStore();
        World w = new World(b -> b.escalationIds(() -> id.equals("null") ? null : EscalationId.of(id)), memory);

        assertThatThrownBy(() -> w.engine.escalate(INA, World.escalateC1()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("escalationIds");

        assertThat(memory.listForCustomer(CustomerId.of("acme"), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(memory.outbox().counts().pending()).isZero();
        assertThat(w.events).isEmpty();
    }
}
