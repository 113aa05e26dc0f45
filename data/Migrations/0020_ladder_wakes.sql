-- The morning pass decides only the clients whose ladder can move (issue 17: 10 000 owners, 1 000 000 invoices).
--
-- 1. ladder_wakes: per client with an overdue balance, the day its rung can next move. The pass decides a client's
--    rung from its overdue invoices (the oldest due date and the lowest invoice id: `basis`), its drafts
--    (client_contacts), its plan and pause, and the day; between two changes of those, the rung only moves on days
--    the pass can foresee (a ladder offset reached, the spacing or a formal notice's deadline over, a pause ended), and
--    it writes the first such day here. Any change to what the rung is decided from sets the day back to '0000-00-00'
--    (decide at the next pass), in the same statement as the change. A client with no row has no overdue balance.
CREATE TABLE ladder_wakes (
    owner_id   INTEGER NOT NULL,
    client_id  INTEGER NOT NULL,
    wake_day   TEXT    NOT NULL,
    basis      TEXT,
    PRIMARY KEY (owner_id, client_id)
) WITHOUT ROWID;

-- The morning reads a page of owners' clients whose day has come.
CREATE INDEX ix_ladder_wakes_due ON ladder_wakes (owner_id, wake_day);

-- The ladder settings the days were foreseen under: other settings, every client decided again (SchedulerPass).
CREATE TABLE ladder_config (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    config   TEXT    NOT NULL
);

INSERT INTO ladder_wakes (owner_id, client_id, wake_day, basis)
    SELECT DISTINCT owner_id, client_id, '0000-00-00', NULL FROM client_balances WHERE overdue_count > 0;

-- Balances are rebuilt on every invoice write (0019) and when a new day moves an invoice across a limit: the client is
-- decided again only if its oldest overdue due date or lowest overdue invoice changed (not when a bucket of the
-- aging did), and a client that falls overdue gets its row.
CREATE TRIGGER client_balances_wake AFTER INSERT ON client_balances WHEN NEW.overdue_count > 0
BEGIN
    INSERT INTO ladder_wakes (owner_id, client_id, wake_day, basis) VALUES (NEW.owner_id, NEW.client_id, '0000-00-00', NULL)
    ON CONFLICT (owner_id, client_id) DO UPDATE SET wake_day = '0000-00-00'
    WHERE ladder_wakes.basis IS NOT (SELECT MIN(b.oldest_due_date) || ':' || MIN(b.overdue_anchor_id) FROM client_balances b
                                     WHERE b.owner_id = NEW.owner_id AND b.client_id = NEW.client_id AND b.overdue_count > 0);
END;

CREATE TRIGGER client_balances_wake_update AFTER UPDATE ON client_balances WHEN NEW.overdue_count > 0
BEGIN
    INSERT INTO ladder_wakes (owner_id, client_id, wake_day, basis) VALUES (NEW.owner_id, NEW.client_id, '0000-00-00', NULL)
    ON CONFLICT (owner_id, client_id) DO UPDATE SET wake_day = '0000-00-00'
    WHERE ladder_wakes.basis IS NOT (SELECT MIN(b.oldest_due_date) || ':' || MIN(b.overdue_anchor_id) FROM client_balances b
                                     WHERE b.owner_id = NEW.owner_id AND b.client_id = NEW.client_id AND b.overdue_count > 0);
END;

-- Drafts: a new draft, a decision, a rejection, a sent step.
CREATE TRIGGER client_contacts_wake_insert AFTER INSERT ON client_contacts
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
END;

CREATE TRIGGER client_contacts_wake_update AFTER UPDATE ON client_contacts
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
END;

-- The client itself (plan, promise, proceedings…); the ladder key alone is the pass's own note.
CREATE TRIGGER clients_wake AFTER UPDATE ON clients WHEN OLD.ladder_key IS NEW.ladder_key
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.id;
END;

-- Payment plans: a plan started, kept, broken or ended.
CREATE TRIGGER plans_wake_insert AFTER INSERT ON plans
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
END;

CREATE TRIGGER plans_wake_update AFTER UPDATE ON plans
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
END;

-- The owner's time zone: what « today » and the spacing days are.
CREATE TRIGGER owners_wake_zone AFTER UPDATE OF time_zone ON owners
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.id;
END;

-- 2. owner_overdue: per owner and currency, the overdue invoices' count and sum as the kept balances say — what the
--    morning digest tells, without adding up every client's row each morning. Kept by the balances' own writes.
CREATE TABLE owner_overdue (
    owner_id       INTEGER NOT NULL,
    currency       TEXT    NOT NULL,
    overdue_count  INTEGER NOT NULL,
    overdue_cents  INTEGER NOT NULL,
    PRIMARY KEY (owner_id, currency)
) WITHOUT ROWID;

INSERT INTO owner_overdue (owner_id, currency, overdue_count, overdue_cents)
    SELECT owner_id, currency, SUM(overdue_count), SUM(overdue_cents) FROM client_balances GROUP BY owner_id, currency;

CREATE TRIGGER client_balances_owner_insert AFTER INSERT ON client_balances
BEGIN
    INSERT INTO owner_overdue (owner_id, currency, overdue_count, overdue_cents) VALUES (NEW.owner_id, NEW.currency, NEW.overdue_count, NEW.overdue_cents)
    ON CONFLICT (owner_id, currency) DO UPDATE SET overdue_count = overdue_count + excluded.overdue_count, overdue_cents = overdue_cents + excluded.overdue_cents;
END;

CREATE TRIGGER client_balances_owner_delete AFTER DELETE ON client_balances
BEGIN
    UPDATE owner_overdue SET overdue_count = overdue_count - OLD.overdue_count, overdue_cents = overdue_cents - OLD.overdue_cents
    WHERE owner_id = OLD.owner_id AND currency = OLD.currency;
END;

CREATE TRIGGER client_balances_owner_update AFTER UPDATE ON client_balances
BEGIN
    UPDATE owner_overdue SET overdue_count = overdue_count - OLD.overdue_count, overdue_cents = overdue_cents - OLD.overdue_cents
    WHERE owner_id = OLD.owner_id AND currency = OLD.currency;
    INSERT INTO owner_overdue (owner_id, currency, overdue_count, overdue_cents) VALUES (NEW.owner_id, NEW.currency, NEW.overdue_count, NEW.overdue_cents)
    ON CONFLICT (owner_id, currency) DO UPDATE SET overdue_count = overdue_count + excluded.overdue_count, overdue_cents = overdue_cents + excluded.overdue_cents;
END;

-- 3. Clients whose promise (pause) ended lately: the digest looks them up per owner.
CREATE INDEX ix_clients_paused ON clients (owner_id, paused_until) WHERE paused_until IS NOT NULL;
