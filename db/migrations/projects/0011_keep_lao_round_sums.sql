-- The figures of a round per LAO that the reports add up (src/Modules/Projects/EPlanNacc.Modules.Projects.Contracts/
-- RoundCount.cs: the budget planned, the reports by status and by reason of "not possible", the ordinance budget and
-- the disbursed amounts reported), kept next to the counts of migration 0010, so that the province roll-up reads one
-- row per LAO instead of every project of the province with its reports (some 13,000 projects for province 30:
-- 130 ms warm, seconds cold; docs/adr/0035-round-figures-kept-per-lao.md).
--
-- The same rules as 0010: the triggers recount, from the tables, both rounds of each (fiscal year, LAO) pair a
-- statement touched, after locking the pairs' rows in key order. What moves the sums moves a recount too: a project's
-- budget (besides its year, LAO, deletion and screening), and a report's status, reason or amounts (besides its first
-- time). An edit of a project's texts or a report's remarks still recounts nothing.
ALTER TABLE projects.lao_round_counts
    ADD COLUMN budget             numeric(18, 2) NOT NULL DEFAULT 0 CHECK (budget >= 0),
    ADD COLUMN completed          integer        NOT NULL DEFAULT 0 CHECK (completed >= 0),
    ADD COLUMN in_progress        integer        NOT NULL DEFAULT 0 CHECK (in_progress >= 0),
    ADD COLUMN not_possible       integer        NOT NULL DEFAULT 0 CHECK (not_possible >= 0),
    ADD COLUMN no_budget          integer        NOT NULL DEFAULT 0 CHECK (no_budget >= 0),
    ADD COLUMN policy_changed     integer        NOT NULL DEFAULT 0 CHECK (policy_changed >= 0),
    ADD COLUMN insufficient_staff integer        NOT NULL DEFAULT 0 CHECK (insufficient_staff >= 0),
    ADD COLUMN other_reason       integer        NOT NULL DEFAULT 0 CHECK (other_reason >= 0),
    ADD COLUMN ordinance_budget   numeric(18, 2) NOT NULL DEFAULT 0 CHECK (ordinance_budget >= 0),
    ADD COLUMN budget_spent       numeric(18, 2) NOT NULL DEFAULT 0 CHECK (budget_spent >= 0);

