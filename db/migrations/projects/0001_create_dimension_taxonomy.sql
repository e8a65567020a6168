-- The plan periods of the NACC anti-corruption action plan for LAOs, and the dimension taxonomy of each
-- (dimension > mission > sub-mission). Seeded at start-up from db/reference-data; editable by admins.
CREATE TABLE projects.plan_periods (
    code              text    PRIMARY KEY,
    first_fiscal_year integer NOT NULL,
    last_fiscal_year  integer NOT NULL,
    name_th           text    NOT NULL,
    CHECK (last_fiscal_year >= first_fiscal_year)
);

CREATE TABLE projects.dimension_nodes (
    plan_period  text    NOT NULL REFERENCES projects.plan_periods (code),
    code         text    NOT NULL CHECK (code ~ '^[0-9]+(\.[0-9]+){0,2}$'),
    level        text    NOT NULL CHECK (level IN ('dimension', 'mission', 'sub')),
    parent_code  text    NULL,
    name_th      text    NOT NULL,
    name_en      text    NULL,
    verification text    NULL,
    sort_key     integer[] NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    updated_by   text    NOT NULL DEFAULT 'seed',
    PRIMARY KEY (plan_period, code),
    FOREIGN KEY (plan_period, parent_code) REFERENCES projects.dimension_nodes (plan_period, code),
    CHECK ((level = 'dimension') = (parent_code IS NULL))
);
