-- The ladder key kept with the client's drafts' summary instead of on the client row (see the SQLite script 0023).
ALTER TABLE client_contacts ADD COLUMN ladder_key TEXT;

INSERT INTO client_contacts (owner_id, client_id, pending, rejected, ladder_key)
    SELECT owner_id, id, 0, 0, ladder_key FROM clients WHERE ladder_key IS NOT NULL
    ON CONFLICT (owner_id, client_id) DO UPDATE SET ladder_key = excluded.ladder_key;

DROP TRIGGER client_contacts_wake ON client_contacts;
CREATE TRIGGER client_contacts_wake AFTER INSERT OR UPDATE OF pending, rejected, last_decided_at, notice_sent_at, sent_steps ON client_contacts
    FOR EACH ROW EXECUTE FUNCTION ladder_wake_forget();

DROP TRIGGER clients_wake ON clients;
CREATE TRIGGER clients_wake AFTER UPDATE ON clients FOR EACH ROW EXECUTE FUNCTION ladder_wake_forget_client();

ALTER TABLE clients DROP COLUMN ladder_key;
