package dev.escalation.spring.boot;

import dev.escalation.jdbc.JdbcSchema;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Applies the library's migrations for {@code escalation.jdbc.migrate=true}: {@link JdbcSchema#LOCATION} with the
 * library's own history table {@link JdbcSchema#HISTORY_TABLE}, beside whatever the application keeps in the same
 * schema (its own tables, Spring Boot's Flyway with {@code flyway_schema_history}).
 *
 * <p>Unlike {@link JdbcSchema#migrate}, which refuses a schema that holds anything but the library's tables, a schema
 * without the library's history table is baselined at version 0, so that V1 and every later migration run; a schema
 * that already holds the library's tables without its history (applied by hand) then fails on V1, which is right: it
 * must be baselined by whoever applied them.
 */
final class LibraryMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryMigrations.class);

    /** Spring Boot's Flyway initializer (spring-boot-flyway), when the application uses Boot's Flyway. */
    private static final String BOOT_FLYWAY_INITIALIZER =
            "org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer";

    private LibraryMigrations() {}

    /**
     * Lets the application's own Flyway (Spring Boot's, with its default {@code baselineOnMigrate=false}) migrate
     * first: it refuses a schema that is not empty and has no history of its own, which is what the schema would be
     * after the library's migrations ran. The library's migrations baseline instead, so this order works for both.
     */
    static void afterApplicationMigrations(ListableBeanFactory beans) {
        ClassLoader loader = LibraryMigrations.class.getClassLoader();
        if (ClassUtils.isPresent(BOOT_FLYWAY_INITIALIZER, loader)) {
            Class<?> initializer = ClassUtils.resolveClassName(BOOT_FLYWAY_INITIALIZER, loader);
            for (String name : beans.getBeanNamesForType(initializer, false, false)) {
                beans.getBean(name);
            }
        }
    }

    static int apply(DataSource dataSource) {
        MigrateResult result = Flyway.configure(LibraryMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(JdbcSchema.LOCATION)
                .table(JdbcSchema.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        LOG.info(
                "escalation.jdbc.migrate: {} migration(s) of the escalation library applied, schema at version {}",
                result.migrationsExecuted,
                result.targetSchemaVersion);
        return result.migrationsExecuted;
    }
}
