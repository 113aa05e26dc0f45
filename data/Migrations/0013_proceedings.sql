-- A collective proceeding (sauvegarde, redressement, liquidation) published for a client: reminders stop, and the
-- owner declares the claim to the mandataire judiciaire within two months of the BODACC publication.
ALTER TABLE clients ADD COLUMN proceedings_on TEXT;
ALTER TABLE clients ADD COLUMN proceedings_kind TEXT;
