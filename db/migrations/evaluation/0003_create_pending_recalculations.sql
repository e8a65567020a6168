-- The LAOs and fiscal years whose implementation scores wait to be recalculated. A change of an LAO's results writes
-- its row in the change's own transaction, so a crash after the commit loses nothing; a job queued after the commit
-- and a sweep every minute drain it. version grows with every change: a drain deletes only the version it read, so a
-- change that arrives while it recalculates stays pending for the next one.
CREATE TABLE evaluation.pending_recalculations (
    dla_code     text        NOT NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    fiscal_year  integer     NOT NULL,
    requested_at timestamptz NOT NULL,
    version      bigint      NOT NULL DEFAULT 1,
    PRIMARY KEY (dla_code, fiscal_year)
);
