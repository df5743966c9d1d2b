/**
 * The Java migrations of the escalation-jdbc schema, found by Flyway at {@link dev.escalation.jdbc.JdbcSchema#LOCATION}
 * next to the SQL scripts. Not an API: hosts apply migrations with {@link dev.escalation.jdbc.JdbcSchema#migrate} or
 * their own Flyway.
 */
@NullMarked
package dev.escalation.jdbc.migration;

import org.jspecify.annotations.NullMarked;
