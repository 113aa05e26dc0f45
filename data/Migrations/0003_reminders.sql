-- Reminders: the owner's payment details and policy, per-client reminder state, rate tables, drafts awaiting
-- approval, the outbox that sends them (each attempt recorded before it is made), and notices for the owner.

CREATE TABLE owner_settings (
    owner_id          INTEGER PRIMARY KEY REFERENCES owners (id),
    business_name     TEXT,
    iban              TEXT,
    payment_link      TEXT,
    -- A contractual late-payment rate (CGV), in basis points; NULL: the legal rate applies.
    contract_rate_bp  INTEGER CHECK (contract_rate_bp IS NULL OR contract_rate_bp BETWEEN 0 AND 10000),
    -- Ladder steps the owner lets go out without approval, comma-separated; empty by default.
    auto_send_steps   TEXT NOT NULL DEFAULT '',
    updated_at        TEXT NOT NULL
);

ALTER TABLE clients ADD COLUMN reminder_plan TEXT NOT NULL DEFAULT 'standard' CHECK (reminder_plan IN ('standard', 'gentle', 'strict'));
-- A promise to pay pauses reminders up to and including this date.
ALTER TABLE clients ADD COLUMN paused_until TEXT;
-- When the formal notice was sent: interest on a consumer's debt runs from then.
ALTER TABLE clients ADD COLUMN formal_notice_on TEXT;

-- Rates in basis points, by kind and the first day they apply (1 January / 1 July).
CREATE TABLE rates (
    kind        TEXT    NOT NULL CHECK (kind IN ('ecb_mro', 'legal_individual', 'legal_other')),
    valid_from  TEXT    NOT NULL,
    rate_bp     INTEGER NOT NULL CHECK (rate_bp >= 0),
    source      TEXT,
    PRIMARY KEY (kind, valid_from)
);

-- Seeded from reference/french-law-and-company-data.md A3 (ECB MRO on 1 Jan / 1 Jul; taux légal by semester).
INSERT INTO rates (kind, valid_from, rate_bp, source) VALUES
    ('ecb_mro', '2023-01-01', 250, 'ECB MRO on 1 Jan 2023'),
    ('ecb_mro', '2023-07-01', 400, 'ECB MRO on 1 Jul 2023'),
    ('ecb_mro', '2024-01-01', 450, 'ECB MRO on 1 Jan 2024'),
    ('ecb_mro', '2024-07-01', 425, 'ECB MRO on 1 Jul 2024'),
    ('ecb_mro', '2025-01-01', 315, 'ECB MRO on 1 Jan 2025'),
    ('ecb_mro', '2025-07-01', 215, 'ECB MRO on 1 Jul 2025'),
    ('ecb_mro', '2026-01-01', 215, 'ECB MRO on 1 Jan 2026'),
    ('legal_individual', '2023-01-01', 447, 'taux légal, créancier particulier'),
    ('legal_individual', '2023-07-01', 682, 'taux légal, créancier particulier'),
    ('legal_individual', '2024-01-01', 801, 'taux légal, créancier particulier'),
    ('legal_individual', '2024-07-01', 816, 'taux légal, créancier particulier'),
    ('legal_individual', '2025-01-01', 721, 'taux légal, créancier particulier'),
    ('legal_individual', '2025-07-01', 665, 'taux légal, créancier particulier'),
    ('legal_individual', '2026-01-01', 667, 'taux légal, créancier particulier'),
    ('legal_other', '2023-01-01', 206, 'taux légal, autres cas'),
    ('legal_other', '2023-07-01', 422, 'taux légal, autres cas'),
    ('legal_other', '2024-01-01', 507, 'taux légal, autres cas'),
    ('legal_other', '2024-07-01', 492, 'taux légal, autres cas'),
    ('legal_other', '2025-01-01', 371, 'taux légal, autres cas'),
    ('legal_other', '2025-07-01', 276, 'taux légal, autres cas'),
    ('legal_other', '2026-01-01', 262, 'taux légal, autres cas');

CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY,
    owner_id        INTEGER NOT NULL REFERENCES owners (id),
    client_id       INTEGER NOT NULL REFERENCES clients (id),
    step            TEXT    NOT NULL,
    language        TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    -- The invoices covered, as a JSON array of ids, and what was due when drafted.
    invoice_ids     TEXT    NOT NULL,
    amount_cents    INTEGER NOT NULL,
    currency        TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected', 'sent', 'failed', 'manual', 'obsolete')),
    edited          INTEGER NOT NULL DEFAULT 0,
    created_by      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    decided_at      TEXT
);
CREATE INDEX ix_drafts_owner_status ON drafts (owner_id, status);
CREATE INDEX ix_drafts_client ON drafts (client_id, status);

-- One row per approved message. Status goes queued -> sending -> sent | queued (retry) | failed, and 'sending' is
-- committed before the SMTP call: a row found in 'sending' after a crash becomes 'unknown' and is shown to the
-- owner instead of being sent a second time. 'manual' means the owner sends it themselves.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    owner_id         INTEGER NOT NULL REFERENCES owners (id),
    draft_id         INTEGER NOT NULL UNIQUE REFERENCES drafts (id),
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    to_address       TEXT,
    subject          TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    status           TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'manual')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    not_before       TEXT    NOT NULL,
    last_error       TEXT,
    -- The owner's calendar day the message went out: at most one per debtor per day.
    sent_day         TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox (status, not_before);
CREATE INDEX ix_outbox_client_day ON outbox (client_id, sent_day);

-- Things to tell the owner outside a reply (a send that failed later, an interrupted send): shown on their next
-- turn, and pushed by the notifier where a channel can push.
CREATE TABLE notices (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    text          TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    delivered_at  TEXT
);
CREATE INDEX ix_notices_owner_pending ON notices (owner_id, delivered_at);
