-- Implementation scores (ผลการนำแผนไปปฏิบัติ) per LAO, fiscal year, round and dimension, and in total
-- (dimension_code '' = the whole plan). Computed from the Projects module's results (through its query contract),
-- stored with the moment they were calculated.
CREATE TABLE evaluation.implementation_scores (
    dla_code            text         NOT NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    fiscal_year         integer      NOT NULL,
    round               integer      NOT NULL CHECK (round IN (6, 12)),
    dimension_code      text         NOT NULL,
    project_count       integer      NOT NULL,
    budget              numeric(16,2) NOT NULL,
    conforming_count    integer      NOT NULL,
    completed_count     integer      NOT NULL,
    in_progress_count   integer      NOT NULL,
    not_possible_count  integer      NOT NULL,
    unreported_count    integer      NOT NULL,
    -- null when no project counts (none recorded, or none conforming)
    score               numeric(5,2) NULL CHECK (score BETWEEN 0 AND 100),
    band                text         NULL CHECK (band IN ('green', 'orange', 'red')),
    calculated_at       timestamptz  NOT NULL,
    PRIMARY KEY (dla_code, fiscal_year, round, dimension_code),
    CHECK ((score IS NULL) = (band IS NULL))
);
CREATE INDEX implementation_scores_year_idx ON evaluation.implementation_scores (fiscal_year, round, dimension_code);
