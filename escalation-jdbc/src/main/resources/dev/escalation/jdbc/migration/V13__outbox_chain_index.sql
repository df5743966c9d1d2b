-- escalation-jdbc schema, version 13: one index fewer on esc_outbox (issue 17). Every message is inserted once and
-- updated by its claim and its finish; each new row version that is not a HOT update (every insert, every finish,
-- which changes status, and the claims that find no room in their page) costs an entry in every index of the table
-- (on H2 a copy-on-write B-tree page per index). The chain index (chain_key, seq) and the escalation index
-- (escalation_id, status) become one index (escalation_id, chain_key, seq): a chain key begins with its escalation's
-- id, so every member of a chain has the same escalation_id, and the claim's chain conditions name both
-- (o.escalation_id = m.escalation_id AND o.chain_key = m.chain_key AND o.seq < m.seq); countsOf, replayAll and
-- retention's deletes by escalation read its leading column and check status on the row (an escalation has a
-- handful of messages). Without status in it, a finish changes one index fewer on H2. Portable SQL, like V1 to V10.
DROP INDEX esc_outbox_chain_ix;
DROP INDEX esc_outbox_escalation_ix;
CREATE INDEX esc_outbox_chain_ix ON esc_outbox (escalation_id, chain_key, seq);
