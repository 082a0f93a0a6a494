-- A task area's eligibility for central funds (directive 3.2) has a
-- validity: from a year, to a year (NULL: open-ended). The checks of a year
-- read that year's eligibility, so an administrator's change from a year on
-- leaves the years before it as they were. task_areas keeps the open-ended
-- eligibility beside it, as before.
CREATE TABLE task_area_eligibility (
    task_area TEXT NOT NULL REFERENCES task_areas (code),
    from_year INTEGER NOT NULL CHECK (from_year BETWEEN 2016 AND 2100),
    to_year   INTEGER CHECK (to_year IS NULL OR to_year BETWEEN from_year AND 2100),
    eligible  BOOLEAN NOT NULL,
    PRIMARY KEY (task_area, from_year)
);
--bun:split
INSERT INTO task_area_eligibility (task_area, from_year, to_year, eligible)
SELECT code, 2016, NULL, eligible_for_central_funds FROM task_areas;
--bun:split
-- An indicator value of the period in progress is an estimate, and says so.
ALTER TABLE indicator_values ADD COLUMN estimate BOOLEAN NOT NULL DEFAULT FALSE;
