-- The test application's own migration, applied by Spring Boot's Flyway (flyway_schema_history) beside the
-- escalation library's (escalation_schema_history, escalation.jdbc.migrate=true).
CREATE TABLE host_note (case_id VARCHAR(64));
