package dev.escalation.jdbc;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

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

    @BeforeAll
    void openAndMigrate() {
        database = openDatabase();
        database.migrate();
        pool = database.newPool("main", 4);
        store = JdbcEscalationStore.builder(pool).build();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
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
