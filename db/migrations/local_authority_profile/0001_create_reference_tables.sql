-- Reference data of the LAO registry, loaded idempotently at start-up from db/reference-data.
CREATE TABLE local_authority_profile.provinces (
    code    text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
    name_th text NOT NULL,
    name_en text NOT NULL
);

CREATE TABLE local_authority_profile.districts (
    code          text PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
    province_code text NOT NULL REFERENCES local_authority_profile.provinces (code),
    name_th       text NOT NULL,
    name_en       text NOT NULL
);
CREATE INDEX districts_province_idx ON local_authority_profile.districts (province_code);

CREATE TABLE local_authority_profile.lao_types (
    code           text    PRIMARY KEY,
    name_th        text    NOT NULL,
    short_name_th  text    NOT NULL,
    registry_label text    NULL,
    sort_order     integer NOT NULL
);
INSERT INTO local_authority_profile.lao_types (code, name_th, short_name_th, registry_label, sort_order) VALUES
    ('pao',                      'องค์การบริหารส่วนจังหวัด', 'อบจ.',        'อบจ.',       1),
    ('city_municipality',        'เทศบาลนคร',              'ทน.',         'เทศบาลนคร',  2),
    ('town_municipality',        'เทศบาลเมือง',            'ทม.',         'เทศบาลเมือง', 3),
    ('subdistrict_municipality', 'เทศบาลตำบล',             'ทต.',         'เทศบาลตำบล', 4),
    ('sao',                      'องค์การบริหารส่วนตำบล',    'อบต.',        'อบต.',       5),
    ('pattaya',                  'เมืองพัทยา',              'เมืองพัทยา',   'เมืองพัทยา',  6),
    ('bangkok',                  'กรุงเทพมหานคร',          'กทม.',        NULL,         7);

-- The DLA registry: 7,849 LAOs with their 7-digit code. Its values are the defaults of each LAO's profile.
CREATE TABLE local_authority_profile.registry_laos (
    dla_code      text PRIMARY KEY CHECK (dla_code ~ '^[0-9]{7}$'),
    name_th       text NOT NULL,
    name_short_th text NOT NULL,
    lao_type      text NOT NULL REFERENCES local_authority_profile.lao_types (code),
    province_code text NOT NULL REFERENCES local_authority_profile.provinces (code),
    district_code text NOT NULL REFERENCES local_authority_profile.districts (code)
);
CREATE INDEX registry_laos_province_idx ON local_authority_profile.registry_laos (province_code, district_code);
