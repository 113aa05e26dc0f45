-- The drafts waiting in a partial index, the rest per client (see the SQLite script 0022).
DROP INDEX ix_drafts_owner_status;
DROP INDEX ix_drafts_client;
DROP INDEX ix_drafts_client_contacts;
CREATE INDEX ix_drafts_pending ON drafts (owner_id) WHERE status = 'pending';
CREATE INDEX ix_drafts_client_contacts ON drafts (client_id, owner_id, status, step, decided_at);
