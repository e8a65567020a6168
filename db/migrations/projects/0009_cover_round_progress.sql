-- The completeness figures count every live project of a fiscal year per LAO, with its screening, for the whole
-- nation at once (Features/Rounds/ListRoundProgress.cs): with id and conformity in the index, that count reads the
-- index alone (an index-only scan) instead of every project row. It replaces projects_lao_year_idx, which has the
-- same key and predicate and now serves its queries from this one.
CREATE INDEX projects_year_lao_cover_idx ON projects.projects (fiscal_year, dla_code) INCLUDE (id, conformity)
    WHERE deleted_at IS NULL;
DROP INDEX projects.projects_lao_year_idx;
