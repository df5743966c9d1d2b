package dev.escalation.spring.boot;

import org.springframework.test.context.TestPropertySource;

/** {@link TransactionBoundaryTestBase} on H2. */
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:tx-boundary;DB_CLOSE_DELAY=-1")
class H2TransactionBoundaryTest extends TransactionBoundaryTestBase {}
