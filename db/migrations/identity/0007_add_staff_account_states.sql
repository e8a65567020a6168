-- Staff accounts created by NACC staff and the states the accounts page shows (never set up, active, locked,
-- disabled). A staff account is never set up while it has no password: its officer sets one with the single-use link
-- emailed to it. Disabled (staff accounts only): it cannot sign in (answered as a wrong password) and its sessions
-- ended. Locked by staff (any account): it cannot sign in until staff unlock it, unlike the lock of failed sign-ins,
-- which ends by itself (locked_until).
ALTER TABLE identity.users ADD COLUMN disabled_at timestamptz NULL;
ALTER TABLE identity.users ADD COLUMN locked_by_staff_at timestamptz NULL;
ALTER TABLE identity.users
    ADD CONSTRAINT users_only_staff_disabled CHECK (disabled_at IS NULL OR role <> 'lao');
ALTER TABLE identity.users
    ADD CONSTRAINT users_staff_name_shape CHECK (role = 'lao' OR username ~ '^[A-Za-z][A-Za-z0-9._-]{2,99}$');
-- the search of the accounts page: staff accounts of one province
CREATE INDEX users_province_idx ON identity.users (province_code) WHERE province_code IS NOT NULL;
