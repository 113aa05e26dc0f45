-- Bank statement lines already seen, so that importing the same statement twice records nothing twice, and the
-- payer accounts the owner confirmed (an IBAN that paid a client's invoice before is that client's).
CREATE TABLE bank_lines (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    line_key      TEXT    NOT NULL,
    booked_on     TEXT    NOT NULL,
    amount_cents  INTEGER NOT NULL,
    currency      TEXT    NOT NULL,
    label         TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('recorded', 'debit', 'unmatched', 'proposed', 'rejected')),
    created_at    TEXT    NOT NULL,
    UNIQUE (owner_id, line_key)
);

CREATE TABLE payer_accounts (
    owner_id   INTEGER NOT NULL REFERENCES owners (id),
    iban       TEXT    NOT NULL,
    client_id  INTEGER NOT NULL REFERENCES clients (id),
    PRIMARY KEY (owner_id, iban)
);

-- The reference a debtor is asked to quote on a transfer (Factur-X PaymentReference, a CSV column).
ALTER TABLE invoices ADD COLUMN payment_reference TEXT;

-- A file sent in the chat, kept until the owner presses « Enregistrer » or « Annuler » on its preview.
CREATE TABLE pending_imports (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES owners (id),
    name        TEXT    NOT NULL,
    content     BLOB    NOT NULL,
    created_at  TEXT    NOT NULL
);
