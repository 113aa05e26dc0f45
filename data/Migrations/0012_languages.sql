-- Each client has the language its messages are written in (null: French, the default);
-- the owner's chat language is a setting (fixed: set by « parle-moi en anglais », not flipped by one message).
ALTER TABLE clients ADD COLUMN language TEXT CHECK (language IN ('fr', 'en'));
ALTER TABLE owners ADD COLUMN language_fixed INTEGER NOT NULL DEFAULT 0;
