package dev.escalation.spring.boot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ActuatorOverHttpTestBase} on PostgreSQL ({@code ESCALATION_TEST_PG_URL}); skipped with a reason without it. */
class PostgresActuatorOverHttpTest extends ActuatorOverHttpTestBase {
    private static PostgresSchema schema;

    @BeforeAll
    static void database() {
        schema = PostgresSchema.create("PostgresActuatorOverHttpTest");
    }

    @DynamicPropertySource
    static void dataSource(DynamicPropertyRegistry registry) {
        for (String property : schema.properties()) {
            int eq = property.indexOf('=');
            registry.add(property.substring(0, eq), () -> property.substring(eq + 1));
        }
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }
}
