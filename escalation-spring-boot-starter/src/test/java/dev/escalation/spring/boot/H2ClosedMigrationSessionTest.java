package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.DeliveryReport;
import dev.escalation.DeskQuery;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import dev.escalation.command.Acknowledge;
import dev.escalation.model.EscalationState;
import dev.escalation.model.EscalationSummary;
import dev.escalation.model.PageRequest;
import dev.escalation.model.StaffId;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The starter on H2 as Spring Boot manages it, through a DataSource without a pool: every connection is a session of
 * its own, so the session that ran the migrations is closed before the first escalation (as when a pool retires the
 * connection Flyway used). H2 2.4.240 evaluates a {@code CHECK} with an {@code IN} list through the session that
 * created it, and then failed every insert into {@code esc_metric}, so no escalation could be recorded; migration V18
 * states the same rule without the list.
 */
class H2ClosedMigrationSessionTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(EscalationAutoConfiguration.class))
            .withUserConfiguration(TestAdapters.class)
            .withPropertyValues(
                    "escalation.hotline[0].label=Germany",
                    "escalation.hotline[0].number=+49 911 2399 110",
                    "escalation.jdbc.migrate=true",
                    "escalation.delivery.enabled=false")
            .withBean(DataSource.class, () -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:closed-migration-session;DB_CLOSE_DELAY=-1");
                return h2;
            });

    @Test
    void anEscalationIsRecordedAfterTheMigrationSessionIsClosedAndTheMetricRuleStillHolds() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            EscalationEngine engine = context.getBean(EscalationEngine.class);
            EscalationReceipt receipt = TestAdapters.escalate(engine, "C-1");
            // the rest of a life on sessions that did not migrate: a change, delivery, a desk page
            engine.acknowledge(
                    Actor.staff("sam"), new Acknowledge(receipt.escalation(), StaffId.of("eve"), "Called Ina"));
            DeliveryReport report = engine.deliverPending();
            assertThat(report.pending()).isZero();
            assertThat(report.deadLettered()).isZero();
            assertThat(report.delivered()).isPositive();
            assertThat(engine.operations()
                            .inbox(Actor.staff("sam"), DeskQuery.all(), PageRequest.first(10))
                            .items())
                    .extracting(EscalationSummary::state)
                    .containsExactly(EscalationState.ACKNOWLEDGED);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM esc_metric WHERE escalation_id = ?",
                            Integer.class,
                            receipt.escalation().value()))
                    .isPositive();
            // the rule the constraint states: a target exactly on the rows of a target met or breached
            String insert = "INSERT INTO esc_metric (escalation_id, customer_id, criticality, transition, at_epoch, "
                    + "wall_seconds, business_seconds, target) VALUES ('E-x', 'acme', 'HIGH', ?, 0, 0, 0, ?)";
            jdbc.update(insert, "TARGET_MET", "RESOLUTION");
            jdbc.update(insert, "RAISED", null);
            assertThatThrownBy(() -> jdbc.update(insert, "TARGET_BREACHED", null))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("ESC_METRIC_TARGET_CK");
            assertThatThrownBy(() -> jdbc.update(insert, "RAISED", "FIRST_CONTACT"))
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("ESC_METRIC_TARGET_CK");
        });
    }
}
