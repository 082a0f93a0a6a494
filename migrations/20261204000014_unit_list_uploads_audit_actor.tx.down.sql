DROP INDEX audit_log_actor;
--bun:split
DROP TABLE unit_list_uploads;
