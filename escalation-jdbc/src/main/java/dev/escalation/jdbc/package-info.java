/**
 * An {@link dev.escalation.spi.EscalationStore} (with its {@link dev.escalation.spi.Outbox},
 * {@link dev.escalation.spi.DueWork}, {@link dev.escalation.spi.EscalationQueries} and
 * {@link dev.escalation.spi.DataRetention}) on plain JDBC, for PostgreSQL and H2: one transaction per command, claims
 * of outbox batches in one statement (PostgreSQL), a change feed that holds every committed write once.
 *
 * <p>Public types: {@link dev.escalation.jdbc.JdbcEscalationStore} (the store and its builder) and
 * {@link dev.escalation.jdbc.JdbcSchema} (where the Flyway migrations live, a convenience call that applies them, and
 * the conversion of what 0.1.0 wrote). Everything else in this package is package-private; the Java migration in
 * {@code dev.escalation.jdbc.migration} is public only because Flyway instantiates it.
 */
@NullMarked
package dev.escalation.jdbc;

import org.jspecify.annotations.NullMarked;
