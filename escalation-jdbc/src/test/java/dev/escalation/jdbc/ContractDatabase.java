package dev.escalation.jdbc;

import dev.escalation.spi.EscalationStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database behind a contract-kit test class of {@code escalation-test}: opened and migrated once per class
 * (a static {@code @RegisterExtension} field), tables emptied on every {@link #emptyStore()} (the kit's
 * {@code createStore()}, called before each test and before each try of a stateful property), closed after the
 * class. Without a PostgreSQL database the tests skip with the message of {@link TestDatabase#postgresql}.
 */
final class ContractDatabase implements BeforeAllCallback, AfterAllCallback {
    /** Tries of the stateful properties (S15, O9) per backend; the numbers are in the module README. */
    static final int H2_STATEFUL_TRIES = 100;

    static final int PG_STATEFUL_TRIES = 25;

    private final Supplier<TestDatabase> opener;
    private final Supplier<DataSource> unreachable;
    private TestDatabase database;
    private DataSource pool;
    private JdbcEscalationStore store;
    private String missing;

    private ContractDatabase(Supplier<TestDatabase> opener, Supplier<DataSource> unreachable) {
        this.opener = opener;
        this.unreachable = unreachable;
    }

    static ContractDatabase h2() {
        return new ContractDatabase(TestDatabase::h2, () -> {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
            return h2;
        });
    }

    static ContractDatabase postgresql(String testClass) {
        return new ContractDatabase(() -> TestDatabase.postgresql(testClass), () -> {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setServerNames(new String[] {"127.0.0.1"});
            pg.setPortNumbers(new int[] {1});
            pg.setDatabaseName("nowhere");
            pg.setConnectTimeout(2);
            return pg;
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            database = opener.get();
        } catch (TestAbortedException e) {
            // reported per test by emptyStore(): surefire does not show a class-level skip
            missing = String.valueOf(e.getMessage()).replaceFirst("^Assumption failed: ", "");
            return;
        }
        database.migrate();
        pool = database.newPool("contract", 10);
        store = JdbcEscalationStore.builder(pool).build();
    }

    /** The store on emptied tables: what the kit's {@code createStore()} must return. */
    EscalationStore emptyStore() {
        Assumptions.assumeTrue(missing == null, missing);
        try {
            database.clear(pool);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the tables", e);
        }
        return store;
    }

    /** Portal messages in the class's database (the portal contract needs no emptied tables). */
    JdbcPortalMessages portalMessages() {
        Assumptions.assumeTrue(missing == null, missing);
        return new JdbcPortalMessages(pool);
    }

    /** The database of {@link #emptyStore()} (for the audit trail's key and anchor tables). */
    DataSource pool() {
        Assumptions.assumeTrue(missing == null, missing);
        return pool;
    }

    /** A store on a port where nothing listens (rule S14). */
    EscalationStore unavailableStore() {
        return JdbcEscalationStore.builder(unreachable.get())
                .queryTimeout(Duration.ofSeconds(2))
                .build();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (database != null) {
            database.close();
        }
    }
}
