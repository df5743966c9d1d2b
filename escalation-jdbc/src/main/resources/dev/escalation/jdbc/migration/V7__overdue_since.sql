-- escalation-jdbc schema, version 7: the overdue query (EscalationQueries.overdue, issue #14 point 4).
-- overdue_since repeats EscalationSummary.overdueSince() as a column, written with every version of the row: for an
-- open escalation the earlier of its next meeting and its next deadline, where the deadline of a paused SLA clock
-- counts only if it fell due before the pause (next_deadline_at <= paused_since; a NEXT_MEETING deadline always
-- counts); NULL for closed and withdrawn escalations. The query is a range scan of the index below:
--   WHERE overdue_since <= :now [AND (overdue_since, escalation_id) > cursor] ORDER BY overdue_since, escalation_id
-- Portable SQL for PostgreSQL and H2 (no LEAST, whose NULL handling differs; no partial or expression index).
ALTER TABLE esc_escalation ADD COLUMN overdue_since NUMERIC(30,9);

-- existing rows, from the columns V2 added (the same rule as the store's writes)
UPDATE esc_escalation SET overdue_since = CASE
    WHEN open = FALSE THEN NULL
    WHEN next_deadline_at IS NOT NULL
            AND (paused_since IS NULL OR next_deadline_kind = 'NEXT_MEETING' OR next_deadline_at <= paused_since)
        THEN CASE
            WHEN next_meeting_at IS NOT NULL AND next_meeting_at < next_deadline_at THEN next_meeting_at
            ELSE next_deadline_at
        END
    ELSE next_meeting_at
END;

-- NULLs (final escalations, and open ones with nothing due) are in the index too; the range scan skips them
CREATE INDEX esc_escalation_overdue_ix ON esc_escalation (overdue_since, escalation_id);
