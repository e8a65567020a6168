-- The version of a round's dates, so that NACC central never saves over a change it did not see: every change of a
-- round's dates adds 1; a round without a row (the domain default dates) is at version 0.
ALTER TABLE projects.rounds ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
