-- « qui me doit ? » reads each client's open balance and aging inputs from here instead of adding up every open
-- invoice. Rows are for one day (balance_state.as_of, the owner's « today » when last rebuilt); a write that touches an
-- invoice marks its client stale (triggers: every write path is covered) and the same transaction recomputes that
-- client for that day (Database.WriteAsync); a new day rebuilds the owner's rows once, at the first read.
CREATE TABLE client_balances (
    owner_id           INTEGER NOT NULL,
    client_id          INTEGER NOT NULL,
    currency           TEXT    NOT NULL,
    balance_cents      INTEGER NOT NULL,
    overdue_cents      INTEGER NOT NULL,
    late0_to30_cents   INTEGER NOT NULL,
    late31_to60_cents  INTEGER NOT NULL,
    late61_to90_cents  INTEGER NOT NULL,
    late90_plus_cents  INTEGER NOT NULL,
    invoice_count      INTEGER NOT NULL,
    oldest_due_date    TEXT    NOT NULL,
    PRIMARY KEY (owner_id, client_id, currency)
);

CREATE TABLE balance_state (
    owner_id  INTEGER PRIMARY KEY,
    as_of     TEXT    NOT NULL
);

CREATE TABLE balance_stale (
    owner_id   INTEGER NOT NULL,
    client_id  INTEGER NOT NULL,
    PRIMARY KEY (owner_id, client_id)
);

CREATE TRIGGER invoices_balance_insert AFTER INSERT ON invoices
BEGIN
    INSERT OR IGNORE INTO balance_stale (owner_id, client_id) VALUES (NEW.owner_id, NEW.client_id);
END;

CREATE TRIGGER invoices_balance_update AFTER UPDATE OF owner_id, client_id, amount_cents, paid_cents, currency, due_date, status ON invoices
BEGIN
    INSERT OR IGNORE INTO balance_stale (owner_id, client_id) VALUES (NEW.owner_id, NEW.client_id);
    INSERT OR IGNORE INTO balance_stale (owner_id, client_id) VALUES (OLD.owner_id, OLD.client_id);
END;

CREATE TRIGGER invoices_balance_delete AFTER DELETE ON invoices
BEGIN
    INSERT OR IGNORE INTO balance_stale (owner_id, client_id) VALUES (OLD.owner_id, OLD.client_id);
END;
