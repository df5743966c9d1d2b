-- escalation-jdbc schema, version 5: indexes for the desk queries (EscalationQueries) whose filters no V1/V2 index
-- leads with. Plain B-tree indexes, portable SQL for PostgreSQL and H2 (no partial or expression indexes).
-- Which index answers which query shape, with the PostgreSQL plans, is in the module README ("Query plans").
--
-- breached (next deadline not after now), alone or with other filters that do not narrow it down
CREATE INDEX esc_escalation_next_deadline_ix ON esc_escalation (next_deadline_at, escalation_id);
-- paused (paused_since IS NOT NULL): B-tree indexes hold NULLs on both databases, a range scan skips them
CREATE INDEX esc_escalation_paused_ix ON esc_escalation (paused_since, escalation_id);
-- criticality filter, sorted by raised time like the state index of V1
CREATE INDEX esc_escalation_criticality_ix ON esc_escalation (criticality, raised_at, escalation_id);
-- the escalations of one case across customers (vendor inbox); V1's index leads with the customer
CREATE INDEX esc_escalation_case_id_ix ON esc_escalation (case_id, raised_at);
-- facet counts of the open inbox (the desk's badges): an index-only scan of the open rows for the state,
-- criticality, customer and paused facets; without it the planner's estimate for a heap scan of 10 % of the rows is
-- within a few per cent of a sequential scan
CREATE INDEX esc_escalation_open_facets_ix ON esc_escalation (open, state, criticality, customer_id, paused_since);
