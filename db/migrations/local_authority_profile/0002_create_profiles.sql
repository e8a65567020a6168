-- The basic data (ข้อมูลพื้นฐาน) an LAO saves from the three-page wizard; one row per LAO once saved.
CREATE TABLE local_authority_profile.profiles (
    dla_code                    text          PRIMARY KEY REFERENCES local_authority_profile.registry_laos (dla_code),
    -- ข้อมูลที่ตั้ง
    province_code               text          NOT NULL REFERENCES local_authority_profile.provinces (code),
    district_code               text          NOT NULL REFERENCES local_authority_profile.districts (code),
    lao_type                    text          NOT NULL REFERENCES local_authority_profile.lao_types (code),
    size                        text          NOT NULL CHECK (size IN ('large', 'medium', 'small')),
    name                        text          NOT NULL,
    office_address              text          NOT NULL,
    -- ข้อมูลพื้นที่และผู้บริหาร
    service_area_sq_km          numeric(12,2) NOT NULL CHECK (service_area_sq_km > 0),
    population                  integer       NOT NULL CHECK (population >= 0),
    revenue_excluding_subsidies numeric(14,2) NOT NULL CHECK (revenue_excluding_subsidies >= 0),
    subsidy_revenue             numeric(14,2) NOT NULL CHECK (subsidy_revenue >= 0),
    executive_name              text          NOT NULL,
    permanent_secretary_name    text          NOT NULL,
    -- ข้อมูลผู้ประสานงาน
    coordinator_full_name       text          NOT NULL,
    coordinator_position        text          NOT NULL,
    coordinator_affiliation     text          NOT NULL,
    coordinator_phone           text          NOT NULL,
    coordinator_mobile          text          NOT NULL,
    coordinator_fax             text          NULL,
    coordinator_email           text          NOT NULL,
    website                     text          NULL,
    completed_at                timestamptz   NOT NULL,
    updated_at                  timestamptz   NOT NULL,
    updated_by                  text          NOT NULL,
    version                     integer       NOT NULL DEFAULT 1
);
CREATE INDEX profiles_email_idx ON local_authority_profile.profiles (lower(coordinator_email));
CREATE INDEX profiles_province_idx ON local_authority_profile.profiles (province_code);

-- Every save of a profile: who, when, from which address, and each field's old and new value.
CREATE TABLE local_authority_profile.profile_changes (
    id          uuid        PRIMARY KEY,
    dla_code    text        NOT NULL REFERENCES local_authority_profile.registry_laos (dla_code),
    changed_at  timestamptz NOT NULL,
    changed_by  text        NOT NULL,
    ip_address  text        NULL,
    changes     jsonb       NOT NULL
);
CREATE INDEX profile_changes_lao_idx ON local_authority_profile.profile_changes (dla_code, changed_at DESC);
