-- escalation-jdbc schema, version 4 (release 0.2.0): after V3 converted the rows 0.1.0 wrote, the columns it filled
-- are required, and the 0.1.0 entry document (now the LEGACY_TEXT entry's text and parameters) is dropped.
-- Portable SQL for PostgreSQL and H2.
ALTER TABLE esc_escalation ALTER COLUMN intake SET NOT NULL;
ALTER TABLE esc_escalation ALTER COLUMN facts SET NOT NULL;
ALTER TABLE esc_entry ALTER COLUMN actor_kind SET NOT NULL;
ALTER TABLE esc_entry ALTER COLUMN actor_id SET NOT NULL;
ALTER TABLE esc_entry ALTER COLUMN visibility SET NOT NULL;
ALTER TABLE esc_entry ALTER COLUMN params SET NOT NULL;
ALTER TABLE esc_entry DROP COLUMN entry;
ALTER TABLE esc_outbox ALTER COLUMN chain_key SET NOT NULL;
