-- Attachments: signed scans (PDF, JPEG, PNG) kept in the database, so that
-- a backup holds them, on a plan version, an allocation, a disbursement or a
-- province-year's compliance check (owner_id "17", or "2026/ABUSE_DATA" for
-- a check of the province). The bytes are in chunks of at most 1 MiB, read
-- one at a time when a file is downloaded. Nothing is edited or deleted: a
-- newer scan names the one it supersedes, at most once.
CREATE TABLE attachments (
    id             {{.PK}},
    province_code  TEXT NOT NULL REFERENCES provinces (code),
    owner_kind     TEXT NOT NULL CHECK (owner_kind IN ('plan', 'allocation', 'disbursement', 'compliance_check')),
    owner_id       TEXT NOT NULL CHECK (owner_id <> ''),
    kind           TEXT NOT NULL CHECK (kind IN ('signed_plan', 'allocation_decision', 'payment_voucher', 'evidence', 'other')),
    title          TEXT NOT NULL DEFAULT '',
    file_name      TEXT NOT NULL CHECK (file_name <> ''),
    content_type   TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size           BIGINT NOT NULL CHECK (size > 0 AND size <= 20971520),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    supersedes     BIGINT REFERENCES attachments (id),
    uploaded_at    {{.Time}} NOT NULL,
    uploaded_by_id BIGINT,
    uploaded_by    TEXT NOT NULL
);
--bun:split
CREATE INDEX attachments_owner ON attachments (owner_kind, owner_id, id);
--bun:split
CREATE UNIQUE INDEX attachments_supersedes ON attachments (supersedes);
--bun:split
CREATE TABLE attachment_chunks (
    attachment_id BIGINT NOT NULL REFERENCES attachments (id),
    seq           INTEGER NOT NULL CHECK (seq >= 0),
    data          {{if .Postgres}}BYTEA{{else}}BLOB{{end}} NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
--bun:split
{{if .Postgres}}
CREATE TRIGGER attachments_append_only BEFORE UPDATE OR DELETE ON attachments
    FOR EACH ROW EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER attachment_chunks_append_only BEFORE UPDATE OR DELETE ON attachment_chunks
    FOR EACH ROW EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER attachments_no_truncate BEFORE TRUNCATE ON attachments
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER attachment_chunks_no_truncate BEFORE TRUNCATE ON attachment_chunks
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
{{else}}
CREATE TRIGGER attachments_no_update BEFORE UPDATE ON attachments
BEGIN SELECT RAISE(ABORT, 'table attachments is append-only'); END;
--bun:split
CREATE TRIGGER attachments_no_delete BEFORE DELETE ON attachments
BEGIN SELECT RAISE(ABORT, 'table attachments is append-only'); END;
--bun:split
CREATE TRIGGER attachment_chunks_no_update BEFORE UPDATE ON attachment_chunks
BEGIN SELECT RAISE(ABORT, 'table attachment_chunks is append-only'); END;
--bun:split
CREATE TRIGGER attachment_chunks_no_delete BEFORE DELETE ON attachment_chunks
BEGIN SELECT RAISE(ABORT, 'table attachment_chunks is append-only'); END;
{{end}}
--bun:split
-- The reporting calendar (docs/domain.md §7): an indicator is periodic when
-- it has a due rule, its values due days_after days after the end of each
-- quarter or year. Directive 3.3 asks for periodic data on abused children.
CREATE TABLE reporting_due_rules (
    indicator_code TEXT PRIMARY KEY REFERENCES indicators (code),
    frequency      TEXT NOT NULL CHECK (frequency IN ('quarterly', 'yearly')),
    days_after     INTEGER NOT NULL CHECK (days_after BETWEEN 1 AND 366)
);
--bun:split
INSERT INTO reporting_due_rules (indicator_code, frequency, days_after) VALUES
('CP_ABUSE_CASES', 'quarterly', 15),
('CP_ABUSE_RATE', 'yearly', 31),
('CP_ABUSE_HANDLED', 'yearly', 31);
--bun:split
-- When a value was first reported as a final figure (not an estimate): a
-- report is late by this time, whatever corrections follow. Values already
-- there count from their last change, the only time known of them.
ALTER TABLE indicator_values ADD COLUMN reported_at {{.Time}};
--bun:split
UPDATE indicator_values SET reported_at = updated_at WHERE NOT estimate;
