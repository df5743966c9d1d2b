package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.EscalationReceipt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The engine keeps its own transactions: an escalation recorded inside the host's {@code @Transactional} method is
 * committed by the engine's store, and the host's rollback undoes only the host's own writes.
 */
@SpringBootTest(
        classes = TransactionBoundaryTestBase.App.class,
        properties = {
            "escalation.jdbc.migrate=true",
            "escalation.coverage.always-open=true",
            "escalation.delivery.enabled=false"
        })
abstract class TransactionBoundaryTestBase {

    /**
     * A host service: writes its own row (table host_note, from the host's Flyway migration) and escalates in one
     * @Transactional method, then fails.
     */
    static class HostService {
        private final JdbcTemplate jdbc;
        private final EscalationEngine engine;

        HostService(JdbcTemplate jdbc, EscalationEngine engine) {
            this.jdbc = jdbc;
            this.engine = engine;
        }

        @Transactional
        public void escalateAndFail(String caseId, AtomicReference<EscalationReceipt> receipt) {
            assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                    .as("a Spring transaction surrounds the call")
                    .isTrue();
            jdbc.update("INSERT INTO host_note (case_id) VALUES (?)", caseId);
            receipt.set(TestAdapters.escalate(engine, caseId));
            throw new IllegalStateException("host fails after escalating");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(TestAdapters.class)
    static class App {
        @Bean
        HostService hostService(JdbcTemplate jdbc, EscalationEngine engine) {
            return new HostService(jdbc, engine);
        }
    }

    @Autowired
    HostService host;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EscalationEngine engine;

    @Test
    void aRollbackOfTheSurroundingTransactionDoesNotUndoTheEscalation() {
        AtomicReference<EscalationReceipt> receipt = new AtomicReference<>();

        assertThatThrownBy(() -> host.escalateAndFail("C-8", receipt)).hasMessage("host fails after escalating");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM host_note WHERE case_id = 'C-8'", Integer.class))
                .as("the host's own write was rolled back")
                .isZero();
        assertThat(engine.find(Actor.contact("ina"), receipt.get().escalation()))
                .as("the escalation was committed by the engine")
                .isPresent();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM esc_escalation WHERE escalation_id = ?",
                        Integer.class,
                        receipt.get().escalation().value()))
                .isPositive();
    }
}
