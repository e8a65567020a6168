-- The list of registry LAOs whose accounts the start last provisioned (a checksum of their codes): a start with the
-- same list, and as many LAO accounts as it has, skips the provisioning of some 8,000 accounts
-- (docs/adr/0037-a-save-under-a-deadline-surge.md). One row.
CREATE TABLE identity.provisioned_laos (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    checksum   text        NOT NULL,
    lao_count  integer     NOT NULL,
    done_at    timestamptz NOT NULL
);
