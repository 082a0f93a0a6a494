{{if .Postgres}}
DROP TRIGGER ledger_totals_truth ON ledger_totals;
--bun:split
DROP FUNCTION baove_ledger_totals_truth();
--bun:split
DROP TRIGGER ledger_totals_no_truncate ON ledger_totals;
--bun:split
DROP TRIGGER disbursements_no_truncate ON disbursements;
--bun:split
DROP TRIGGER allocations_no_truncate ON allocations;
--bun:split
DROP TRIGGER audit_log_no_truncate ON audit_log;
{{else}}
DROP TRIGGER ledger_totals_no_delete;
--bun:split
DROP TRIGGER ledger_totals_update_truth;
--bun:split
DROP TRIGGER ledger_totals_insert_truth;
{{end}}
--bun:split
CREATE INDEX disbursements_province_year ON disbursements (province_code, year, line_lineage);
--bun:split
DROP INDEX disbursements_totals;
