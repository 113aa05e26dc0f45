-- « qui me doit ? » reads each client's open balance and aging inputs from here instead of adding up every open
-- invoice. The rows of an owner are for one day (balance_state.as_of, the owner's « today » when they were last
-- built): every write to an invoice recomputes its client's rows for that day in the same statement (triggers, so no
-- write path can forget), and the first read of a new day rebuilds the owner's rows once (BalanceRepository).
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

CREATE TRIGGER invoices_balance_insert AFTER INSERT ON invoices
BEGIN
    DELETE FROM client_balances WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
    INSERT INTO client_balances (owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents,
                                 late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date)
    SELECT i.owner_id, i.client_id, i.currency,
           SUM(i.amount_cents - i.paid_cents),
           SUM(CASE WHEN i.due_date < st.as_of THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < st.as_of AND i.due_date >= date(st.as_of, '-30 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-30 days') AND i.due_date >= date(st.as_of, '-60 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-60 days') AND i.due_date >= date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           COUNT(*), MIN(i.due_date)
    FROM invoices i JOIN balance_state st ON st.owner_id = i.owner_id
    WHERE i.owner_id = NEW.owner_id AND i.client_id = NEW.client_id AND i.status = 'open'
    GROUP BY i.owner_id, i.client_id, i.currency;
END;

CREATE TRIGGER invoices_balance_update AFTER UPDATE OF owner_id, client_id, amount_cents, paid_cents, currency, due_date, status ON invoices
BEGIN
    DELETE FROM client_balances WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
    INSERT INTO client_balances (owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents,
                                 late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date)
    SELECT i.owner_id, i.client_id, i.currency,
           SUM(i.amount_cents - i.paid_cents),
           SUM(CASE WHEN i.due_date < st.as_of THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < st.as_of AND i.due_date >= date(st.as_of, '-30 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-30 days') AND i.due_date >= date(st.as_of, '-60 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-60 days') AND i.due_date >= date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           COUNT(*), MIN(i.due_date)
    FROM invoices i JOIN balance_state st ON st.owner_id = i.owner_id
    WHERE i.owner_id = NEW.owner_id AND i.client_id = NEW.client_id AND i.status = 'open'
    GROUP BY i.owner_id, i.client_id, i.currency;
    DELETE FROM client_balances WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id;
    INSERT INTO client_balances (owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents,
                                 late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date)
    SELECT i.owner_id, i.client_id, i.currency,
           SUM(i.amount_cents - i.paid_cents),
           SUM(CASE WHEN i.due_date < st.as_of THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < st.as_of AND i.due_date >= date(st.as_of, '-30 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-30 days') AND i.due_date >= date(st.as_of, '-60 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-60 days') AND i.due_date >= date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           COUNT(*), MIN(i.due_date)
    FROM invoices i JOIN balance_state st ON st.owner_id = i.owner_id
    WHERE i.owner_id = OLD.owner_id AND i.client_id = OLD.client_id AND i.status = 'open'
    GROUP BY i.owner_id, i.client_id, i.currency;
END;

CREATE TRIGGER invoices_balance_delete AFTER DELETE ON invoices
BEGIN
    DELETE FROM client_balances WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id;
    INSERT INTO client_balances (owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents,
                                 late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date)
    SELECT i.owner_id, i.client_id, i.currency,
           SUM(i.amount_cents - i.paid_cents),
           SUM(CASE WHEN i.due_date < st.as_of THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < st.as_of AND i.due_date >= date(st.as_of, '-30 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-30 days') AND i.due_date >= date(st.as_of, '-60 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-60 days') AND i.due_date >= date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < date(st.as_of, '-90 days') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           COUNT(*), MIN(i.due_date)
    FROM invoices i JOIN balance_state st ON st.owner_id = i.owner_id
    WHERE i.owner_id = OLD.owner_id AND i.client_id = OLD.client_id AND i.status = 'open'
    GROUP BY i.owner_id, i.client_id, i.currency;
END;
