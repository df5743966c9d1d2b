-- escalation-jdbc schema, version 18: esc_metric_target_ck without an IN list. H2 2.4.240 (the version Spring Boot
-- 4.0 manages) evaluates a CHECK with IN (...) through the session that created the constraint; once that session
-- is closed (a plain DataSource, or a pool retiring the connection Flyway used), every insert fails with "Check
-- constraint invalid" (h2database issues 4302 and 4308). The rule is unchanged: a target exactly for TARGET_MET and
-- TARGET_BREACHED rows. Portable SQL for PostgreSQL and H2.
ALTER TABLE esc_metric DROP CONSTRAINT esc_metric_target_ck;
ALTER TABLE esc_metric ADD CONSTRAINT esc_metric_target_ck
    CHECK ((target IS NULL) = (transition <> 'TARGET_MET' AND transition <> 'TARGET_BREACHED'));
