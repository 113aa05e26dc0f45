-- The morning pass moves each owner's balances across the due date only (what the ladder and the digest read); the
-- aging buckets are moved across their limits (−30, −60, −90 days) by the owner's next « qui me doit ? ». The day the
-- buckets are for is kept apart (issue 17: ~5 800 of the 6 000 clients a 10 000-owner morning moved only changed
-- aging bucket).
ALTER TABLE balance_state ADD COLUMN aged_as_of TEXT;
UPDATE balance_state SET aged_as_of = as_of;
