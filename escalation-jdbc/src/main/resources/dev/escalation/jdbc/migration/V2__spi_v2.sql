-- escalation-jdbc schema, version 2 (release 0.2.0, SPI v2). One script for PostgreSQL (15+) and H2 (2.3+):
-- portable SQL only, like V1. Where the databases differ (the change feed's positions) the store writes different
-- values into the same columns; the SQL here is the same.
--
-- Order of the 0.2.0 migrations:
--  V2 (this script) adds the new columns (nullable where 0.1.0 rows must be converted first) and tables;
--  V3 (the Java migration dev.escalation.jdbc.migration.V3__derive_facts) converts the rows 0.1.0 wrote: entries to
--     LEGACY_TEXT, facts derived from each 0.1.0 log, bodies and outbox payloads to format 2, chain keys;
--  V4 makes the converted columns NOT NULL and drops the 0.1.0 entry document.
--
-- JSON documents written by 0.2.0 have format 2 (body_format, format, payload_format); readers accept format 1.

-- ------------------------------------------------------------------------------------------------- escalations
-- New documents: intake, hotline advice and plan proposal (JSON, format of the row's body_format) and the derived
-- facts; next_deadline_*, next_meeting_at, paused_since and open repeat facts and state as columns for desk queries; change_xid is
-- the change-feed position of the row's last write (see esc_change).
ALTER TABLE esc_escalation ADD COLUMN intake TEXT;
ALTER TABLE esc_escalation ADD COLUMN hotline TEXT;
ALTER TABLE esc_escalation ADD COLUMN proposal TEXT;
ALTER TABLE esc_escalation ADD COLUMN facts TEXT;
ALTER TABLE esc_escalation ADD COLUMN next_deadline_at NUMERIC(30,9);
ALTER TABLE esc_escalation ADD COLUMN next_deadline_kind VARCHAR(32);
ALTER TABLE esc_escalation ADD COLUMN next_meeting_at NUMERIC(30,9);
ALTER TABLE esc_escalation ADD COLUMN paused_since NUMERIC(30,9);
ALTER TABLE esc_escalation ADD COLUMN open BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE esc_escalation ALTER COLUMN open DROP DEFAULT;
UPDATE esc_escalation SET open = FALSE WHERE state IN ('CLOSED', 'WITHDRAWN');
ALTER TABLE esc_escalation ADD COLUMN change_xid BIGINT DEFAULT 0 NOT NULL;

-- a submission key creates at most one escalation per customer (SubmissionExistsException); NULLs are distinct
DROP INDEX esc_escalation_submission_ix;
CREATE UNIQUE INDEX esc_escalation_submission_uq ON esc_escalation (customer_id, submission_key);

-- desk queries (filters and sorts; the read-model release adds more) and purging
CREATE INDEX esc_escalation_deadline_ix ON esc_escalation (open, next_deadline_at, escalation_id);
CREATE INDEX esc_escalation_manager_ix ON esc_escalation (manager_id, open);
CREATE INDEX esc_escalation_updated_ix ON esc_escalation (open, updated_at, escalation_id);

-- ------------------------------------------------------------------------------------------------- entries
-- The progress log becomes structured entries: kind, actor, visibility, the free text a person wrote (NULL if none),
-- typed parameters (JSON object name -> {"type": Text|At|Span|Code|Ref|Count, "value": ...}) and the audit-chain
-- link. Rows stay append-only (erasure replaces texts and personal parameters).
ALTER TABLE esc_progress RENAME TO esc_entry;
ALTER TABLE esc_entry RENAME CONSTRAINT esc_progress_pk TO esc_entry_pk;
ALTER TABLE esc_entry RENAME CONSTRAINT esc_progress_escalation_fk TO esc_entry_escalation_fk;
ALTER TABLE esc_entry RENAME COLUMN entry_format TO format;
ALTER TABLE esc_entry ALTER COLUMN entry DROP NOT NULL;
ALTER TABLE esc_entry ADD COLUMN actor_kind VARCHAR(16);
ALTER TABLE esc_entry ADD COLUMN actor_id VARCHAR(128);
ALTER TABLE esc_entry ADD COLUMN visibility VARCHAR(16);
ALTER TABLE esc_entry ADD COLUMN text TEXT;
ALTER TABLE esc_entry ADD COLUMN params TEXT;
ALTER TABLE esc_entry ADD COLUMN chain_hash CHAR(64);
ALTER TABLE esc_entry ADD COLUMN chain_previous CHAR(64);
CREATE INDEX esc_entry_escalation_ix ON esc_entry (escalation_id, sequence_no);
CREATE INDEX esc_entry_actor_ix ON esc_entry (actor_kind, actor_id);

-- ------------------------------------------------------------------------------------------------- ticket
-- The ticketing system's reference of an escalation's ticket, stored by Outbox.finish when the Open call was
-- delivered (the first one stays). Outside the versioned row: recording it is not a change of the escalation.
CREATE TABLE esc_ticket (
    escalation_id   VARCHAR(128)  NOT NULL,
    reference       VARCHAR(256)  NOT NULL,
    CONSTRAINT esc_ticket_pk PRIMARY KEY (escalation_id)
);

-- ------------------------------------------------------------------------------------------------- outbox
-- chain_key: (escalation, target, recipient kind:id, fixed channel) separated by U+001F; a message is claimed only
-- after every older message (lower seq) of its chain was delivered or in the same claim. delivered_at (engine
-- clock) bounds the de-duplication window; dead_code is the stable reason of a dead letter.
ALTER TABLE esc_outbox ADD COLUMN chain_key VARCHAR(1000);
ALTER TABLE esc_outbox ADD COLUMN delivered_at NUMERIC(30,9);
ALTER TABLE esc_outbox ADD COLUMN dead_code VARCHAR(64);
-- 0.1.0 recorded no delivery time: the last planned attempt is the closest known instant
UPDATE esc_outbox SET delivered_at = next_attempt_at WHERE status = 'DONE';
UPDATE esc_outbox SET dead_code = 'LEGACY' WHERE status = 'DEAD';
DROP INDEX esc_outbox_chain_ix;
CREATE INDEX esc_outbox_chain_ix ON esc_outbox (chain_key, seq);
CREATE INDEX esc_outbox_escalation_ix ON esc_outbox (escalation_id, status);
CREATE INDEX esc_outbox_delivered_ix ON esc_outbox (status, delivered_at);

-- ------------------------------------------------------------------------------------------------- change feed
-- One row per committed create or change. Writers only insert (position NULL; seq from the identity, so a later
-- version of an escalation, written after the earlier one committed, always has a higher seq). Readers are the
-- sequencer: EscalationStore.changesSince locks the single row of esc_change_clock, gives the rows it can see without
-- a position the next positions in seq order, and returns rows by position. A row is positioned only once it is
-- committed, so a cursor (a position) never passes a row that commits later, whatever the commit order, and no
-- unrelated long transaction holds the feed back. Cost: one insert per write; a reader's call is a short writing
-- transaction, and readers take turns on the clock row.
-- xid is kept for diagnostics (PostgreSQL: the writing transaction's id; H2: 0).
-- Escalations written by 0.1.0 appear once, at their current version, before everything 0.2.0 writes.
CREATE TABLE esc_change (
    xid             BIGINT        NOT NULL,
    seq             BIGINT GENERATED BY DEFAULT AS IDENTITY,
    escalation_id   VARCHAR(128)  NOT NULL,
    customer_id     VARCHAR(128)  NOT NULL,
    row_version     BIGINT        NOT NULL,
    state           VARCHAR(32)   NOT NULL,
    changed_at      NUMERIC(30,9) NOT NULL,
    position        BIGINT,
    CONSTRAINT esc_change_pk PRIMARY KEY (xid, seq)
);
CREATE INDEX esc_change_position_ix ON esc_change (position, seq);
CREATE INDEX esc_change_escalation_ix ON esc_change (escalation_id);

CREATE TABLE esc_change_clock (
    id              INTEGER       NOT NULL,
    last_position   BIGINT        NOT NULL,
    CONSTRAINT esc_change_clock_pk PRIMARY KEY (id)
);
INSERT INTO esc_change_clock (id, last_position) VALUES (1, 0);

INSERT INTO esc_change (xid, escalation_id, customer_id, row_version, state, changed_at)
    SELECT 0, escalation_id, customer_id, row_version, state, updated_at FROM esc_escalation
    ORDER BY updated_at, escalation_id;
