/**
 * The console demo as a named module: {@code java --module-path … -m dev.escalation.examples.console}. It reads H2,
 * Flyway and the logger only at run time (services and {@code JdbcSchema}); see {@code run-on-module-path.sh}.
 */
module dev.escalation.examples.console {
    requires dev.escalation.core;
    requires dev.escalation.holidays;
    requires dev.escalation.jdbc;
    requires com.zaxxer.hikari;
}
