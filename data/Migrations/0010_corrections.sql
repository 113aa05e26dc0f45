-- Corrections never rewrite history: a payment undone keeps its row, marked voided, and the journal says when.
-- A credit note is a row of kind 'credit': it lowers what is owed but is not money received.
ALTER TABLE payments ADD COLUMN kind TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'credit'));
ALTER TABLE payments ADD COLUMN voided_at TEXT;
ALTER TABLE payments ADD COLUMN note TEXT;
CREATE INDEX ix_payments_owner_paid_on ON payments (owner_id, paid_on);
-- The largest invoice so far (the sanity check on a new amount) is read from the end of this index, not by a scan.
CREATE INDEX ix_invoices_owner_amount ON invoices (owner_id, amount_cents);
