-- A morning drafts hundreds of reminders into a book of many owners' drafts, and each draft's entries landed on its own
-- leaf page in every index (issue 17: a third of the pages a 10 000-owner morning wrote were the drafts'). Two indexes
-- now serve every read: the drafts waiting for a decision, few at any time, in a partial index (one leaf holds a page of
-- owners'); and per client, led by the client so that the foreign key from drafts to clients is checked through it too.
DROP INDEX ix_drafts_owner_status;
DROP INDEX ix_drafts_client;
DROP INDEX ix_drafts_client_contacts;
CREATE INDEX ix_drafts_pending ON drafts (owner_id) WHERE status = 'pending';
CREATE INDEX ix_drafts_client_contacts ON drafts (client_id, owner_id, status, step, decided_at);
