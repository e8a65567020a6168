-- Why a change of a project was made: NACC staff who edit or delete an LAO's project must say why (shown in the
-- project's history beside their name); an LAO may say why too. Null for the changes recorded before.
ALTER TABLE projects.project_changes ADD COLUMN reason text NULL CHECK (length(reason) <= 4000);
