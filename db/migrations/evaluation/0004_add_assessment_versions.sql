-- The version of an assessor's sheet, so that a save over scores the assessor did not see is refused: every save
-- adds 1; a sheet never entered is at version 0.
ALTER TABLE evaluation.assessments ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
