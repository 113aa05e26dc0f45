-- Inbound activities stored before the channel is acknowledged, worked by several consumers, in order per
-- conversation. A row is deleted once handled; a claim older than the lease is taken over (a crashed instance).
CREATE TABLE inbox (
    id           INTEGER PRIMARY KEY,
    channel      TEXT    NOT NULL,
    conversation TEXT    NOT NULL,
    payload      TEXT    NOT NULL,
    received_at  TEXT    NOT NULL,
    claimed_at   TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_inbox_conversation ON inbox (channel, conversation, id);
