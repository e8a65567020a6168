-- The counts of a round per LAO (Features/Rounds/ListRoundProgress.cs: live projects, those that need a report,
-- those reported, the latest first report of them), kept as the projects and their reports change, so that the
-- completeness of the nation reads 7,849 rows instead of counting a fiscal year's projects and reports (some
-- 300,000 and 600,000 rows at national scale: half a second a request;
-- docs/adr/0034-round-counts-kept-as-they-change.md).
--
-- The triggers below recount, after each statement, the (fiscal year, LAO) pairs it touched: both rounds, from the
-- tables themselves, never by adding deltas, so a count cannot drift. A recount first locks the pairs' rows (an
-- upsert, in key order: two transactions on one LAO wait for each other instead of deadlocking) and only then counts,
-- in a statement of its own: under READ COMMITTED that statement sees every change committed before the lock was
-- granted, so the last transaction to commit writes counts that include the others'. Row locks, not advisory locks:
-- a bulk load touching every LAO would fill the shared lock table.
CREATE TABLE projects.lao_round_counts (
    fiscal_year            integer     NOT NULL,
    round                  smallint    NOT NULL CHECK (round IN (6, 12)),
    dla_code               text        NOT NULL,
    project_count          integer     NOT NULL CHECK (project_count >= 0),
    need_report            integer     NOT NULL CHECK (need_report >= 0),
    reported               integer     NOT NULL CHECK (reported >= 0),
    last_first_reported_at timestamptz NULL,
    PRIMARY KEY (fiscal_year, round, dla_code)
);

CREATE FUNCTION projects.recount_lao_rounds(years integer[], codes text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- lock (creating them when absent) the rows of the pairs, in key order
    INSERT INTO projects.lao_round_counts AS t (fiscal_year, round, dla_code, project_count, need_report, reported)
    SELECT k.fiscal_year, rd.round, k.dla_code, 0, 0, 0
    FROM (SELECT DISTINCT u.fiscal_year, u.dla_code FROM unnest(years, codes) AS u (fiscal_year, dla_code)) k
    CROSS JOIN (VALUES (6::smallint), (12::smallint)) AS rd (round)
    ORDER BY k.fiscal_year, rd.round, k.dla_code
    ON CONFLICT (fiscal_year, round, dla_code) DO UPDATE SET project_count = t.project_count;

    -- count, in a new statement (a new snapshot): every transaction that held these rows has committed
    UPDATE projects.lao_round_counts t
    SET project_count = coalesce(c.project_count, 0), need_report = coalesce(c.need_report, 0),
        reported = coalesce(c.reported, 0), last_first_reported_at = c.last_first_reported_at
    FROM (SELECT DISTINCT u.fiscal_year, u.dla_code FROM unnest(years, codes) AS u (fiscal_year, dla_code)) k
    CROSS JOIN (VALUES (6::smallint), (12::smallint)) AS rd (round)
    LEFT JOIN LATERAL (
        SELECT count(*)::int AS project_count,
               count(*) FILTER (WHERE p.conformity <> 'non_conforming')::int AS need_report,
               count(r.project_id) FILTER (WHERE p.conformity <> 'non_conforming')::int AS reported,
               max(r.first_reported_at) FILTER (WHERE p.conformity <> 'non_conforming') AS last_first_reported_at
        FROM projects.projects p
        LEFT JOIN projects.round_reports r ON r.project_id = p.id AND r.round = rd.round
        WHERE p.fiscal_year = k.fiscal_year AND p.dla_code = k.dla_code AND p.deleted_at IS NULL
    ) c ON true
    WHERE t.fiscal_year = k.fiscal_year AND t.round = rd.round AND t.dla_code = k.dla_code;

    -- an LAO without a live project that year has no row (it has recorded no plan)
    DELETE FROM projects.lao_round_counts t
    USING unnest(years, codes) AS u (fiscal_year, dla_code)
    WHERE t.fiscal_year = u.fiscal_year AND t.dla_code = u.dla_code AND t.project_count = 0;
END $$;

-- projects: a row added or removed, or one whose year, LAO, deletion or screening changed (both its old and new
-- pair); an edit of a name or a budget recounts nothing
CREATE FUNCTION projects.recount_after_projects() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    years integer[];
    codes text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(n.fiscal_year), array_agg(n.dla_code) INTO years, codes FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(o.fiscal_year), array_agg(o.dla_code) INTO years, codes FROM old_rows o;
    ELSE
        SELECT array_agg(x.fiscal_year), array_agg(x.dla_code) INTO years, codes
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.fiscal_year, n.dla_code), (o.fiscal_year, o.dla_code)) x (fiscal_year, dla_code)
        WHERE (n.fiscal_year, n.dla_code, n.deleted_at IS NULL, n.conformity = 'non_conforming')
              IS DISTINCT FROM (o.fiscal_year, o.dla_code, o.deleted_at IS NULL, o.conformity = 'non_conforming');
    END IF;
    IF years IS NOT NULL THEN
        PERFORM projects.recount_lao_rounds(years, codes);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER projects_recount_inserted AFTER INSERT ON projects.projects
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION projects.recount_after_projects();
CREATE TRIGGER projects_recount_updated AFTER UPDATE ON projects.projects
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION projects.recount_after_projects();
CREATE TRIGGER projects_recount_deleted AFTER DELETE ON projects.projects
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION projects.recount_after_projects();

-- round reports: a report added or removed, or one whose first report moved (a correction keeps it); the pair is
-- its project's
CREATE FUNCTION projects.recount_after_round_reports() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    years integer[];
    codes text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(p.fiscal_year), array_agg(p.dla_code) INTO years, codes
        FROM new_rows n JOIN projects.projects p ON p.id = n.project_id;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(p.fiscal_year), array_agg(p.dla_code) INTO years, codes
        FROM old_rows o JOIN projects.projects p ON p.id = o.project_id;
    ELSE
        SELECT array_agg(p.fiscal_year), array_agg(p.dla_code) INTO years, codes
        FROM new_rows n JOIN old_rows o ON o.project_id = n.project_id AND o.round = n.round
        JOIN projects.projects p ON p.id = n.project_id
        WHERE n.first_reported_at IS DISTINCT FROM o.first_reported_at;
    END IF;
    IF years IS NOT NULL THEN
        PERFORM projects.recount_lao_rounds(years, codes);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER round_reports_recount_inserted AFTER INSERT ON projects.round_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION projects.recount_after_round_reports();
CREATE TRIGGER round_reports_recount_updated AFTER UPDATE ON projects.round_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION projects.recount_after_round_reports();
CREATE TRIGGER round_reports_recount_deleted AFTER DELETE ON projects.round_reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION projects.recount_after_round_reports();

-- the counts of what is there already
SELECT projects.recount_lao_rounds(array_agg(fiscal_year), array_agg(dla_code))
FROM (SELECT DISTINCT fiscal_year, dla_code FROM projects.projects) pairs;
