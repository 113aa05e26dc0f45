-- The morning pass decides only the clients whose ladder can move (see the SQLite script 0020): ladder_wakes (the day
-- each client's rung can next move, set back to '0000-00-00' by any change to what it is decided from), the ladder
-- settings those days were foreseen under, and owner_overdue (what the digest tells, kept by the balances' writes).
CREATE TABLE ladder_wakes (
    owner_id   BIGINT NOT NULL,
    client_id  BIGINT NOT NULL,
    wake_day   TEXT   NOT NULL,
    basis      TEXT,
    PRIMARY KEY (owner_id, client_id)
);

CREATE INDEX ix_ladder_wakes_due ON ladder_wakes (owner_id, wake_day);

CREATE TABLE ladder_config (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    config   TEXT   NOT NULL
);

INSERT INTO ladder_wakes (owner_id, client_id, wake_day, basis)
    SELECT DISTINCT owner_id, client_id, '0000-00-00', NULL::text FROM client_balances WHERE overdue_count > 0;

CREATE TABLE owner_overdue (
    owner_id       BIGINT NOT NULL,
    currency       TEXT   NOT NULL,
    overdue_count  BIGINT NOT NULL,
    overdue_cents  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, currency)
);

INSERT INTO owner_overdue (owner_id, currency, overdue_count, overdue_cents)
    SELECT owner_id, currency, SUM(overdue_count), SUM(overdue_cents) FROM client_balances GROUP BY owner_id, currency;

-- A balance row written: the owner's totals follow; the client is decided again only if its oldest overdue due date or
-- lowest overdue invoice changed, and a client that falls overdue gets its row.
CREATE FUNCTION client_balances_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE owner_overdue SET overdue_count = overdue_count - OLD.overdue_count, overdue_cents = overdue_cents - OLD.overdue_cents
        WHERE owner_id = OLD.owner_id AND currency = OLD.currency;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO owner_overdue (owner_id, currency, overdue_count, overdue_cents) VALUES (NEW.owner_id, NEW.currency, NEW.overdue_count, NEW.overdue_cents)
        ON CONFLICT (owner_id, currency) DO UPDATE SET overdue_count = owner_overdue.overdue_count + excluded.overdue_count,
            overdue_cents = owner_overdue.overdue_cents + excluded.overdue_cents;
        IF NEW.overdue_count > 0 THEN
            INSERT INTO ladder_wakes (owner_id, client_id, wake_day, basis) VALUES (NEW.owner_id, NEW.client_id, '0000-00-00', NULL)
            ON CONFLICT (owner_id, client_id) DO UPDATE SET wake_day = '0000-00-00'
            WHERE ladder_wakes.basis IS DISTINCT FROM (SELECT MIN(b.oldest_due_date) || ':' || MIN(b.overdue_anchor_id) FROM client_balances b
                                                       WHERE b.owner_id = NEW.owner_id AND b.client_id = NEW.client_id AND b.overdue_count > 0);
        END IF;
    END IF;
    RETURN NULL;
END;
$$;

-- Drafts (client_contacts) and plans: decided again.
CREATE FUNCTION ladder_wake_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
    RETURN NULL;
END;
$$;

-- The client itself (plan, promise, proceedings…).
CREATE FUNCTION ladder_wake_forget_client() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.id;
    RETURN NULL;
END;
$$;

-- The owner's time zone: what « today » and the spacing days are.
CREATE FUNCTION ladder_wake_forget_owner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER client_balances_kept AFTER INSERT OR UPDATE OR DELETE ON client_balances FOR EACH ROW EXECUTE FUNCTION client_balances_kept();
CREATE TRIGGER client_contacts_wake AFTER INSERT OR UPDATE ON client_contacts FOR EACH ROW EXECUTE FUNCTION ladder_wake_forget();
CREATE TRIGGER plans_wake AFTER INSERT OR UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION ladder_wake_forget();
-- The ladder key alone is the pass's own note.
CREATE TRIGGER clients_wake AFTER UPDATE ON clients FOR EACH ROW WHEN (OLD.ladder_key IS NOT DISTINCT FROM NEW.ladder_key)
    EXECUTE FUNCTION ladder_wake_forget_client();
CREATE TRIGGER owners_wake_zone AFTER UPDATE OF time_zone ON owners FOR EACH ROW EXECUTE FUNCTION ladder_wake_forget_owner();

CREATE INDEX ix_clients_paused ON clients (owner_id, paused_until) WHERE paused_until IS NOT NULL;
