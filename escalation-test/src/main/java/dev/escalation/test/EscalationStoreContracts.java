package dev.escalation.test;

import dev.escalation.spi.EscalationStore;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * Every contract of an {@link EscalationStore} in one test class: the store itself ({@link EscalationStoreContract}),
 * its outbox ({@link OutboxContract}), its due work ({@link DueWorkContract}), its desk queries
 * ({@link EscalationQueriesContract}), its retention ({@link DataRetentionContract}) and its metrics
 * ({@link MetricsQueriesContract}), as nested test classes that
 * all take the store from {@link #createStore()}. A store vendor extends this one class:
 *
 * <pre>{@code
 * class MyStoreContractTest extends EscalationStoreContracts {
 *     @Override
 *     protected EscalationStore createStore() {
 *         return MyStore.connect(...);   // empty: truncate the tables here
 *     }
 * }
 * }</pre>
 *
 * <p>The report shows one group per facet ({@code MyStoreContractTest > Outbox > o6_…}), so a failure still points at
 * the part that is wrong. Optional capabilities are read from the store ({@code QUERIES}, {@code RETENTION},
 * {@code LEASES_IN_BACKEND_TIME}); the rules of an undeclared one are skipped with the reason. To tune the stateful
 * properties, the concurrency or the staged races for a slow backend, extend the five contracts one by one instead:
 * each has its hooks.
 */
public abstract class EscalationStoreContracts {

    /** Creates the contracts. */
    protected EscalationStoreContracts() {}

    /**
     * Creates the store under test: empty, with its outbox, due work and change feed empty. Called once per test of
     * every nested contract (and once per try of a stateful property).
     *
     * @return a new, empty store
     */
    protected abstract EscalationStore createStore();

    /**
     * Releases what {@link #createStore()} acquired (connections, containers). Called after each test.
     *
     * @param store the store the test used
     */
    protected void disposeStore(EscalationStore store) {
        // nothing to release by default
    }

    /**
     * Optional capability: a store whose backend cannot answer, to check rule S14. Without it, S14 is skipped with a
     * reason.
     *
     * @return the unavailable store, or empty (the default)
     */
    protected Optional<EscalationStore> createUnavailableStore() {
        return Optional.empty();
    }

    /** Rules S1 to S20 on the store. */
    @Nested
    class Store extends EscalationStoreContract {
        @Override
        protected EscalationStore createStore() {
            return EscalationStoreContracts.this.createStore();
        }

        @Override
        protected void disposeStore(EscalationStore store) {
            EscalationStoreContracts.this.disposeStore(store);
        }

        @Override
        protected Optional<EscalationStore> createUnavailableStore() {
            return EscalationStoreContracts.this.createUnavailableStore();
        }
    }

    /** Rules O1 to O13 on the store's outbox. */
    @Nested
    class Outbox extends OutboxContract {
        @Override
        protected EscalationStore createStore() {
            return EscalationStoreContracts.this.createStore();
        }

        @Override
        protected void disposeStore(EscalationStore store) {
            EscalationStoreContracts.this.disposeStore(store);
        }
    }

    /** Rules D1 to D9 on the store's due work. */
    @Nested
    class DueWork extends DueWorkContract {
        @Override
        protected EscalationStore createStore() {
            return EscalationStoreContracts.this.createStore();
        }

        @Override
        protected void disposeStore(EscalationStore store) {
            EscalationStoreContracts.this.disposeStore(store);
        }
    }

    /** Rules Q1 to Q4 on the store's desk queries (capability {@code QUERIES}). */
    @Nested
    class Queries extends EscalationQueriesContract {
        @Override
        protected EscalationStore createStore() {
            return EscalationStoreContracts.this.createStore();
        }

        @Override
        protected void disposeStore(EscalationStore store) {
            EscalationStoreContracts.this.disposeStore(store);
        }
    }

    /** Rules R1 to R8 on the store's retention and export (capability {@code RETENTION}). */
    @Nested
    class Retention extends DataRetentionContract {
        @Override
        protected EscalationStore createStore() {
            return EscalationStoreContracts.this.createStore();
        }

        @Override
        protected void disposeStore(EscalationStore store) {
            EscalationStoreContracts.this.disposeStore(store);
        }
    }

    /** Rules K1 to K3 on the store's metrics (capability {@code METRICS}). */
    @Nested
    class Metrics extends MetricsQueriesContract {
        @Override
        protected EscalationStore createStore() {
            return EscalationStoreContracts.this.createStore();
        }

        @Override
        protected void disposeStore(EscalationStore store) {
            EscalationStoreContracts.this.disposeStore(store);
        }
    }
}
