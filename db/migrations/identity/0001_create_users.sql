-- Accounts of LAOs (username = the LAO's 7-digit DLA code), NACC provincial offices and NACC central admins.
CREATE TABLE identity.users (
    id                   uuid        PRIMARY KEY,
    username             text        NOT NULL,
    role                 text        NOT NULL CHECK (role IN ('lao', 'provincial', 'admin')),
    dla_code             text        NULL CHECK (dla_code ~ '^[0-9]{7}$'),
    province_code        text        NULL CHECK (province_code ~ '^[0-9]{2}$'),
    display_name         text        NOT NULL,
    email                text        NULL,
    password_hash        text        NULL,
    -- null while an LAO account has never been set up: its first sign-in takes the code alone
    setup_completed_at   timestamptz NULL,
    activation_code_hash text        NULL,
    activation_code_expires_at timestamptz NULL,
    failed_count         integer     NOT NULL DEFAULT 0,
    failed_window_start  timestamptz NULL,
    locked_until         timestamptz NULL,
    last_sign_in_at      timestamptz NULL,
    -- changes whenever the password or the setup state changes: older sessions and tokens stop working
    security_stamp       uuid        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_lao_has_code CHECK ((role = 'lao') = (dla_code IS NOT NULL)),
    CONSTRAINT users_provincial_has_province CHECK (role <> 'provincial' OR province_code IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_key ON identity.users (lower(username));
CREATE UNIQUE INDEX users_dla_code_key ON identity.users (dla_code) WHERE dla_code IS NOT NULL;

-- What happened to an account, for the staff and for audits: first set-ups (who, when, from which address),
-- password changes and resets, staff resets, unlocks, lockouts, activation codes.
CREATE TABLE identity.account_events (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES identity.users (id),
    kind        text        NOT NULL,
    actor       text        NULL,
    ip_address  text        NULL,
    user_agent  text        NULL,
    detail      text        NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_events_user_idx ON identity.account_events (user_id, occurred_at DESC);
CREATE INDEX account_events_kind_idx ON identity.account_events (kind, occurred_at DESC);

-- Single-use password reset links, valid 30 minutes; only a SHA-256 of the token is kept.
CREATE TABLE identity.password_reset_tokens (
    token_hash  bytea       PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES identity.users (id),
    email       text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz NULL
);
CREATE INDEX password_reset_tokens_user_idx ON identity.password_reset_tokens (user_id);
