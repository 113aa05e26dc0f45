-- Reputation checks: registry answers cached (successful ones only), the DGCCRF list of fines for payment delays
-- (imported from a file), the owner's private notes about prospects, and the companies they watch.

CREATE TABLE registry_cache (
    source      TEXT NOT NULL,
    key         TEXT NOT NULL,
    body        TEXT NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (source, key)
);

CREATE TABLE sanctions (
    siren         TEXT    NOT NULL CHECK (length(siren) = 9),
    decided_on    TEXT    NOT NULL,
    amount_cents  INTEGER,
    label         TEXT    NOT NULL,
    imported_at   TEXT    NOT NULL,
    PRIMARY KEY (siren, decided_on)
);

CREATE TABLE prospect_notes (
    id           INTEGER PRIMARY KEY,
    owner_id     INTEGER NOT NULL REFERENCES owners (id),
    subject_key  TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX ix_prospect_notes_owner_subject ON prospect_notes (owner_id, subject_key);

CREATE TABLE watchlist (
    owner_id         INTEGER NOT NULL REFERENCES owners (id),
    siren            TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    snapshot         TEXT,
    added_at         TEXT    NOT NULL,
    last_checked_at  TEXT,
    PRIMARY KEY (owner_id, siren)
);
