-- Scheduler: the owner's digest hour and days, pauses and silences; a ledger of what was done (one row per
-- owner, kind, key and day: a ping, a digest or a ladder draft happens once, across restarts and instances);
-- each owner's last completed pass (to catch up after downtime, once); and a lease between bot instances.

ALTER TABLE owner_settings ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 9 CHECK (digest_hour BETWEEN 0 AND 23);
-- Days with a morning digest, as a bit set: Monday = 1, Tuesday = 2, … Sunday = 64; weekdays by default.
ALTER TABLE owner_settings ADD COLUMN digest_days INTEGER NOT NULL DEFAULT 31 CHECK (digest_days BETWEEN 0 AND 127);
-- No ladder draft is created up to and including this day ('9999-12-31': until the owner says "reprends").
ALTER TABLE owner_settings ADD COLUMN reminders_paused_until TEXT;
-- No ping nor digest up to and including this day; nothing is caught up afterwards.
ALTER TABLE owner_settings ADD COLUMN silent_until TEXT;

CREATE TABLE schedule_marks (
    owner_id    INTEGER NOT NULL REFERENCES owners (id),
    kind        TEXT    NOT NULL,
    key         TEXT    NOT NULL,
    day         TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (owner_id, kind, key, day)
);

CREATE TABLE schedule_state (
    owner_id       INTEGER PRIMARY KEY REFERENCES owners (id),
    -- The owner's last day whose pass completed (digest time reached and everything done).
    done_day       TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
