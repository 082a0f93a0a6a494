-- Administrative units: provinces and communes with their validity, and the
-- old → new commune successions of the 2025 reorganisation.
CREATE TABLE provinces (
    code        TEXT PRIMARY KEY CHECK (length(code) = 2),
    name        TEXT NOT NULL CHECK (name <> ''),
    kind        TEXT NOT NULL CHECK (kind IN ('tinh', 'thanh_pho')),
    search_name TEXT NOT NULL,
    valid_from  {{.Date}} NOT NULL,
    valid_to    {{.Date}}
);
--bun:split
CREATE TABLE communes (
    code          TEXT PRIMARY KEY CHECK (length(code) = 5),
    province_code TEXT NOT NULL REFERENCES provinces (code),
    name          TEXT NOT NULL CHECK (name <> ''),
    kind          TEXT NOT NULL CHECK (kind IN ('xa', 'phuong', 'dac_khu')),
    search_name   TEXT NOT NULL,
    valid_from    {{.Date}} NOT NULL,
    valid_to      {{.Date}}
);
--bun:split
CREATE INDEX communes_province_code ON communes (province_code);
--bun:split
CREATE TABLE commune_successions (
    id           {{.PK}},
    old_code     TEXT,
    old_name     TEXT NOT NULL DEFAULT '',
    old_district TEXT NOT NULL DEFAULT '',
    old_province TEXT NOT NULL DEFAULT '',
    new_code     TEXT NOT NULL REFERENCES communes (code)
);
--bun:split
CREATE INDEX commune_successions_old_code ON commune_successions (old_code);
--bun:split
CREATE TABLE unit_lists (
    id          {{.PK}},
    source      TEXT NOT NULL,
    valid_from  {{.Date}} NOT NULL,
    imported_at {{.Time}} NOT NULL,
    summary     TEXT NOT NULL
);
