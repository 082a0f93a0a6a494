ALTER TABLE indicator_values DROP COLUMN estimate;
--bun:split
ALTER TABLE task_areas DROP COLUMN central_eligibility;
