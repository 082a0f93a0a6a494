-- Users, sessions, login throttling, and the append-only audit trail.
CREATE TABLE users (
    id            {{.PK}},
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'planner', 'finance')),
    province_code TEXT REFERENCES provinces (code),
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    {{.Time}} NOT NULL,
    updated_at    {{.Time}} NOT NULL,
    CHECK ((role IN ('planner', 'finance')) = (province_code IS NOT NULL))
);
--bun:split
CREATE TABLE sessions (
    id         {{.PK}},
    token_hash TEXT NOT NULL UNIQUE,
    user_id    BIGINT NOT NULL REFERENCES users (id),
    created_at {{.Time}} NOT NULL,
    expires_at {{.Time}} NOT NULL,
    revoked_at {{.Time}}
);
--bun:split
CREATE INDEX sessions_user_id ON sessions (user_id);
--bun:split
-- One row per username ever tried: locked FOR UPDATE so that concurrent
-- attempts on one username are counted one after the other.
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
--bun:split
CREATE TABLE audit_log (
    id             {{.PK}},
    at             {{.Time}} NOT NULL,
    actor_id       BIGINT REFERENCES users (id),
    actor          TEXT NOT NULL,
    action         TEXT NOT NULL,
    entity         TEXT NOT NULL,
    entity_id      TEXT NOT NULL DEFAULT '',
    province_code  TEXT,
    before_state   {{.JSON}},
    after_state    {{.JSON}},
    request_id     TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
--bun:split
CREATE INDEX audit_log_province_code ON audit_log (province_code, id);
--bun:split
{{if .Postgres}}
CREATE FUNCTION baove_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--bun:split
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION baove_append_only();
{{else}}
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'table audit_log is append-only'); END;
--bun:split
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'table audit_log is append-only'); END;
{{end}}
