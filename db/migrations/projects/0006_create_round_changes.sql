-- Every change of a round's dates and of an LAO's extension, kept for good (the rows are never updated or deleted):
-- who, when, from which address, the values before and after, and the reason given. A revocation is a row too: its
-- extension row is deleted, its history stays here.
CREATE TABLE projects.round_changes (
    id           uuid        PRIMARY KEY,
    fiscal_year  integer     NOT NULL CHECK (fiscal_year BETWEEN 2561 AND 2600),
    round        smallint    NOT NULL CHECK (round IN (6, 12)),
    kind         text        NOT NULL CHECK (kind IN ('dates_set', 'extension_granted', 'extension_revoked')),
    dla_code     text        NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    old_opens_on date        NULL,
    old_deadline date        NULL,
    new_opens_on date        NULL,
    new_deadline date        NULL,
    old_until    date        NULL,
    new_until    date        NULL,
    reason       text        NULL CHECK (length(reason) <= 4000),
    changed_at   timestamptz NOT NULL,
    changed_by   text        NOT NULL,
    ip_address   text        NULL,
    -- the dates of a round concern no LAO; an extension one LAO
    CHECK ((kind = 'dates_set') = (dla_code IS NULL)),
    CHECK (kind <> 'dates_set' OR (new_opens_on IS NOT NULL AND new_deadline IS NOT NULL
                                   AND old_until IS NULL AND new_until IS NULL)),
    CHECK (kind <> 'extension_granted' OR (new_until IS NOT NULL AND new_opens_on IS NULL)),
    CHECK (kind <> 'extension_revoked' OR (old_until IS NOT NULL AND new_until IS NULL AND new_opens_on IS NULL))
);
CREATE INDEX round_changes_year_idx ON projects.round_changes (fiscal_year, changed_at DESC);
CREATE INDEX round_changes_lao_idx ON projects.round_changes (dla_code, changed_at DESC) WHERE dla_code IS NOT NULL;

-- What was there before the history: each extension in force as its grant, each round's dates NACC set (not the
-- start-up seed of the domain defaults) as set then, with no value before.
INSERT INTO projects.round_changes (id, fiscal_year, round, kind, dla_code, new_until, reason, changed_at, changed_by)
SELECT gen_random_uuid(), fiscal_year, round, 'extension_granted', dla_code, until, reason, granted_at, granted_by
FROM projects.round_extensions;
INSERT INTO projects.round_changes (id, fiscal_year, round, kind, new_opens_on, new_deadline, changed_at, changed_by)
SELECT gen_random_uuid(), fiscal_year, round, 'dates_set', opens_on, deadline, updated_at, updated_by
FROM projects.rounds
WHERE updated_by <> 'seed';
