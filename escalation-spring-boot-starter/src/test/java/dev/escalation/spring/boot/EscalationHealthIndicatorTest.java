package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.JdbcSchema;
import dev.escalation.spi.EscalationStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/** The health indicator's statuses: UP, OUT_OF_SERVICE over a threshold, DOWN when the store is unreachable. */
class EscalationHealthIndicatorTest {

    private static EscalationStore unreachable() {
        JdbcDataSource nowhere = new JdbcDataSource();
        nowhere.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
        return JdbcEscalationStore.builder(nowhere).build();
    }

    @Test
    void anUnreachableStoreIsDown() {
        Health health = new EscalationHealthIndicator(unreachable(), new EscalationProperties.Health(1000, 0)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("store", "unreachable").containsEntry("error", "unavailable");
    }

    @Test
    void aStoreFailureShowsAStableCodeNotTheExceptionsClass() {
        EscalationStore failing = (EscalationStore) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {EscalationStore.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("org.example.secret.Driver at db-7.internal:5432");
                });
        Health health = new EscalationHealthIndicator(failing, new EscalationProperties.Health(1000, 0)).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("store", "unreachable").containsEntry("error", "failed");
        assertThat(health.getDetails().toString()).doesNotContain("IllegalStateException", "org.example", "db-7");
    }

    @Test
    void anEmptyOutboxIsUp() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:health-up;DB_CLOSE_DELAY=-1");
        JdbcSchema.migrate(h2);
        Health health = new EscalationHealthIndicator(
                        JdbcEscalationStore.builder(h2).build(), new EscalationProperties.Health(0, 0))
                .health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("pending", 0L).containsEntry("deadLetters", 0L);
    }
}
