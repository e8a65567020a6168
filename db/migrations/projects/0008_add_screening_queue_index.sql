-- The screening queue and the staff desk's count (Features/Screening/ListScreeningQueue.cs,
-- CountProjectsAwaitingScreening.cs): the live projects still awaiting screening, by year and LAO. Partial, so it
-- holds only the projects not yet screened and shrinks as staff screen them.
CREATE INDEX projects_awaiting_screening_idx ON projects.projects (fiscal_year, dla_code)
    WHERE conformity = 'unset' AND deleted_at IS NULL;
