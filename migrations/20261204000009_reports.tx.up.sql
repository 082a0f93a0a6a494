-- Report settings and the register of generated reports (issue 15).
-- report_settings holds, per scope ('national' or a province code), how its
-- reports are issued, signed, numbered and sent, as JSON (reports.Province,
-- reports.National); a scope without a row uses the defaults.
CREATE TABLE report_settings (
    scope      TEXT PRIMARY KEY,
    settings   TEXT NOT NULL,
    updated_at {{.Time}} NOT NULL,
    updated_by TEXT NOT NULL
);
--bun:split
-- Every report file served, by the SHA-256 of its bytes and of its content
-- (the hash its metadata carries), so that a copy can be traced to the
-- report it is: append-only, like the audit trail.
CREATE TABLE generated_reports (
    id             {{.PK}},
    sha256         TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('province_pdf', 'province_xlsx', 'national_pdf', 'national_xlsx')),
    province_code  TEXT REFERENCES provinces (code),
    year           INTEGER NOT NULL,
    lang           TEXT NOT NULL,
    size           BIGINT NOT NULL,
    generated_at   {{.Time}} NOT NULL,
    actor          TEXT NOT NULL,
    request_id     TEXT NOT NULL DEFAULT ''
);
--bun:split
CREATE INDEX generated_reports_sha256 ON generated_reports (sha256);
--bun:split
CREATE INDEX generated_reports_content_sha256 ON generated_reports (content_sha256);
--bun:split
{{if .Postgres}}
CREATE TRIGGER generated_reports_append_only BEFORE UPDATE OR DELETE ON generated_reports
    FOR EACH ROW EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER generated_reports_no_truncate BEFORE TRUNCATE ON generated_reports
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
{{else}}
CREATE TRIGGER generated_reports_no_update BEFORE UPDATE ON generated_reports
BEGIN SELECT RAISE(ABORT, 'table generated_reports is append-only'); END;
--bun:split
CREATE TRIGGER generated_reports_no_delete BEFORE DELETE ON generated_reports
BEGIN SELECT RAISE(ABORT, 'table generated_reports is append-only'); END;
{{end}}
