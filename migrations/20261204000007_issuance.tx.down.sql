DROP TABLE plan_comments;
--bun:split
ALTER TABLE plans DROP COLUMN issued_by;
--bun:split
ALTER TABLE plans DROP COLUMN signer_title;
--bun:split
ALTER TABLE plans DROP COLUMN signer_name;
--bun:split
ALTER TABLE plans DROP COLUMN issued_on;
--bun:split
ALTER TABLE plans DROP COLUMN document_no;
--bun:split
-- Approvers must be gone (or made planners) before the role is taken back.
{{if .Postgres}}
ALTER TABLE users DROP CONSTRAINT users_check;
--bun:split
ALTER TABLE users DROP CONSTRAINT users_role_check;
--bun:split
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'reviewer', 'planner', 'finance'));
--bun:split
ALTER TABLE users ADD CONSTRAINT users_check CHECK ((role IN ('planner', 'finance')) = (province_code IS NOT NULL));
{{else}}
PRAGMA writable_schema = ON;
--bun:split
UPDATE sqlite_master SET sql = replace(sql, '''planner'', ''approver'', ''finance'')', '''planner'', ''finance'')')
WHERE type = 'table' AND name = 'users';
--bun:split
PRAGMA writable_schema = RESET;
--bun:split
CREATE TABLE baove_schema_bump (x INTEGER);
--bun:split
DROP TABLE baove_schema_bump;
{{end}}
