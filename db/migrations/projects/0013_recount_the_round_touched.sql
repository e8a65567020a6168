-- The kept round figures of migrations 0010 and 0011, recounted for less (issue 10, B1: a save under a deadline's
-- surge; docs/adr/0042-a-save-recounts-one-round.md). The rules do not change: the triggers still recount from the
-- tables, after locking the rows in key order, and never add deltas. Two things cost a save more than they need to:
-- - a report's change recounted both rounds of its LAO's year, though a report counts only in its own round: the
--   report triggers now recount the (fiscal year, round, LAO) rows their reports are in; a project's change still
--   recounts both rounds (its screening, budget, year or deletion count in both);
-- - the removal of emptied rows named the year and the LAO but not the round, the key's middle column, so the primary
--   key was read for the whole fiscal year (some 15,700 entries, a millisecond a save): it now names all three.
CREATE OR REPLACE FUNCTION projects.recount_lao_round_rows(years integer[], rounds smallint[], codes text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    -- lock (creating them when absent) the rows, in key order
    INSERT INTO projects.lao_round_counts AS t (fiscal_year, round, dla_code, project_count, need_report, reported)
    SELECT DISTINCT u.fiscal_year, u.round, u.dla_code, 0, 0, 0
    FROM unnest(years, rounds, codes) AS u (fiscal_year, round, dla_code)
    ORDER BY u.fiscal_year, u.round, u.dla_code
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
    FROM (SELECT DISTINCT u.fiscal_year, u.round, u.dla_code
          FROM unnest(years, rounds, codes) AS u (fiscal_year, round, dla_code)) k
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
            LEFT JOIN projects.round_reports r ON r.project_id = p.id AND r.round = k.round
            WHERE p.fiscal_year = k.fiscal_year AND p.dla_code = k.dla_code AND p.deleted_at IS NULL
        ) q
    ) c ON true
    WHERE t.fiscal_year = k.fiscal_year AND t.round = k.round AND t.dla_code = k.dla_code;

    -- an LAO without a live project that year has no row (it has recorded no plan): the whole key, so that the
    -- primary key is read for these rows only
    DELETE FROM projects.lao_round_counts t
    USING (SELECT DISTINCT u.fiscal_year, u.round, u.dla_code
           FROM unnest(years, rounds, codes) AS u (fiscal_year, round, dla_code)) k
    WHERE t.fiscal_year = k.fiscal_year AND t.round = k.round AND t.dla_code = k.dla_code AND t.project_count = 0;
END $$;

-- both rounds of each (fiscal year, LAO) pair: a project's change, the generator's load, a repair by hand
CREATE OR REPLACE FUNCTION projects.recount_lao_rounds(years integer[], codes text[]) RETURNS void
LANGUAGE sql AS $$
    SELECT projects.recount_lao_round_rows(array_agg(u.fiscal_year), array_agg(rd.round), array_agg(u.dla_code))
    FROM unnest(years, codes) AS u (fiscal_year, dla_code)
    CROSS JOIN (VALUES (6::smallint), (12::smallint)) AS rd (round);
$$;

-- round reports: a report added or removed, or one whose status, reason, amounts or first report moved (a
-- correction of the remarks alone recounts nothing); the row is its project's year and LAO in the report's round
CREATE OR REPLACE FUNCTION projects.recount_after_round_reports() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    years integer[];
    rounds smallint[];
    codes text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(p.fiscal_year), array_agg(n.round), array_agg(p.dla_code) INTO years, rounds, codes
        FROM new_rows n JOIN projects.projects p ON p.id = n.project_id;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(p.fiscal_year), array_agg(o.round), array_agg(p.dla_code) INTO years, rounds, codes
        FROM old_rows o JOIN projects.projects p ON p.id = o.project_id;
    ELSE
        SELECT array_agg(p.fiscal_year), array_agg(n.round), array_agg(p.dla_code) INTO years, rounds, codes
        FROM new_rows n JOIN old_rows o ON o.project_id = n.project_id AND o.round = n.round
        JOIN projects.projects p ON p.id = n.project_id
        WHERE (n.first_reported_at, n.status, n.not_possible_reason, n.ordinance_budget, n.budget_spent)
              IS DISTINCT FROM (o.first_reported_at, o.status, o.not_possible_reason, o.ordinance_budget,
                                o.budget_spent);
    END IF;
    IF years IS NOT NULL THEN
        PERFORM projects.recount_lao_round_rows(years, rounds, codes);
    END IF;
    RETURN NULL;
END $$;
