-- Chat channels: small per-channel state (Telegram's polling offset), updates already handled (a duplicate is
-- handled once), one-time invite codes (only their hash is kept) and the users they admitted.

CREATE TABLE channel_state (
    channel  TEXT NOT NULL,
    name     TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (channel, name)
);

CREATE TABLE channel_updates (
    channel      TEXT NOT NULL,
    update_id    TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (channel, update_id)
);
CREATE INDEX ix_channel_updates_received ON channel_updates (received_at);

CREATE TABLE invites (
    code_hash    TEXT PRIMARY KEY,
    channel      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    redeemed_by  TEXT,
    redeemed_at  TEXT
);

CREATE TABLE channel_grants (
    channel      TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    granted_at   TEXT NOT NULL,
    via          TEXT NOT NULL,
    PRIMARY KEY (channel, external_id)
);
