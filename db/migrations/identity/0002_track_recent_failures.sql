-- Lockout counts the failed sign-ins of the last 15 minutes (a sliding window): the moments of the recent
-- failures replace the fixed window that started at the first failure.
ALTER TABLE identity.users ADD COLUMN recent_failures timestamptz[] NOT NULL DEFAULT '{}';
ALTER TABLE identity.users DROP COLUMN failed_count;
ALTER TABLE identity.users DROP COLUMN failed_window_start;
