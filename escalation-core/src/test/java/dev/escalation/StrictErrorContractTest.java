package dev.escalation;

import static dev.escalation.World.EVE;
import static dev.escalation.World.GIL;
import static dev.escalation.World.INA;
import static dev.escalation.World.SAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.escalation.InvalidCommandException.Violation;
import dev.escalation.command.Acknowledge;
import dev.escalation.command.EscalateCase;
import dev.escalation.command.LogProgress;
import dev.escalation.command.Withdraw;
import dev.escalation.inmemory.InMemoryEscalationStore;
import dev.escalation.model.Cause;
import dev.escalation.model.Criticality;
import dev.escalation.model.CustomerId;
import dev.escalation.model.EscalationId;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import dev.escalation.model.Visibility;
import dev.escalation.spi.CustomerDirectory;
import dev.escalation.spi.EscalationStore;
import dev.escalation.spi.StaffDirectory;
import dev.escalation.spi.StoredEscalation;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The strict error contract where it depends on how the engine uses its ports: bad actors are refused before any port
 * is called (mocks), reads re-check what a misbehaving store returns and a store outage is a retryable error
 * ({@link RecordingStore}'s fault hooks). The codes of each bad argument are tested through the public API in
 * escalation-test's {@code dev.escalation.test.engine.StrictErrorContractTest}.
 */
class StrictErrorContractTest {

    private final World w = new World(b -> b.slaPolicy(SlaFixtures.V1));

    private static void refused(ThrowingCallable call, String field, String rule) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidCommandException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::rule)
                                .contains(org.assertj.core.groups.Tuple.tuple(field, rule)));
    }

    @Test
    void badActorsAreRefusedBeforeAnyPortIsCalled() {
        CustomerDirectory customers = mock(CustomerDirectory.class);
        StaffDirectory staff = mock(StaffDirectory.class);
        EscalationStore store = mock(EscalationStore.class);
        when(store.capabilities()).thenReturn(new InMemoryEscalationStore().capabilities());
        World mocked = new World(b -> b.customers(customers).staff(staff), store);
        clearInvocations(store); // the build reads the store's declaration; the commands below must call nothing
        EscalationEngine engine = mocked.engine;
        EscalationId id = EscalationId.of("E-1");

        refused(() -> engine.find(null, id), "actor", "NotNull");
        refused(() -> engine.find(new Actor(null, "ina"), id), "actor.kind", "NotNull");
        refused(() -> engine.find(new Actor(Actor.Kind.CONTACT, null), id), "actor.id", "NotNull");
        for (String bad : List.of(
                "", "   ", "\u00a0\u3000", "\u200b", "in\u0000a", "in\u001ba", "ina\n", "x".repeat(129), "\ud800ina")) {
            refused(() -> engine.find(new Actor(Actor.Kind.CONTACT, bad), id), "actor.id", "Id");
            refused(() -> engine.operations().dueWorkBacklog(new Actor(Actor.Kind.STAFF, bad), 10), "actor.id", "Id");
            refused(() -> engine.escalate(new Actor(Actor.Kind.CONTACT, bad), World.escalateC1()), "actor.id", "Id");
        }
        verifyNoInteractions(customers, staff, store);
    }

    @Test
    void readsRecheckWhatTheStoreReturns() {
        EscalationId acme = w.active();
        w.engine.logProgress(EVE, new LogProgress(acme, LogProgress.Kind.NOTE, "internal", Visibility.INTERNAL));
        EscalationId globex = w.engine
                .escalate(GIL, new EscalateCase(World.G1, "Login broken", Cause.COMPLAINT, Criticality.HIGH, null))
                .escalation();

        w.recording.redirect.set(globex); // the store answers with another escalation than asked for
        assertThat(w.engine.find(SAM, acme)).isEmpty();
        assertThat(w.engine.find(INA, acme)).isEmpty();
        assertThatThrownBy(() -> w.engine.timeline(SAM, acme, PageRequest.first(10)))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine.deadlines(INA, acme)).isInstanceOf(EscalationNotFoundException.class);

        w.recording.redirect.set(null);
        w.recording.leak.set(true); // the store ignores the customer
        assertThat(w.engine.find(GIL, acme)).isEmpty();
        assertThat(w.engine
                        .escalationsOfCustomer(GIL, CustomerQuery.all(), PageRequest.first(10))
                        .items())
                .extracting(s -> s.id())
                .containsExactly(globex);
        assertThat(w.engine.timeline(INA, acme, PageRequest.first(100)).items())
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.visibility()).isEqualTo(Visibility.CUSTOMER));
    }

    @Test
    void aChangeGivenAnotherEscalationThanAskedForIsRefusedAndChangesNone() {
        EscalationId first = w.escalated();
        EscalationId second = w.engine
                .escalate(INA, new EscalateCase(World.C2, "Slow queries", Cause.SOFTWARE_ERROR, Criticality.HIGH, null))
                .escalation();
        StoredEscalation firstBefore = w.stored(first);
        StoredEscalation secondBefore = w.stored(second);
        long pending = w.pending();
        w.events.clear();

        w.recording.redirectChanges.set(second); // the store loads the other escalation for every change
        assertThatThrownBy(() -> w.engine.acknowledge(SAM, new Acknowledge(first, StaffId.of("eve"), "Called Ina")))
                .isInstanceOf(EscalationNotFoundException.class);
        assertThatThrownBy(() -> w.engine.withdraw(INA, new Withdraw(first, "solved")))
                .isInstanceOf(EscalationNotFoundException.class);

        assertThat(w.stored(first)).isEqualTo(firstBefore);
        assertThat(w.stored(second)).isEqualTo(secondBefore);
        assertThat(w.pending()).isEqualTo(pending);
        assertThat(w.events).isEmpty();
    }

    @Test
    void whenTheStoreIsDownTheCallerGetsARetryableErrorAndNothingIsApplied() {
        RecordingStore store = new RecordingStore(new InMemoryEscalationStore());
        World down = new World(b -> {}, store);
        store.down.set(true);

        assertThatThrownBy(() -> down.engine.escalate(INA, World.escalateC1()))
                .isInstanceOfSatisfying(EscalationUnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.code()).isEqualTo("UNAVAILABLE");
                });
        store.down.set(false);
        assertThat(store.listForCustomer(CustomerId.of("acme"), PageRequest.first(10))
                        .items())
                .isEmpty();
        assertThat(store.outbox().counts().pending()).isZero();
        assertThat(down.events).isEmpty();
    }
}
