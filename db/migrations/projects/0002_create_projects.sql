-- The plan of each LAO (บันทึกแผน): one row per project, kept when deleted (deleted_at), with a version that every
-- change of the project or of one of its round reports increases by exactly 1.
CREATE TABLE projects.projects (
    id                 uuid          PRIMARY KEY,
    entry_no           bigint        GENERATED ALWAYS AS IDENTITY,
    dla_code           text          NOT NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    fiscal_year        integer       NOT NULL CHECK (fiscal_year BETWEEN 2561 AND 2600),
    plan_period        text          NOT NULL REFERENCES projects.plan_periods (code),
    name               text          NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    quarters           smallint[]    NOT NULL CHECK (cardinality(quarters) >= 1 AND quarters <@ ARRAY[1, 2, 3, 4]::smallint[]),
    work_type          text          NOT NULL CHECK (work_type IN ('project', 'activity', 'measure', 'guideline')),
    dimension_code     text          NOT NULL,
    mission_code       text          NULL,
    essence            text          NOT NULL,
    no_budget          boolean       NOT NULL,
    budget             numeric(14,2) NOT NULL CHECK (budget >= 0),
    target_groups      text[]        NOT NULL,
    target_group_other text          NULL,
    objectives         text          NOT NULL,
    remarks            text          NULL,
    conformity         text          NOT NULL DEFAULT 'unset' CHECK (conformity IN ('unset', 'conforming', 'non_conforming')),
    conformity_reason  text          NULL,
    screened_at        timestamptz   NULL,
    screened_by        text          NULL,
    created_at         timestamptz   NOT NULL,
    created_by         text          NOT NULL,
    updated_at         timestamptz   NOT NULL,
    updated_by         text          NOT NULL,
    deleted_at         timestamptz   NULL,
    deleted_by         text          NULL,
    version            integer       NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK (NOT no_budget OR budget = 0),
    FOREIGN KEY (plan_period, dimension_code) REFERENCES projects.dimension_nodes (plan_period, code),
    FOREIGN KEY (plan_period, mission_code) REFERENCES projects.dimension_nodes (plan_period, code)
);
CREATE INDEX projects_lao_year_idx ON projects.projects (fiscal_year, dla_code) WHERE deleted_at IS NULL;
CREATE INDEX projects_lao_deleted_idx ON projects.projects (dla_code, fiscal_year) WHERE deleted_at IS NOT NULL;

-- What an LAO reported for a project in the 6- or 12-month round (บันทึกรายงานผลการดำเนินงาน); corrected in place
-- while the round is open, every change recorded in project_changes.
CREATE TABLE projects.round_reports (
    project_id                uuid          NOT NULL REFERENCES projects.projects (id),
    round                     smallint      NOT NULL CHECK (round IN (6, 12)),
    ordinance_budget          numeric(14,2) NOT NULL CHECK (ordinance_budget >= 0),
    budget_spent              numeric(14,2) NOT NULL CHECK (budget_spent >= 0),
    in_local_ordinance        boolean       NOT NULL,
    status                    text          NOT NULL CHECK (status IN ('in_progress', 'completed', 'not_possible')),
    not_possible_reason       text          NULL CHECK (not_possible_reason IN ('no_budget', 'policy_changed', 'insufficient_staff', 'other')),
    not_possible_reason_other text          NULL,
    remarks                   text          NULL,
    first_reported_at         timestamptz   NOT NULL,
    reported_at               timestamptz   NOT NULL,
    reported_by               text          NOT NULL,
    PRIMARY KEY (project_id, round),
    CHECK ((status = 'not_possible') = (not_possible_reason IS NOT NULL)),
    CHECK ((coalesce(not_possible_reason, '') = 'other') = (not_possible_reason_other IS NOT NULL))
);

-- Every change of a project, its screening or its round reports: who, when, from where, and each field's old and
-- new value (as people read them). The version is the project's version after the change.
CREATE TABLE projects.project_changes (
    id          uuid        PRIMARY KEY,
    project_id  uuid        NOT NULL REFERENCES projects.projects (id),
    version     integer     NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('created', 'updated', 'deleted', 'screened', 'reported', 'imported')),
    round       smallint    NULL CHECK (round IN (6, 12)),
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    ip_address  text        NULL,
    changes     jsonb       NOT NULL,
    UNIQUE (project_id, version)
);
