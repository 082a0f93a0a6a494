ALTER TABLE sessions DROP COLUMN last_failure_address;
--bun:split
ALTER TABLE sessions DROP COLUMN last_failure_at;
--bun:split
ALTER TABLE sessions DROP COLUMN failures_before;
--bun:split
DROP TABLE login_alerts;
--bun:split
DROP TABLE login_failures;
--bun:split
CREATE TABLE login_throttles (
    username TEXT PRIMARY KEY
);
--bun:split
CREATE TABLE login_failures (
    id       {{.PK}},
    username TEXT NOT NULL,
    at       {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX login_failures_username_at ON login_failures (username, at);
