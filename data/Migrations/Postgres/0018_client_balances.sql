-- « qui me doit ? » reads each client's open balance and aging inputs from here (see the SQLite script 0018).
CREATE TABLE client_balances (
    owner_id           BIGINT NOT NULL,
    client_id          BIGINT NOT NULL,
    currency           TEXT   NOT NULL,
    balance_cents      BIGINT NOT NULL,
    overdue_cents      BIGINT NOT NULL,
    late0_to30_cents   BIGINT NOT NULL,
    late31_to60_cents  BIGINT NOT NULL,
    late61_to90_cents  BIGINT NOT NULL,
    late90_plus_cents  BIGINT NOT NULL,
    invoice_count      BIGINT NOT NULL,
    oldest_due_date    TEXT   NOT NULL,
    PRIMARY KEY (owner_id, client_id, currency)
);

CREATE TABLE balance_state (
    owner_id  BIGINT PRIMARY KEY,
    as_of     TEXT   NOT NULL
);

CREATE TABLE balance_stale (
    owner_id   BIGINT NOT NULL,
    client_id  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, client_id)
);

CREATE FUNCTION invoices_balance_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO balance_stale (owner_id, client_id) VALUES (NEW.owner_id, NEW.client_id) ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO balance_stale (owner_id, client_id) VALUES (OLD.owner_id, OLD.client_id) ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER invoices_balance_insert AFTER INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_balance_mark();
CREATE TRIGGER invoices_balance_update AFTER UPDATE OF owner_id, client_id, amount_cents, paid_cents, currency, due_date, status ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_balance_mark();
CREATE TRIGGER invoices_balance_delete AFTER DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_balance_mark();
