-- What provinces report: indicator values by year or quarter, and the
-- staffing of each commune by year. Counts are integers; a ratio keeps its
-- numerator and denominator, from which the service derives the figure
-- (value holds it as decimal text, exact on both engines, never REAL).
CREATE TABLE indicator_values (
    province_code  TEXT NOT NULL REFERENCES provinces (code),
    indicator_code TEXT NOT NULL REFERENCES indicators (code),
    year           INTEGER NOT NULL CHECK (year BETWEEN 2016 AND 2100),
    quarter        INTEGER NOT NULL CHECK (quarter BETWEEN 0 AND 4),
    numerator      BIGINT CHECK (numerator >= 0),
    denominator    BIGINT CHECK (denominator > 0),
    value          TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    updated_at     {{.Time}} NOT NULL,
    updated_by     TEXT NOT NULL,
    PRIMARY KEY (province_code, indicator_code, year, quarter),
    CHECK ((numerator IS NULL) = (denominator IS NULL))
);
--bun:split
CREATE INDEX indicator_values_year ON indicator_values (year, province_code);
--bun:split
-- A commune belongs to one province for its whole life (codes are never
-- reused), so province_code is kept beside it for reading a province at once.
CREATE TABLE commune_staffing (
    commune_code               TEXT NOT NULL REFERENCES communes (code),
    year                       INTEGER NOT NULL CHECK (year BETWEEN 2016 AND 2100),
    province_code              TEXT NOT NULL REFERENCES provinces (code),
    full_time                  INTEGER NOT NULL CHECK (full_time >= 0),
    part_time                  INTEGER NOT NULL CHECK (part_time >= 0),
    collaborators              INTEGER NOT NULL CHECK (collaborators >= 0),
    villages                   INTEGER NOT NULL CHECK (villages >= 0),
    villages_with_collaborator INTEGER NOT NULL CHECK (villages_with_collaborator BETWEEN 0 AND villages),
    note                       TEXT NOT NULL DEFAULT '',
    updated_at                 {{.Time}} NOT NULL,
    updated_by                 TEXT NOT NULL,
    PRIMARY KEY (commune_code, year)
);
--bun:split
CREATE INDEX commune_staffing_province_year ON commune_staffing (province_code, year);
