-- Instalment plans: the owner's policy (NULL: the configured default), the plans and their instalments.
-- Payments are matched to instalments oldest first; a plan covers a client's invoices listed in invoice_ids.

ALTER TABLE owner_settings ADD COLUMN plan_max_months INTEGER;
ALTER TABLE owner_settings ADD COLUMN plan_min_instalment_cents INTEGER;
ALTER TABLE owner_settings ADD COLUMN plan_first_within_days INTEGER;
ALTER TABLE owner_settings ADD COLUMN plan_deposit_percent INTEGER;

CREATE TABLE plans (
    id            INTEGER PRIMARY KEY,
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    status        TEXT    NOT NULL CHECK (status IN ('active', 'completed', 'breached', 'cancelled')),
    total_cents   INTEGER NOT NULL CHECK (total_cents > 0),
    currency      TEXT    NOT NULL,
    invoice_ids   TEXT    NOT NULL,
    grace_days    INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    ended_at      TEXT
);
CREATE INDEX ix_plans_owner_status ON plans (owner_id, status);
CREATE INDEX ix_plans_client ON plans (client_id, status);

CREATE TABLE plan_instalments (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plans (id),
    owner_id      INTEGER NOT NULL REFERENCES owners (id),
    seq           INTEGER NOT NULL,
    due_date      TEXT    NOT NULL,
    amount_cents  INTEGER NOT NULL CHECK (amount_cents > 0),
    paid_cents    INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents >= 0 AND paid_cents <= amount_cents),
    UNIQUE (plan_id, seq)
);
CREATE INDEX ix_plan_instalments_due ON plan_instalments (owner_id, due_date);
