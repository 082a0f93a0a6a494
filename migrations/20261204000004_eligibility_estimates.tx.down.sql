ALTER TABLE indicator_values DROP COLUMN estimate;
--bun:split
DROP TABLE task_area_eligibility;
