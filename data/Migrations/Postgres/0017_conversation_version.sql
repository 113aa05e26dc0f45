-- A conversation's state carries a version: an instance saves it only over the version it read, so two instances
-- answering one owner at once never silently overwrite each other's question in progress.
ALTER TABLE conversations ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
