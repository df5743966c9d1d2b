-- escalation-jdbc schema, version 10: fewer indexes on the tables every command writes (issue 17). Every index
-- a write touches costs an index insertion per new row version (H2: a copy-on-write B-tree page per index), and on
-- PostgreSQL an index on a column that changes blocks HOT updates (the new row version in the same heap page, no
-- index entry at all). What stays, and the query each remaining index serves, is listed in the module README
-- ("Indexes and the queries they serve"). Portable SQL for PostgreSQL and H2, like V1 to V9.

-- ------------------------------------------------------------------------------------------------- escalations
-- (open, updated_at, id): updated_at changes with every command, so this index made every update of an escalation a
-- non-HOT one on PostgreSQL. Its only query of its own was the purge of final escalations; that purge now reads
-- final_at, the last change of a final escalation (NULL while it is open, written by the store with every row). An
-- update of an open escalation leaves final_at NULL, so esc_escalation_final_ix does not block HOT updates; only the
-- update that closes an escalation (and the rare changes of a final one) writes an entry. The open-inbox shapes the
-- old index served are answered by esc_escalation_open_facets_ix (open, …), which leads with the same column.
ALTER TABLE esc_escalation ADD COLUMN final_at NUMERIC(30,9);
UPDATE esc_escalation SET final_at = updated_at WHERE open = FALSE;
CREATE INDEX esc_escalation_final_ix ON esc_escalation (final_at, escalation_id);
DROP INDEX esc_escalation_updated_ix;
-- (open, next_deadline_at, id): the same rows in the same order as esc_escalation_next_deadline_ix
-- (next_deadline_at, id) with the open flag in front; "breached (open)" reads next_deadline_ix and filters open.
DROP INDEX esc_escalation_deadline_ix;
-- (customer_id, case_id): the escalations of a case within a customer; esc_escalation_case_id_ix (case_id, raised_at)
-- finds the few rows of the case (a case has a handful of escalations) and the customer filters them.
DROP INDEX esc_escalation_case_ix;

-- ------------------------------------------------------------------------------------------------- outbox
-- The primary key (customer_id, message_id) and the unique message id were two indexes for one fact (a message id is
-- unique on its own, and every statement finds a message by its id alone): one primary key on the id.
ALTER TABLE esc_outbox DROP CONSTRAINT esc_outbox_pk;
ALTER TABLE esc_outbox DROP CONSTRAINT esc_outbox_message_uq;
ALTER TABLE esc_outbox ADD CONSTRAINT esc_outbox_pk PRIMARY KEY (message_id);
-- (status, next_attempt_at): the claim reads esc_outbox_created_ix (status, created_at, id) in its delivery order and
-- checks next_attempt_at on the row; the counts read the pending and dead rows of the same index. Without it a retry
-- (a new next_attempt_at) changes no indexed column and can be a HOT update.
DROP INDEX esc_outbox_due_ix;
-- (status, delivered_at): the delivered-message purge filters status = 'DONE' and created_at before the cut-off
-- (a delivery is never earlier than its creation), a range of esc_outbox_created_ix.
DROP INDEX esc_outbox_delivered_ix;

-- ------------------------------------------------------------------------------------------------- due work
-- The primary key (customer_id, due_key) and the unique due_key: the same, as for the outbox.
ALTER TABLE esc_due DROP CONSTRAINT esc_due_pk;
ALTER TABLE esc_due DROP CONSTRAINT esc_due_key_uq;
ALTER TABLE esc_due ADD CONSTRAINT esc_due_pk PRIMARY KEY (due_key);
