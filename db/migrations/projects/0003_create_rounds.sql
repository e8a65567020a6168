-- The reporting rounds of each fiscal year (6- and 12-month) as NACC sets them; a round without a row has the
-- domain default dates (6-month: 1-30 April; 12-month: 1-31 October after the fiscal year ends).
CREATE TABLE projects.rounds (
    fiscal_year integer     NOT NULL CHECK (fiscal_year BETWEEN 2561 AND 2600),
    round       smallint    NOT NULL CHECK (round IN (6, 12)),
    opens_on    date        NOT NULL,
    deadline    date        NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    PRIMARY KEY (fiscal_year, round),
    CHECK (deadline >= opens_on)
);

-- A later deadline granted to one LAO for one round (one per LAO and round: a new grant replaces the old).
CREATE TABLE projects.round_extensions (
    fiscal_year integer     NOT NULL CHECK (fiscal_year BETWEEN 2561 AND 2600),
    round       smallint    NOT NULL CHECK (round IN (6, 12)),
    dla_code    text        NOT NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    until       date        NOT NULL,
    reason      text        NULL,
    granted_at  timestamptz NOT NULL,
    granted_by  text        NOT NULL,
    PRIMARY KEY (fiscal_year, round, dla_code)
);
