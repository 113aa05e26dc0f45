-- The morning pass moves balances across the due date only; the aging day is kept apart (see the SQLite script 0021).
ALTER TABLE balance_state ADD COLUMN aged_as_of TEXT;
UPDATE balance_state SET aged_as_of = as_of;
