-- escalation-jdbc schema: the kinds of the improvement actions' owners (ImprovementAction.ownerKind).
-- The actions are part of the escalation's body (JSON), which keeps its shape: the kinds are a column of their own, so
-- a release that does not know them still reads and writes the row. One character per action, in the actions' order:
-- C (a contact), S (a staff member) or - (no kind: an owner stored before owners had one, or a plain name); trailing
-- dashes are left out, and NULL means that no action's owner has a kind. A row without the column's value is read with
-- the old rule (the staff member of the owner's id if the staff directory knows one, else the customer's contact).
-- Portable SQL for PostgreSQL and H2.
ALTER TABLE esc_escalation ADD COLUMN owner_kinds VARCHAR(4000);
