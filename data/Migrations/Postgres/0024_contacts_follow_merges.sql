-- The drafts' summary follows a draft that changes client (a merge), and past merges are mended (see the SQLite script 0024).
CREATE FUNCTION drafts_contacts_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM client_contacts WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id
        AND NOT EXISTS (SELECT 1 FROM drafts WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id);
    UPDATE client_contacts SET (pending, rejected, last_decided_at, notice_sent_at, sent_steps) = (
        SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
               SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
               MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END),
               MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = 'formal_notice' THEN decided_at END),
               string_agg(DISTINCT CASE WHEN status IN ('sent', 'manual') THEN step END, ',')
        FROM drafts WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id)
    WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id;
    RETURN NULL;
END;
$$;

DROP TRIGGER drafts_contacts_update ON drafts;
CREATE TRIGGER drafts_contacts_update AFTER UPDATE OF status, decided_at, step, client_id ON drafts FOR EACH ROW EXECUTE FUNCTION drafts_contacts_recompute();
CREATE TRIGGER drafts_contacts_moved AFTER UPDATE OF client_id ON drafts FOR EACH ROW WHEN (OLD.client_id IS DISTINCT FROM NEW.client_id)
    EXECUTE FUNCTION drafts_contacts_moved();

-- Past merges: the clients merged away lose their row.
DELETE FROM client_contacts WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = client_contacts.client_id);
-- The clients kept are added up again by the update trigger above, fired on their drafts (a client id set to itself
-- moves nothing: the trigger for a move does not fire).
UPDATE drafts SET client_id = client_id WHERE client_id IN (SELECT entity_id FROM events WHERE kind = 'clients_merged');
