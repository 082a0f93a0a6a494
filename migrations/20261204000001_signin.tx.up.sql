-- Sign-in failures counted per username and per client address, in the
-- database so that every instance sees them; what the owner of an account is
-- told at their next sign-in. The failures of the old per-username lock are
-- dropped: they were 15 minutes' worth at most.
DROP TABLE login_failures;
--bun:split
DROP TABLE login_throttles;
--bun:split
-- One row per failed attempt (sign-in or password change), of known and
-- unknown usernames alike; rows older than the window are purged as new
-- failures arrive. address is the client's IPv4 address, or its IPv6 /64.
CREATE TABLE login_failures (
    id       {{.PK}},
    username TEXT NOT NULL,
    address  TEXT NOT NULL,
    at       {{.Time}} NOT NULL
);
--bun:split
CREATE INDEX login_failures_username_at ON login_failures (username, at);
--bun:split
CREATE INDEX login_failures_address_at ON login_failures (address, at);
--bun:split
CREATE INDEX login_failures_at ON login_failures (at);
--bun:split
-- The failures on an account since its owner last signed in; moved onto the
-- next session, which shows them.
CREATE TABLE login_alerts (
    user_id      BIGINT PRIMARY KEY REFERENCES users (id),
    failures     INTEGER NOT NULL,
    last_at      {{.Time}} NOT NULL,
    last_address TEXT NOT NULL
);
--bun:split
ALTER TABLE sessions ADD COLUMN failures_before INTEGER NOT NULL DEFAULT 0;
--bun:split
ALTER TABLE sessions ADD COLUMN last_failure_at {{.Time}};
--bun:split
ALTER TABLE sessions ADD COLUMN last_failure_address TEXT NOT NULL DEFAULT '';
