-- An LAO's province and district are those of the DLA registry, never values the LAO edits: they decide which
-- provincial office sees it. A profile saved with another province or district keeps the old values in its
-- history, and the columns go; staff correct a wrong registry entry (registry_corrections, re-applied after every
-- load of the registry file), and each correction is recorded in the history too.
INSERT INTO local_authority_profile.profile_changes (id, dla_code, changed_at, changed_by, ip_address, changes)
SELECT gen_random_uuid(), p.dla_code, now(), 'system', NULL,
       (SELECT jsonb_agg(c.change) FROM (
            SELECT jsonb_build_object('Field', 'location.provinceCode', 'Label', 'จังหวัด',
                                      'Old', p.province_code, 'New', r.province_code) AS change
            WHERE p.province_code <> r.province_code
            UNION ALL
            SELECT jsonb_build_object('Field', 'location.districtCode', 'Label', 'อำเภอ',
                                      'Old', p.district_code, 'New', r.district_code)
            WHERE p.district_code <> r.district_code) c)
FROM local_authority_profile.profiles p
JOIN local_authority_profile.registry_laos r ON r.dla_code = p.dla_code
WHERE p.province_code <> r.province_code OR p.district_code <> r.district_code;

ALTER TABLE local_authority_profile.profiles DROP COLUMN province_code, DROP COLUMN district_code;

CREATE TABLE local_authority_profile.registry_corrections (
    dla_code      text        PRIMARY KEY REFERENCES local_authority_profile.registry_laos (dla_code),
    province_code text        NOT NULL REFERENCES local_authority_profile.provinces (code),
    district_code text        NOT NULL REFERENCES local_authority_profile.districts (code),
    reason        text        NOT NULL,
    corrected_at  timestamptz NOT NULL,
    corrected_by  text        NOT NULL
);
