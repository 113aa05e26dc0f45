-- A client's ladder key (the last rung the morning decided for it) is kept with its drafts' summary (client_contacts)
-- instead of on the client row: the morning writes both for every client it drafts for, and the client row was a page
-- of its own to rewrite for each (issue 17: ~700 pages a 10 000-owner morning).
ALTER TABLE client_contacts ADD COLUMN ladder_key TEXT;

INSERT INTO client_contacts (owner_id, client_id, pending, rejected, ladder_key)
    SELECT owner_id, id, 0, 0, ladder_key FROM clients WHERE ladder_key IS NOT NULL
    ON CONFLICT (owner_id, client_id) DO UPDATE SET ladder_key = excluded.ladder_key;

-- The key is the pass's own note: writing it does not bring the client back to be decided again; the drafts do.
DROP TRIGGER client_contacts_wake_update;
CREATE TRIGGER client_contacts_wake_update AFTER UPDATE OF pending, rejected, last_decided_at, notice_sent_at, sent_steps ON client_contacts
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id;
END;

-- Any change to the client itself (plan, promise, proceedings…) brings it back.
DROP TRIGGER clients_wake;
CREATE TRIGGER clients_wake AFTER UPDATE ON clients
BEGIN
    UPDATE ladder_wakes SET wake_day = '0000-00-00' WHERE owner_id = NEW.owner_id AND client_id = NEW.id;
END;

ALTER TABLE clients DROP COLUMN ladder_key;
