-- Unit list files uploaded by an administrator and held between their
-- preview and their import (units.Store.Hold), by their SHA-256, so that
-- any instance of the service may import the file previewed on another and
-- the browser sends it once. A file is held for a day; older ones are
-- removed when another is held.
CREATE TABLE unit_list_uploads (
    sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    data      {{if .Postgres}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    held_at   {{.Time}} NOT NULL,
    held_by   TEXT NOT NULL
);
--bun:split
CREATE INDEX unit_list_uploads_held_at ON unit_list_uploads (held_at);
--bun:split
-- The trail is read by who made a change (audit.Filter.Actor), newest first.
CREATE INDEX audit_log_actor ON audit_log (actor, id);
