DROP TABLE national_targets;
--bun:split
DROP TABLE indicators;
