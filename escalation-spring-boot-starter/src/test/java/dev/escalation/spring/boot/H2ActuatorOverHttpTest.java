package dev.escalation.spring.boot;

import org.springframework.test.context.TestPropertySource;

/** {@link ActuatorOverHttpTestBase} on H2. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:actuator-http;DB_CLOSE_DELAY=-1")
class H2ActuatorOverHttpTest extends ActuatorOverHttpTestBase {}
