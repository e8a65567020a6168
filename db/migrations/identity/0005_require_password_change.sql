-- An account whose password was set by someone else (the first admin, from EPLAN_ADMIN_PASSWORD at start-up) must
-- change it at its first sign-in: until then its session may only change the password.
ALTER TABLE identity.users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
