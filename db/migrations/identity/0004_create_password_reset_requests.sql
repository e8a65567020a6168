-- "A reset link was asked for this address": the forgot-password request writes one row, whatever the address, and
-- a job turns it into reset links for the accounts of that address (none for an unknown one), then deletes it.
CREATE TABLE identity.password_reset_requests (
    id           uuid        PRIMARY KEY,
    email        text        NOT NULL,
    ip_address   text        NULL,
    requested_at timestamptz NOT NULL
);
CREATE INDEX password_reset_requests_requested_idx ON identity.password_reset_requests (requested_at);
