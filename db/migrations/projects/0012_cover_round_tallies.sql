-- The scores of a fiscal year count every live project per LAO and dimension, with its screening and budget, for the
-- whole nation at once (Features/Rounds/ListRoundTallies.cs, the nightly recalculation of the Evaluation module):
-- with the dimension and the budget in the index too, that count and the projects side of its join with the reports
-- read the index alone (an index-only scan: some 40 MB instead of the 480 MB of the table, whose texts it never needs;
-- docs/adr/0036-scores-from-tallies.md). It replaces projects_year_lao_cover_idx (migration 0009), which has the same
-- key and predicate and whose queries (the round progress of Features/Rounds/ListRoundProgress.cs) it serves as well.
CREATE INDEX projects_year_lao_tally_idx ON projects.projects (fiscal_year, dla_code)
    INCLUDE (id, conformity, dimension_code, budget) WHERE deleted_at IS NULL;
DROP INDEX projects.projects_year_lao_cover_idx;
