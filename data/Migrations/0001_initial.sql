-- Foundation schema. Money is INTEGER cents + ISO 4217 currency; dates are ISO 'YYYY-MM-DD' TEXT;
-- instants are ISO-8601 UTC TEXT. Every business row carries owner_id: an owner never sees another's data.

CREATE TABLE owners (
    id            INTEGER PRIMARY KEY,
    channel       TEXT    NOT NULL,
    external_id   TEXT    NOT NULL,
    name          TEXT,
    language      TEXT    NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'en')),
    time_zone     TEXT    NOT NULL DEFAULT 'Europe/Paris',
    created_at    TEXT    NOT NULL,
    UNIQUE (channel, external_id)
);

CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    name          TEXT    NOT NULL,
    -- Lower-case, accent-free, single-spaced form of the name: how duplicates are detected.
    name_key      TEXT    NOT NULL,
    kind          TEXT    NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'individual')),
    siren         TEXT    CHECK (siren IS NULL OR length(siren) = 9),
    email         TEXT,
    notes         TEXT,
    created_at    TEXT    NOT NULL,
    UNIQUE (owner_id, name_key)
);

CREATE TABLE invoices (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    number        TEXT,
    number_key    TEXT,
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    -- Kept in step with the payments table inside the same transaction, so listings need no join.
    paid_cents    INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0 AND paid_cents <= amount_cents),
    currency      TEXT    NOT NULL CHECK (length(currency) = 3),
    issue_date    TEXT    NOT NULL,
    due_date      TEXT    NOT NULL,
    status        TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'disputed', 'cancelled')),
    created_at    TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_invoices_owner_number ON invoices (owner_id, number_key) WHERE number_key IS NOT NULL;
CREATE INDEX ix_invoices_owner_status_due ON invoices (owner_id, status, due_date);
CREATE INDEX ix_invoices_client ON invoices (client_id, status);

CREATE TABLE payments (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    invoice_id    INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    currency      TEXT    NOT NULL,
    paid_on       TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);
CREATE INDEX ix_payments_invoice ON payments (invoice_id);

-- Dialog state per conversation (slot filling, pending choices), so a restart forgets nothing.
CREATE TABLE conversations (
    owner_id         INTEGER NOT NULL REFERENCES owners (id),
    conversation_key TEXT    NOT NULL,
    state_json       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (owner_id, conversation_key)
);

-- Append-only journal of every change: the owner's written proof of what happened and when.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES owners (id),
    actor       TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    entity      TEXT    NOT NULL,
    entity_id   INTEGER,
    data_json   TEXT,
    at          TEXT    NOT NULL
);
CREATE INDEX ix_events_owner_entity ON events (owner_id, entity, entity_id);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
