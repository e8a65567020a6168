-- ASP.NET Core Data Protection's key ring (the keys that sign and encrypt the sign-in cookie, the bearer tokens and the
-- antiforgery tokens), shared by every instance of the application: a cookie made by one instance is accepted by
-- another, and a restart signs nobody out (docs/adr/0033-several-instances.md). One row per XML element the framework
-- stores (a key, or a revocation). The application only adds and reads rows (an append-only table,
-- IdentityModule.Registration); keys are encrypted with a certificate when DataProtection:CertificatePath is set, else
-- protected by the database's access alone.
CREATE TABLE identity.data_protection_keys (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text        NOT NULL,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
