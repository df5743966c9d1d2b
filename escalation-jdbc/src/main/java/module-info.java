/**
 * The JDBC store of the Escalation SDK (PostgreSQL and H2): {@code JdbcEscalationStore} and its schema,
 * {@code JdbcSchema}.
 *
 * <p>Flyway is optional and has no module name, so this module does not require it: {@code JdbcSchema.migrate} reads
 * Flyway's module (a named, automatic or the unnamed one) when it is called.
 */
module dev.escalation.jdbc {
    requires transitive dev.escalation.spi;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.escalation.jdbc;

    // Flyway finds the SQL scripts and the Java migration here (resources of a named module are found only in open
    // packages) and instantiates V3__derive_facts reflectively
    opens dev.escalation.jdbc.migration;
    // Jackson reads and writes the stored documents (records of this package)
    opens dev.escalation.jdbc to
            com.fasterxml.jackson.databind;
}
