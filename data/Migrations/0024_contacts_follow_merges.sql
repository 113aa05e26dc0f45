-- Merging two clients moves one's drafts to the other (ClientRepository.MergeAsync), which the drafts' summary did not
-- follow: the client kept did not count the other's reminders (its spacing and the steps already sent), and the
-- client merged away kept a row. Both sides now follow a draft that changes client, and past merges are mended.
DROP TRIGGER drafts_contacts_update;
CREATE TRIGGER drafts_contacts_update AFTER UPDATE OF status, decided_at, step, client_id ON drafts
BEGIN
    INSERT INTO client_contacts (owner_id, client_id, pending, rejected, last_decided_at, notice_sent_at, sent_steps)
    SELECT NEW.owner_id, NEW.client_id,
           SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
           SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
           MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END),
           MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = 'formal_notice' THEN decided_at END),
           group_concat(DISTINCT CASE WHEN status IN ('sent', 'manual') THEN step END)
    FROM drafts WHERE owner_id = NEW.owner_id AND client_id = NEW.client_id
    ON CONFLICT (owner_id, client_id) DO UPDATE SET pending = excluded.pending, rejected = excluded.rejected, last_decided_at = excluded.last_decided_at,
        notice_sent_at = excluded.notice_sent_at, sent_steps = excluded.sent_steps;
END;

CREATE TRIGGER drafts_contacts_moved AFTER UPDATE OF client_id ON drafts WHEN OLD.client_id IS NOT NEW.client_id
BEGIN
    DELETE FROM client_contacts WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id
        AND NOT EXISTS (SELECT 1 FROM drafts WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id);
    UPDATE client_contacts SET (pending, rejected, last_decided_at, notice_sent_at, sent_steps) = (
        SELECT SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END),
               SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END),
               MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END),
               MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = 'formal_notice' THEN decided_at END),
               group_concat(DISTINCT CASE WHEN status IN ('sent', 'manual') THEN step END)
        FROM drafts WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id)
    WHERE owner_id = OLD.owner_id AND client_id = OLD.client_id;
END;

-- Past merges: the clients merged away lose their row.
DELETE FROM client_contacts WHERE NOT EXISTS (SELECT 1 FROM clients c WHERE c.id = client_contacts.client_id);
-- The clients kept are added up again by the update trigger above, fired on their drafts (a client id set to itself
-- moves nothing: the trigger for a move does not fire).
UPDATE drafts SET client_id = client_id WHERE client_id IN (SELECT entity_id FROM events WHERE kind = 'clients_merged');
