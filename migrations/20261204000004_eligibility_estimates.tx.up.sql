-- A task area's eligibility for central funds (directive 3.2) has a
-- validity by years, so that the checks of a year read that year's and an
-- administrator's change from a year on leaves the years before it alone.
-- central_eligibility holds the spans, in order and without gaps, as
-- "from-to:eligible" joined by ";", the last open-ended: "2016-2025:1;2026-:0".
-- It sits on the row every budget summary reads anyway (no join on that
-- path); eligible_for_central_funds stays the open-ended eligibility.
ALTER TABLE task_areas ADD COLUMN central_eligibility TEXT NOT NULL DEFAULT '';
--bun:split
UPDATE task_areas SET central_eligibility = CASE WHEN eligible_for_central_funds THEN '2016-:1' ELSE '2016-:0' END;
--bun:split
-- An indicator value of the period in progress is an estimate, and says so.
ALTER TABLE indicator_values ADD COLUMN estimate BOOLEAN NOT NULL DEFAULT FALSE;
