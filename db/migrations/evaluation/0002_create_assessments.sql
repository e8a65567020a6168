-- Assessment scores per dimension, entered by three assessors: the LAO itself (self), its NACC provincial office
-- (provincial) and NACC central (central). The maximum of each dimension and the minimum passing total are settings
-- per fiscal year (no official rubric is published; defaults 25 per dimension and 50 in total).
CREATE TABLE evaluation.assessment_settings (
    fiscal_year   integer      PRIMARY KEY,
    passing_total numeric(6,2) NOT NULL CHECK (passing_total >= 0),
    updated_at    timestamptz  NOT NULL,
    updated_by    text         NOT NULL
);

CREATE TABLE evaluation.assessment_dimension_maxima (
    fiscal_year    integer      NOT NULL REFERENCES evaluation.assessment_settings (fiscal_year),
    dimension_code text         NOT NULL,
    max_score      numeric(6,2) NOT NULL CHECK (max_score > 0),
    PRIMARY KEY (fiscal_year, dimension_code)
);

CREATE TABLE evaluation.assessments (
    dla_code     text        NOT NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    fiscal_year  integer     NOT NULL,
    assessor     text        NOT NULL CHECK (assessor IN ('self', 'provincial', 'central')),
    -- an office's scores are shown to the LAO only once published; a self-assessment is always its own to see
    published_at timestamptz NULL,
    published_by text        NULL,
    entered_at   timestamptz NOT NULL,
    entered_by   text        NOT NULL,
    PRIMARY KEY (dla_code, fiscal_year, assessor)
);

CREATE TABLE evaluation.assessment_scores (
    dla_code       text         NOT NULL,
    fiscal_year    integer      NOT NULL,
    assessor       text         NOT NULL,
    dimension_code text         NOT NULL,
    score          numeric(6,2) NOT NULL CHECK (score >= 0),
    PRIMARY KEY (dla_code, fiscal_year, assessor, dimension_code),
    FOREIGN KEY (dla_code, fiscal_year, assessor) REFERENCES evaluation.assessments (dla_code, fiscal_year, assessor) ON DELETE CASCADE
);

-- Every change of an assessment: who, when, the scores before and after.
CREATE TABLE evaluation.assessment_changes (
    id          uuid        PRIMARY KEY,
    dla_code    text        NOT NULL,
    fiscal_year integer     NOT NULL,
    assessor    text        NOT NULL,
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    change      jsonb       NOT NULL
);
CREATE INDEX assessment_changes_idx ON evaluation.assessment_changes (dla_code, fiscal_year, changed_at DESC);
