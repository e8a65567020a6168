-- The sessions of the pages (the cookie) and of the API (a bearer token), one row per sign-in: a session is good while
-- its row has not ended (sign-out, POST /api/v1/auth/revoke, a new sign-in in the same browser) and the account's
-- security stamp is the one it was issued with. The cookie or token carries the row's id; rows older than the
-- sessions' absolute lifetime (Identity:SessionHours) are deleted every hour.
CREATE TABLE identity.sessions (
    id         uuid        PRIMARY KEY,
    -- a session has nothing to keep once its account is gone
    user_id    uuid        NOT NULL REFERENCES identity.users (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL,
    ended_at   timestamptz NULL,
    ip_address text        NULL
);
CREATE INDEX sessions_user_idx ON identity.sessions (user_id);
CREATE INDEX sessions_started_idx ON identity.sessions (started_at);
