-- escalation-jdbc schema: esc_escalation_next_deadline_ix (next_deadline_at, escalation_id) served the desk's
-- breached filter only; since the breached filter is the overdue one (EscalationSummary.breachedAt = overdueAt), it
-- reads esc_escalation_overdue_ix and no statement reads this index. Dropped: every update of an escalation that
-- changes its next deadline (on PostgreSQL one that is not HOT) wrote an entry into it for nothing.
-- Portable SQL for PostgreSQL and H2.
DROP INDEX IF EXISTS esc_escalation_next_deadline_ix;
