/**
 * An {@link dev.escalation.spi.EscalationStore} (with its {@link dev.escalation.spi.Outbox} and
 * {@link dev.escalation.spi.DueWork}) on plain JDBC, for PostgreSQL and H2.
 *
 * <p>Public types: {@link dev.escalation.jdbc.JdbcEscalationStore} (the store and its builder) and
 * {@link dev.escalation.jdbc.JdbcSchema} (where the Flyway migrations live, and a convenience call that applies them).
 * Everything else in this package is package-private.
 */
@NullMarked
package dev.escalation.jdbc;

import org.jspecify.annotations.NullMarked;