CREATE OR REPLACE FUNCTION projects.recount_lao_rounds(years integer[], codes text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- lock (creating them when absent) the rows of the pairs, in key order
    INSERT INTO projects.lao_round_counts AS t (fiscal_year, round, dla_code, project_count, need_report, reported)
    SELECT k.fiscal_year, rd.round, k.dla_code, 0, 0, 0
    FROM (SELECT DISTINCT u.fiscal_year, u.dla_code FROM unnest(years, codes) AS u (fiscal_year, dla_code)) k
    CROSS JOIN (VALUES (6::smallint), (12::smallint)) AS rd (round)
    ORDER BY k.fiscal_year, rd.round, k.dla_code
    ON CONFLICT (fiscal_year, round, dla_code) DO UPDATE SET project_count = t.project_count;

    -- count, in a new statement (a new snapshot): every transaction that held these rows has committed. "Needs a
    -- report" is RoundCount.NeedsReport (every project but one screened non-conforming); the project count and the
    -- budget take every project; the reports count only for the projects that need one.
    UPDATE projects.lao_round_counts t
    SET project_count = coalesce(c.project_count, 0), need_report = coalesce(c.need_report, 0),
        reported = coalesce(c.reported, 0), last_first_reported_at = c.last_first_reported_at,
        budget = coalesce(c.budget, 0), completed = coalesce(c.completed, 0),
        in_progress = coalesce(c.in_progress, 0), not_possible = coalesce(c.not_possible, 0),
        no_budget = coalesce(c.no_budget, 0), policy_changed = coalesce(c.policy_changed, 0),
        insufficient_staff = coalesce(c.insufficient_staff, 0), other_reason = coalesce(c.other_reason, 0),
        ordinance_budget = coalesce(c.ordinance_budget, 0), budget_spent = coalesce(c.budget_spent, 0)
    FROM (SELECT DISTINCT u.fiscal_year, u.dla_code FROM unnest(years, codes) AS u (fiscal_year, dla_code)) k
    CROSS JOIN (VALUES (6::smallint), (12::smallint)) AS rd (round)
    LEFT JOIN LATERAL (
        SELECT count(*)::int AS project_count,
               count(*) FILTER (WHERE q.needs)::int AS need_report,
               count(q.status) FILTER (WHERE q.needs)::int AS reported,
               max(q.first_reported_at) FILTER (WHERE q.needs) AS last_first_reported_at,
               sum(q.budget) AS budget,
               count(*) FILTER (WHERE q.needs AND q.status = 'completed')::int AS completed,
               count(*) FILTER (WHERE q.needs AND q.status = 'in_progress')::int AS in_progress,
               count(*) FILTER (WHERE q.needs AND q.status = 'not_possible')::int AS not_possible,
               count(*) FILTER (WHERE q.needs AND q.reason = 'no_budget')::int AS no_budget,
               count(*) FILTER (WHERE q.needs AND q.reason = 'policy_changed')::int AS policy_changed,
               count(*) FILTER (WHERE q.needs AND q.reason = 'insufficient_staff')::int AS insufficient_staff,
               count(*) FILTER (WHERE q.needs AND q.reason = 'other')::int AS other_reason,
               sum(q.ordinance_budget) FILTER (WHERE q.needs) AS ordinance_budget,
               sum(q.budget_spent) FILTER (WHERE q.needs) AS budget_spent
        FROM (
            SELECT p.conformity <> 'non_conforming' AS needs, p.budget, r.status, r.first_reported_at,
                   CASE WHEN r.status = 'not_possible' THEN r.not_possible_reason END AS reason,
                   r.ordinance_budget, r.budget_spent
            FROM projects.projects p
            LEFT JOIN projects.round_reports r ON r.project_id = p.id AND r.round = rd.round
            WHERE p.fiscal_year = k.fiscal_year AND p.dla_code = k.dla_code AND p.deleted_at IS NULL
        ) q
    ) c ON true
    WHERE t.fiscal_year = k.fiscal_year AND t.round = rd.round AND t.dla_code = k.dla_code;

    -- an LAO without a live project that year has no row (it has recorded no plan)
    DELETE FROM projects.lao_round_counts t
    USING unnest(years, codes) AS u (fiscal_year, dla_code)
    WHERE t.fiscal_year = u.fiscal_year AND t.dla_code = u.dla_code AND t.project_count = 0;
END $$;

-- projects: a row added or removed, or one whose year, LAO, deletion, screening or budget changed (both its old and
-- new pair); an edit of a name or other texts recounts nothing
CREATE OR REPLACE FUNCTION projects.recount_after_projects() RETURNS trigger
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
        WHERE (n.fiscal_year, n.dla_code, n.deleted_at IS NULL, n.conformity = 'non_conforming', n.budget)
              IS DISTINCT FROM (o.fiscal_year, o.dla_code, o.deleted_at IS NULL, o.conformity = 'non_conforming',
                                o.budget);
    END IF;
    IF years IS NOT NULL THEN
        PERFORM projects.recount_lao_rounds(years, codes);
    END IF;
    RETURN NULL;
END $$;

-- round reports: a report added or removed, or one whose status, reason, amounts or first report moved (a
-- correction of the remarks alone recounts nothing); the pair is its project's
CREATE OR REPLACE FUNCTION projects.recount_after_round_reports() RETURNS trigger
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
        WHERE (n.first_reported_at, n.status, n.not_possible_reason, n.ordinance_budget, n.budget_spent)
              IS DISTINCT FROM (o.first_reported_at, o.status, o.not_possible_reason, o.ordinance_budget,
                                o.budget_spent);
    END IF;
    IF years IS NOT NULL THEN
        PERFORM projects.recount_lao_rounds(years, codes);
    END IF;
    RETURN NULL;
END $$;

-- the sums of what is there already: one pass over the tables (the function above, pair by pair, takes minutes on
-- the national data); the same rules as its count, for the new columns (0010 counted the others)
UPDATE projects.lao_round_counts t
SET budget = c.budget, completed = c.completed, in_progress = c.in_progress, not_possible = c.not_possible,
    no_budget = c.no_budget, policy_changed = c.policy_changed, insufficient_staff = c.insufficient_staff,
    other_reason = c.other_reason, ordinance_budget = c.ordinance_budget, budget_spent = c.budget_spent
FROM (
    SELECT q.fiscal_year, q.round, q.dla_code,
           sum(q.budget) AS budget,
           count(*) FILTER (WHERE q.needs AND q.status = 'completed')::int AS completed,
           count(*) FILTER (WHERE q.needs AND q.status = 'in_progress')::int AS in_progress,
           count(*) FILTER (WHERE q.needs AND q.status = 'not_possible')::int AS not_possible,
           count(*) FILTER (WHERE q.needs AND q.reason = 'no_budget')::int AS no_budget,
           count(*) FILTER (WHERE q.needs AND q.reason = 'policy_changed')::int AS policy_changed,
           count(*) FILTER (WHERE q.needs AND q.reason = 'insufficient_staff')::int AS insufficient_staff,
           count(*) FILTER (WHERE q.needs AND q.reason = 'other')::int AS other_reason,
           coalesce(sum(q.ordinance_budget) FILTER (WHERE q.needs), 0) AS ordinance_budget,
           coalesce(sum(q.budget_spent) FILTER (WHERE q.needs), 0) AS budget_spent
    FROM (
        SELECT p.fiscal_year, rd.round, p.dla_code, p.conformity <> 'non_conforming' AS needs, p.budget, r.status,
               CASE WHEN r.status = 'not_possible' THEN r.not_possible_reason END AS reason,
               r.ordinance_budget, r.budget_spent
        FROM projects.projects p
        CROSS JOIN (VALUES (6::smallint), (12::smallint)) AS rd (round)
        LEFT JOIN projects.round_reports r ON r.project_id = p.id AND r.round = rd.round
        WHERE p.deleted_at IS NULL
    ) q
    GROUP BY q.fiscal_year, q.round, q.dla_code
) c
WHERE t.fiscal_year = c.fiscal_year AND t.round = c.round AND t.dla_code = c.dla_code;
