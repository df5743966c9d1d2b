-- escalation-jdbc schema, version 6: messages of the portal channel (PortalMessages, JdbcPortalMessages). Portable
-- SQL for PostgreSQL and H2, like V1 to V5.
--
-- One row per delivered portal notification, keyed by its idempotency key (a repeated delivery inserts nothing).
-- customer_id is the recipient contact's customer (NULL for staff and external recipients); created_at is the delivery
-- instant (NUMERIC(30,9) epoch seconds, exact to the nanosecond); params is the JSON object of typed parameters, as
-- esc_entry.params; text is the free text a person wrote (NULL if none). subject, body, params and text are
-- personal data.
CREATE TABLE esc_portal_message (
    message_id      VARCHAR(1000) NOT NULL,
    recipient_kind  VARCHAR(16)   NOT NULL,
    recipient_id    VARCHAR(1000) NOT NULL,
    customer_id     VARCHAR(128),
    escalation_id   VARCHAR(128)  NOT NULL,
    case_id         VARCHAR(128)  NOT NULL,
    kind            VARCHAR(64)   NOT NULL,
    created_at      NUMERIC(30,9) NOT NULL,
    locale          VARCHAR(128)  NOT NULL,
    subject         TEXT          NOT NULL,
    body            TEXT          NOT NULL,
    params          TEXT          NOT NULL,
    text            TEXT,
    CONSTRAINT esc_portal_message_pk PRIMARY KEY (message_id)
);
-- a recipient's messages, newest first (messagesFor): equality on the recipient, range and order on the instant
CREATE INDEX esc_portal_message_recipient_ix ON esc_portal_message (recipient_kind, recipient_id, created_at);
-- erasure and retention by escalation
CREATE INDEX esc_portal_message_escalation_ix ON esc_portal_message (escalation_id);
