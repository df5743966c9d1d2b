package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.spi.EscalationStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auto-configured engine on PostgreSQL ({@code ESCALATION_TEST_PG_URL}; skipped with a reason without it): the
 * library's migrations applied by {@code escalation.jdbc.migrate=true} into an empty schema, then an escalation
 * stored, and the health indicator reading the outbox.
 */
class PostgresAutoConfigurationTest {
    private static PostgresSchema schema;

    @BeforeAll
    static void database() {
        schema = PostgresSchema.create("PostgresAutoConfigurationTest");
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void theMigrationsRunIntoAnEmptySchemaAndTheEngineStoresOnPostgres() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        EscalationAutoConfiguration.class,
                        EscalationActuatorAutoConfiguration.class))
                .withUserConfiguration(TestAdapters.class)
                .withPropertyValues(schema.properties())
                .withPropertyValues(
                        "escalation.jdbc.migrate=true",
                        "escalation.coverage.always-open=true",
                        "escalation.delivery.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(EscalationStore.class)).isInstanceOf(JdbcEscalationStore.class);
                    JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM escalation_schema_history WHERE success", Integer.class))
                            .as("migrations applied into the empty schema " + schema.schema)
                            .isGreaterThanOrEqualTo(9);
                    assertThat(jdbc.queryForObject("SELECT current_schema()", String.class))
                            .isEqualTo(schema.schema);
                    EscalationReceipt receipt = TestAdapters.escalate(context.getBean(EscalationEngine.class), "C-1");
                    assertThat(jdbc.queryForObject(
                                    "SELECT COUNT(*) FROM esc_escalation WHERE escalation_id = ?",
                                    Integer.class,
                                    receipt.escalation().value()))
                            .isPositive();
                    assertThat(context.getBean(EscalationHealthIndicator.class)
                                    .health()
                                    .getStatus())
                            .as("pending side effects under the default threshold, no dead letters")
                            .isEqualTo(Status.UP);
                });
    }
}
