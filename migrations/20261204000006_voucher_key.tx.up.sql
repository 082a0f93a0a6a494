-- A voucher number's identity key (vn.Key: compatibility-normalised,
-- case-folded, without invisible characters, dashes as "-"), so that
-- "X-1", "x-1" and "X‐1" are one voucher in a province-year. The key is
-- computed by the service for every new entry; entries written before this
-- migration get their lower-cased number, which is their key for the plain
-- ASCII numbers they hold. The ledger is append-only: its trigger is lifted
-- for this one update and restored.
ALTER TABLE disbursements ADD COLUMN voucher_key TEXT;
--bun:split
{{if .Postgres}}
ALTER TABLE disbursements DISABLE TRIGGER disbursements_append_only;
--bun:split
UPDATE disbursements SET voucher_key = lower(voucher_no) WHERE voucher_no IS NOT NULL;
--bun:split
ALTER TABLE disbursements ENABLE TRIGGER disbursements_append_only;
{{else}}
DROP TRIGGER disbursements_no_update;
--bun:split
UPDATE disbursements SET voucher_key = lower(voucher_no) WHERE voucher_no IS NOT NULL;
--bun:split
CREATE TRIGGER disbursements_no_update BEFORE UPDATE ON disbursements
BEGIN SELECT RAISE(ABORT, 'table disbursements is append-only'); END;
{{end}}
--bun:split
CREATE UNIQUE INDEX disbursements_voucher_key ON disbursements (province_code, year, voucher_key);
