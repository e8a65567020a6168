-- The audit trail of every module (BuildingBlocks/Auditing/IAuditTrail.cs): who (the caller's username, role and, for
-- a provincial officer, its province), what (a dotted action code and a detail), about which LAO, when and from which
-- address. Written in the transaction of the change it describes; never updated or deleted by the application.
CREATE TABLE identity.audit_log (
    id             uuid        PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor          text        NULL,
    actor_role     text        NULL CHECK (actor_role IN ('lao', 'provincial', 'admin')),
    actor_province text        NULL CHECK (actor_province ~ '^[0-9]{2}$'),
    action         text        NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    dla_code       text        NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    detail         text        NULL,
    address        text        NULL
);
-- the audit page's filters, newest first
CREATE INDEX audit_log_at_idx ON identity.audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor_idx ON identity.audit_log (lower(actor), at DESC);
CREATE INDEX audit_log_dla_code_idx ON identity.audit_log (dla_code, at DESC) WHERE dla_code IS NOT NULL;
CREATE INDEX audit_log_action_idx ON identity.audit_log (action, at DESC);
