-- The security rate limits (sign-in tries and password-reset requests per client address) counted in the database, so
-- that they hold across every instance of the application: one row per limit, client and fixed window, one upsert per
-- request; windows that have ended are deleted every hour (DeleteExpiredSignInRecordsCommand).
-- docs/adr/0033-several-instances.md
CREATE TABLE identity.request_counts (
    bucket       text        NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    hits         integer     NOT NULL CHECK (hits > 0),
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX request_counts_window_end_idx ON identity.request_counts (window_end);
