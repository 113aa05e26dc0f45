-- « qui me doit ? » reads each client's open balance and aging inputs from here (see the SQLite script 0018): every
-- write to an invoice recomputes its client's rows for the owner's as_of day, in the same statement.
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

CREATE FUNCTION client_balance_recompute(p_owner BIGINT, p_client BIGINT) RETURNS void LANGUAGE sql AS $$
    DELETE FROM client_balances WHERE owner_id = p_owner AND client_id = p_client;
    INSERT INTO client_balances (owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents,
                                 late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date)
    SELECT i.owner_id, i.client_id, i.currency,
           SUM(i.amount_cents - i.paid_cents),
           SUM(CASE WHEN i.due_date < st.as_of THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < st.as_of AND i.due_date >= to_char(st.as_of::date - 30, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < to_char(st.as_of::date - 30, 'YYYY-MM-DD') AND i.due_date >= to_char(st.as_of::date - 60, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < to_char(st.as_of::date - 60, 'YYYY-MM-DD') AND i.due_date >= to_char(st.as_of::date - 90, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < to_char(st.as_of::date - 90, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           COUNT(*), MIN(i.due_date)
    FROM invoices i JOIN balance_state st ON st.owner_id = i.owner_id
    WHERE i.owner_id = p_owner AND i.client_id = p_client AND i.status = 'open'
    GROUP BY i.owner_id, i.client_id, i.currency;
$$;

CREATE FUNCTION invoices_balance_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM client_balance_recompute(NEW.owner_id, NEW.client_id);
    END IF;
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD.owner_id, OLD.client_id) IS DISTINCT FROM (NEW.owner_id, NEW.client_id)) THEN
        PERFORM client_balance_recompute(OLD.owner_id, OLD.client_id);
    END IF;
    RETURN NULL;
END;
$$;

CREATE TRIGGER invoices_balance_insert AFTER INSERT ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_balance_recompute();
CREATE TRIGGER invoices_balance_update AFTER UPDATE OF owner_id, client_id, amount_cents, paid_cents, currency, due_date, status ON invoices
    FOR EACH ROW EXECUTE FUNCTION invoices_balance_recompute();
CREATE TRIGGER invoices_balance_delete AFTER DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION invoices_balance_recompute();
