-- When NACC staff reset an LAO's account, the next set-up session starts from the registry: the previous
-- coordinator's details are not shown to it (they stay in the profile, for staff, until the new save replaces them,
-- and then in the history). reset_at marks such a profile until that save.
ALTER TABLE local_authority_profile.profiles ADD COLUMN reset_at timestamptz NULL;
