package dev.escalation.jdbc;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.TestAbortedException;

/**
 * Lifecycle shared by the test bases: one database per test class (from {@link #openDatabase()}, the factory a
 * concrete subclass supplies), schema applied once, tables emptied before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreTestSupport {
    protected TestDatabase database;
    protected DataSource pool;
    protected JdbcEscalationStore store;

    /** The database under test; called once per class. */
    protected abstract TestDatabase openDatabase();

    /** Why the database is missing (each test then skips with this message), or null. */
    private String missing;

    @BeforeAll
    void openAndMigrate() {
        try {
            database = openDatabase();
        } catch (TestAbortedException e) {
            // reported per test below: surefire does not show a class-level skip (it reports "0 tests")
            missing = String.valueOf(e.getMessage()).replaceFirst("^Assumption failed: ", "");
            return;
        }
        database.migrate();
        pool = database.newPool("main", 4);
        store = JdbcEscalationStore.builder(pool).build();
    }

    /** Whether the database could be opened; false means every test of the class is skipped. */
    protected boolean databaseAvailable() {
        return missing == null;
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        Assumptions.assumeTrue(databaseAvailable(), missing);
        database.clear(pool);
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }

    protected String databaseName() {
        return database.name();
    }
}
