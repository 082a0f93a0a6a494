ALTER TABLE indicator_values DROP COLUMN reported_at;
--bun:split
DROP TABLE reporting_due_rules;
--bun:split
DROP TABLE attachment_chunks;
--bun:split
DROP TABLE attachments;
