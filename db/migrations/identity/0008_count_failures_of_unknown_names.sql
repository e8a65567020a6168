-- Failed sign-ins under a user name that has no account (or a disabled one) are counted and locked like those of an
-- account (5 in 15 minutes lock the name for 15 minutes), so that the answers to a name tell nobody whether it
-- exists (docs/adr/0020-sign-in-and-session-attacks.md). Only the SHA-256 of the lower-case name is kept: people type
-- their password into the user-name field. Rows whose window and lock have passed are deleted every hour.
CREATE TABLE identity.unknown_name_failures (
    name_hash       bytea         PRIMARY KEY,
    recent_failures timestamptz[] NOT NULL DEFAULT '{}',
    locked_until    timestamptz   NULL,
    updated_at      timestamptz   NOT NULL
);
CREATE INDEX unknown_name_failures_updated_idx ON identity.unknown_name_failures (updated_at);
