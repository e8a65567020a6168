-- The registry file (the embedded provinces, districts and LAOs, with the version of their loader) as last loaded: a
-- start whose file has the same checksum skips the reload of some 8,000 rows (docs/adr/0037-a-save-under-a-deadline-
-- surge.md). One row.
CREATE TABLE local_authority_profile.registry_file (
    id        boolean     PRIMARY KEY DEFAULT true CHECK (id),
    checksum  text        NOT NULL,
    loaded_at timestamptz NOT NULL
);
