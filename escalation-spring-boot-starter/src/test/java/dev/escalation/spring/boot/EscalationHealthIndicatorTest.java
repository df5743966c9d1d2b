package dev.escalation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.Actor;
import dev.escalation.EscalationEngine;
import dev.escalation.OutboxStatus;
import dev.escalation.inmemory.InMemoryNotifier;
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

    /**
     * Over a threshold, not at it: a backlog, dead letters, or both are OUT_OF_SERVICE with the reason; a threshold of
     * -1 is off.
     */
    @Test
    void theStatusFollowsTheThresholdsAndNamesTheReason() {
        TestAdapters.inMemory()
                .withPropertyValues("escalation.delivery.max-attempts=1")
                .run(context -> {
                    EscalationEngine engine = context.getBean(EscalationEngine.class);
                    TestAdapters.deadLetter(engine, context.getBean(InMemoryNotifier.class), "C-1");
                    TestAdapters.escalate(engine, "C-2");
                    EscalationStore store = context.getBean(EscalationStore.class);
                    OutboxStatus counts = engine.operations().outboxCounts(Actor.staff("sam"));
                    long pending = counts.pending();
                    long dead = counts.dead();
                    assertThat(pending).isPositive();
                    assertThat(dead).isPositive();

                    Health atBoth = health(store, pending, dead);
                    assertThat(atBoth.getStatus()).isEqualTo(Status.UP);
                    assertThat(atBoth.getDetails())
                            .containsEntry("pending", pending)
                            .containsEntry("deadLetters", dead)
                            .doesNotContainKey("reason");
                    assertThat(health(store, -1, -1).getStatus()).isEqualTo(Status.UP);

                    Health backlog = health(store, pending - 1, dead);
                    assertThat(backlog.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    assertThat(backlog.getDetails()).containsEntry("reason", "backlog");

                    Health deadLetters = health(store, -1, dead - 1);
                    assertThat(deadLetters.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    assertThat(deadLetters.getDetails()).containsEntry("reason", "dead letters");

                    Health both = health(store, pending - 1, dead - 1);
                    assertThat(both.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
                    assertThat(both.getDetails()).containsEntry("reason", "backlog and dead letters");
                });
    }

    private static Health health(EscalationStore store, long maxPending, long maxDeadLetters) {
        return new EscalationHealthIndicator(store, new EscalationProperties.Health(maxPending, maxDeadLetters))
                .health();
    }
}
