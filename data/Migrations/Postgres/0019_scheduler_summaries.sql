-- The morning pass reads what the ladder needs per client from two kept summaries (see the SQLite script 0019).
ALTER TABLE client_balances ADD COLUMN overdue_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE client_balances ADD COLUMN overdue_anchor_id BIGINT;
DELETE FROM client_balances;
DELETE FROM balance_state;

CREATE OR REPLACE FUNCTION client_balance_recompute(p_owner BIGINT, p_client BIGINT) RETURNS void LANGUAGE sql AS $$
    DELETE FROM client_balances WHERE owner_id = p_owner AND client_id = p_client;
    INSERT INTO client_balances (owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents,
                                 late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date, overdue_count, overdue_anchor_id)
    SELECT i.owner_id, i.client_id, i.currency,
           SUM(i.amount_cents - i.paid_cents),
           SUM(CASE WHEN i.due_date < st.as_of THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < st.as_of AND i.due_date >= to_char(st.as_of::date - 30, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < to_char(st.as_of::date - 30, 'YYYY-MM-DD') AND i.due_date >= to_char(st.as_of::date - 60, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < to_char(st.as_of::date - 60, 'YYYY-MM-DD') AND i.due_date >= to_char(st.as_of::date - 90, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           SUM(CASE WHEN i.due_date < to_char(st.as_of::date - 90, 'YYYY-MM-DD') THEN i.amount_cents - i.paid_cents ELSE 0 END),
           COUNT(*), MIN(i.due_date),
           SUM(CASE WHEN i.due_date < st.as_of THEN 1 ELSE 0 END),
           MIN(CASE WHEN i.due_date < st.as_of THEN i.id END)
    FROM invoices i JOIN balance_state st ON st.owner_id = i.owner_id
    WHERE i.owner_id = p_owner AND i.client_id = p_client AND i.status = 'open'
    GROUP BY i.owner_id, i.client_id, i.currency;
$$;

CREATE TABLE client_contacts (
    owner_id         BIGINT NOT NULL,
    client_id        BIGINT NOT NULL,
    pending          BIGINT NOT NULL,
    rejected         BIGINT NOT NULL,
    last_decided_at  TEXT,
    notice_sent_at   TEXT,
    sent_steps       TEXT,
    PRIMARY KEY (owner_id, client_id)
);

-- What the triggers add up, in the index itself: a client's drafts are read without touching their bodies.
CREATE INDEX ix_drafts_client_contacts ON drafts (owner_id, client_id, status, step, decided_at);

INSERT INTO client_contacts (owner_id, client_id, pending, rejected, last_decided_at, notice_sent_at, sent_steps)
SELECT owner_id, client_id,
       SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
       MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END),
       MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = 'formal_notice' THEN decided_at END),
       string_agg(DISTINCT CASE WHEN status IN ('sent', 'manual') THEN step END, ',')
FROM drafts GROUP BY owner_id, client_id;

CREATE FUNCTION drafts_contacts_recompute() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A new pending draft (what the ladder writes) only adds one to pending.
    IF TG_OP = 'INSERT' AND NEW.status = 'pending' THEN
        INSERT INTO client_contacts (owner_id, client_id, pending, rejected) VALUES (NEW.owner_id, NEW.client_id, 1, 0)
        ON CONFLICT (owner_id, client_id) DO UPDATE SET pending = client_contacts.pending + 1;
        RETURN NULL;
    END IF;
    INSERT INTO client_contacts (owner_id, client_id, pending, rejected, last_decided_at, notice_sent_at, sent_steps)
    SELECT NEW.owner_id, NEW.client_id,
           SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
           SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
           MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END),
           MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = 'formal_notice' THEN decided_at END),
           string_agg(DISTINCT CASE WHEN status IN ('sent', 'manual') THEN step END, ',')
    FROM drafts WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id
    ON CONFLICT (owner_id, client_id) DO UPDATE SET pending = excluded.pending, rejected = excluded.rejected,
        last_decided_at = excluded.last_decided_at, notice_sent_at = excluded.notice_sent_at, sent_steps = excluded.sent_steps;
    RETURN NULL;
END;
$$;

CREATE TRIGGER drafts_contacts_insert AFTER INSERT ON drafts FOR EACH ROW EXECUTE FUNCTION drafts_contacts_recompute();
CREATE TRIGGER drafts_contacts_update AFTER UPDATE OF status, decided_at, step ON drafts FOR EACH ROW EXECUTE FUNCTION drafts_contacts_recompute();
