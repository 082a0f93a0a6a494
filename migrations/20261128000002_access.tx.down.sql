DROP TABLE audit_log;
--bun:split
DROP TABLE login_failures;
--bun:split
DROP TABLE login_throttles;
--bun:split
DROP TABLE sessions;
--bun:split
DROP TABLE users;
{{if .Postgres}}
--bun:split
DROP FUNCTION baove_append_only();
{{end}}
