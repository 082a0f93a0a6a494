DROP INDEX activities_task_area;
--bun:split
DROP INDEX disbursements_summary;
