package dev.escalation.jdbc;

import static dev.escalation.jdbc.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.model.DueKind;
import dev.escalation.model.EscalationState;
import dev.escalation.spi.ClaimedMessage;
import dev.escalation.spi.DeliveryOutcome;
import dev.escalation.spi.OutboxMessage;
import dev.escalation.spi.StoredEscalation;
import dev.escalation.spi.TicketCommand;
import dev.escalation.spi.UnitOfWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many transactions each store call costs, counted at the connection pool ({@link CountingDataSource}): exactly
 * one per changing command (row, entries, outbox, due items, change feed), at most one for a refused one, one per
 * claim and one per finished batch.
 */
abstract class TransactionCountTestBase extends StoreTestSupport {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCountTestBase.class);

    private CountingDataSource counting;
    private JdbcEscalationStore counted;

    @BeforeAll
    void countingStore() {
        if (!databaseAvailable()) {
            return;
        }
        counting = new CountingDataSource(pool);
        counted = JdbcEscalationStore.builder(counting).build();
    }

    private <T> CountingDataSource.Counts measure(String what, Supplier<T> call) {
        CountingDataSource.Counts before = counting.counts();
        call.get();
        CountingDataSource.Counts cost = counting.counts().minus(before);
        LOG.info("[{}] {}: {}", databaseName(), what, cost);
        return cost;
    }

    private CountingDataSource.Counts measureFailure(String what, Runnable call) {
        CountingDataSource.Counts before = counting.counts();
        assertThatThrownBy(call::run).isInstanceOf(RuntimeException.class);
        CountingDataSource.Counts cost = counting.counts().minus(before);
        LOG.info("[{}] {}: {}", databaseName(), what, cost);
        return cost;
    }

    private static void assertOneWriteTransaction(CountingDataSource.Counts cost) {
        assertThat(cost.transactions()).isEqualTo(1);
        assertThat(cost.writeTransactions()).isEqualTo(1);
        assertThat(cost.rollbacks()).isZero();
    }

    @Test
    void createAndEachChangingCommandCostExactlyOneTransaction() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<OutboxMessage> messages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            messages.add(Fixtures.message("acme", Fixtures.notification(r.id(), "create-" + i), T0));
        }
        messages.add(Fixtures.message(
                "acme",
                new TicketCommand.Open("open", r.id(), r.customer(), r.caseId(), "s", "d", r.criticality()),
                T0));

        CountingDataSource.Counts create = measure("create", () -> {
            counted.create(Fixtures.creation(
                    r, messages, List.of(Fixtures.due(r, DueKind.FIRST_CONTACT, "breach", T0.plusSeconds(3600)))));
            return null;
        });
        assertOneWriteTransaction(create);
        assertThat(create.commits()).isEqualTo(1);

        for (EscalationState state :
                List.of(EscalationState.ACKNOWLEDGED, EscalationState.ACTIVE, EscalationState.RESOLVED)) {
            List<OutboxMessage> queued = List.of(
                    Fixtures.message("acme", Fixtures.notification(r.id(), state + "-n"), T0),
                    Fixtures.message(
                            "acme",
                            new TicketCommand.PostUpdate(
                                    state + "-t", r.id(), "now " + state, dev.escalation.model.Visibility.CUSTOMER),
                            T0));
            CountingDataSource.Counts change = measure(
                    "change to " + state,
                    () -> counted.changeForCustomer(
                            r.customer(),
                            r.id(),
                            Fixtures.advance(
                                    state,
                                    "to " + state,
                                    queued,
                                    List.of(Fixtures.due(
                                            r, DueKind.RESOLUTION, "breach-" + state, T0.plusSeconds(7200))))));
            assertOneWriteTransaction(change);
            // pools that hand out auto-commit connections get one explicit commit; others too
            assertThat(change.commits()).isEqualTo(1);
        }
        assertThat(store.findForVendor(r.id()).orElseThrow().version()).isEqualTo(4);
    }

    @Test
    void aRefusedOrKeptCommandCostsAtMostOneTransactionAndWritesNothing() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        store.create(Fixtures.creation(r));

        CountingDataSource.Counts refused = measureFailure(
                "refused change",
                () -> counted.changeForVendor(r.id(), current -> {
                    throw new IllegalStateException("not allowed in this state");
                }));
        assertThat(refused.transactions()).isLessThanOrEqualTo(1);
        assertThat(refused.writeTransactions()).isZero();
        assertThat(refused.commits()).isZero();

        CountingDataSource.Counts kept =
                measure("kept change", () -> counted.changeForVendor(r.id(), current -> UnitOfWork.Decision.keep(0)));
        assertThat(kept.transactions()).isLessThanOrEqualTo(1);
        assertThat(kept.writeTransactions()).isZero();

        CountingDataSource.Counts absent = measure(
                "change of another customer's escalation",
                () -> counted.changeForCustomer(
                        dev.escalation.model.CustomerId.of("globex"),
                        r.id(),
                        Fixtures.advance(EscalationState.ACTIVE, "x")));
        assertThat(absent.transactions()).isLessThanOrEqualTo(1);
        assertThat(absent.writeTransactions()).isZero();
        assertThat(store.findForVendor(r.id())).contains(r);
    }

    @Test
    void aClaimIsOneStatementAndAFinishedBatchOneTransaction() {
        StoredEscalation r = Fixtures.raised("acme", "E-1", "C-1", T0);
        List<OutboxMessage> messages = new ArrayList<>();
        messages.add(Fixtures.message(
                "acme",
                new TicketCommand.Open("open", r.id(), r.customer(), r.caseId(), "s", "d", r.criticality()),
                T0));
        for (int i = 0; i < 8; i++) {
            messages.add(Fixtures.message(
                    "acme", Fixtures.notification(r.id(), "n" + i, Fixtures.contact("c" + (i % 3))), T0.plusNanos(i)));
        }
        store.create(Fixtures.creation(r, messages, List.of()));

        List<ClaimedMessage> claimed = new ArrayList<>();
        CountingDataSource.Counts claim = measure(
                "claim",
                () -> claimed.addAll(counted.outbox().claim("me", T0.plusSeconds(1), Duration.ofMinutes(1), 100)));
        assertThat(claimed).hasSize(9);
        assertOneWriteTransaction(claim);

        List<DeliveryOutcome> outcomes = new ArrayList<>();
        outcomes.add(new DeliveryOutcome.Delivered(claimed.get(0), Optional.of("T-1")));
        outcomes.add(new DeliveryOutcome.Retry(claimed.get(1), T0.plusSeconds(60), "down"));
        outcomes.add(new DeliveryOutcome.DeadLetter(claimed.get(2), "PERMANENT", "bounced"));
        for (int i = 3; i < claimed.size(); i++) {
            outcomes.add(new DeliveryOutcome.Delivered(claimed.get(i), Optional.empty()));
        }
        CountingDataSource.Counts finish = measure(
                "finish of a batch of 9 with a ticket reference",
                () -> counted.outbox().finish(outcomes, T0.plusSeconds(1)));
        assertOneWriteTransaction(finish);
        assertThat(store.findForVendor(r.id()).orElseThrow().ticketReference()).contains("T-1");
    }
}
