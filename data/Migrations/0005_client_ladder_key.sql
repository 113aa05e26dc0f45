-- The scheduler's last ladder key per client (client:anchor:step), read with the overdue aggregates so that a
-- client already at its rung costs no lookup; schedule_marks stays the exactly-once ledger for new keys.
ALTER TABLE clients ADD COLUMN ladder_key TEXT;
