DROP TABLE plan_events;
--bun:split
DROP TABLE plan_targets;
--bun:split
DROP TABLE activities;
--bun:split
DROP TABLE plans;
--bun:split
DROP TABLE task_areas;
