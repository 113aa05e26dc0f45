-- Letters identify both parties: the owner's address, SIREN and legal form, the debtor's address. Copies of the
-- messages a debtor receives (the owner's accountant): owner-wide or per client, visible (Cc) or hidden (Bcc).
ALTER TABLE owner_settings ADD COLUMN address TEXT;
ALTER TABLE owner_settings ADD COLUMN siren TEXT;
ALTER TABLE owner_settings ADD COLUMN legal_form TEXT;
ALTER TABLE owner_settings ADD COLUMN copy_email TEXT;
ALTER TABLE owner_settings ADD COLUMN copy_hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE clients ADD COLUMN address TEXT;
ALTER TABLE clients ADD COLUMN copy_email TEXT;
ALTER TABLE clients ADD COLUMN copy_hidden INTEGER NOT NULL DEFAULT 0;
