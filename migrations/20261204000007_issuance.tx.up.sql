-- The province issues its plan (docs/domain.md §1 "Who issues a plan"): a
-- provincial role `approver` approves (issues) or returns the province's plans;
-- the ministry's reviewer follows and comments.
--
-- 1. The role. The users' CHECK constraints name the roles. PostgreSQL
-- replaces its constraints. SQLite cannot alter a CHECK, and rebuilding the
-- table would need foreign keys off, which a transaction cannot do; the
-- constraint is loosened in the stored schema instead, as SQLite documents
-- for changes that leave the stored rows valid (ALTER TABLE, "Making Other
-- Kinds Of Table Schema Changes"). One replace adds the role to both
-- constraints; the RESET reloads the schema on this connection, and the DDL
-- that follows bumps the schema cookie for the others.
{{if .Postgres}}
ALTER TABLE users DROP CONSTRAINT users_role_check;
--bun:split
ALTER TABLE users DROP CONSTRAINT users_check;
--bun:split
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'reviewer', 'planner', 'approver', 'finance'));
--bun:split
ALTER TABLE users ADD CONSTRAINT users_check CHECK ((role IN ('planner', 'approver', 'finance')) = (province_code IS NOT NULL));
{{else}}
PRAGMA writable_schema = ON;
--bun:split
UPDATE sqlite_master SET sql = replace(sql, '''planner'', ''finance'')', '''planner'', ''approver'', ''finance'')')
WHERE type = 'table' AND name = 'users';
--bun:split
PRAGMA writable_schema = RESET;
{{end}}
--bun:split
-- 2. The issuance of a plan version, recorded when the approver approves it:
-- the document's number and symbol (số ký hiệu, e.g. 99/KH-UBND), its date,
-- who signed it and as what (e.g. Phó Chủ tịch), and the username of the
-- approver who recorded it. A revision starts without one.
ALTER TABLE plans ADD COLUMN document_no TEXT NOT NULL DEFAULT '';
--bun:split
ALTER TABLE plans ADD COLUMN issued_on {{.Date}};
--bun:split
ALTER TABLE plans ADD COLUMN signer_name TEXT NOT NULL DEFAULT '';
--bun:split
ALTER TABLE plans ADD COLUMN signer_title TEXT NOT NULL DEFAULT '';
--bun:split
ALTER TABLE plans ADD COLUMN issued_by TEXT NOT NULL DEFAULT '';
--bun:split
-- Plans approved before keep their state. Their approver is the reviewer who
-- approved them (the approval event stays as it was), their date the day of
-- that event in Viet Nam (UTC+7, the service's default zone); their number
-- and signer were never recorded and stay empty ("chưa có số").
UPDATE plans SET
    issued_by = (SELECT e.actor FROM plan_events AS e WHERE e.plan_id = plans.id AND e.action = 'approve' ORDER BY e.id DESC LIMIT 1),
{{- if .Postgres}}
    issued_on = (SELECT (e.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date FROM plan_events AS e
        WHERE e.plan_id = plans.id AND e.action = 'approve' ORDER BY e.id DESC LIMIT 1)
{{- else}}
    issued_on = (SELECT date(e.at, '+7 hours') FROM plan_events AS e
        WHERE e.plan_id = plans.id AND e.action = 'approve' ORDER BY e.id DESC LIMIT 1)
{{- end}}
WHERE status IN ('approved', 'superseded')
    AND EXISTS (SELECT 1 FROM plan_events AS e WHERE e.plan_id = plans.id AND e.action = 'approve');
--bun:split
-- 3. The ministry's comments on plan versions. A revision request is open
-- until a later version of the plan is issued (resolved_by_plan_id names it)
-- or the reviewer closes it; a plain comment is never open.
CREATE TABLE plan_comments (
    id                  {{.PK}},
    plan_id             BIGINT NOT NULL REFERENCES plans (id),
    kind                TEXT NOT NULL CHECK (kind IN ('comment', 'revision_requested')),
    text                TEXT NOT NULL CHECK (text <> ''),
    author_id           BIGINT REFERENCES users (id),
    author              TEXT NOT NULL,
    created_at          {{.Time}} NOT NULL,
    closed_at           {{.Time}},
    closed_by           TEXT NOT NULL DEFAULT '',
    resolved_by_plan_id BIGINT REFERENCES plans (id),
    CHECK (kind = 'revision_requested' OR closed_at IS NULL)
);
--bun:split
CREATE INDEX plan_comments_plan_id ON plan_comments (plan_id, id);
