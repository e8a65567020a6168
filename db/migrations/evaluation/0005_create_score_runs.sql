-- The last recalculation of a whole fiscal year (Features/Scores/RecalculateScores.cs, the nightly job): it writes only
-- the score rows whose figures changed, and records here when it ran, so that every row of the year still tells when
-- its figures were last calculated (the later of its own calculated_at and this; docs/adr/0036-scores-from-tallies.md).
CREATE TABLE evaluation.score_runs (
    fiscal_year   integer     PRIMARY KEY,
    calculated_at timestamptz NOT NULL
);
