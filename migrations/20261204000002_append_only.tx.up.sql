-- Append-only for real. TRUNCATE passes row triggers, so on PostgreSQL a
-- statement trigger refuses it on the ledgers, the audit trail and the
-- ledger's running totals (SQLite has no TRUNCATE). The running totals,
-- which the limits read, hold only the truth: a row may be written only with
-- the sum and count of the disbursements of its key, so that the ledger's
-- own transaction, which writes the entries first (budget/import.go,
-- budget/ledger.go, budget/reversal.go), is the only one that can write
-- them; rows are never deleted and their keys never change. An INSERT whose
-- key already has a row is let through to its ON CONFLICT DO UPDATE, checked
-- then (a plain INSERT fails on the primary key).
CREATE INDEX disbursements_totals ON disbursements (province_code, year, line_lineage, funding_source, task_area, amount);
--bun:split
DROP INDEX disbursements_province_year;
--bun:split
{{if .Postgres}}
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER allocations_no_truncate BEFORE TRUNCATE ON allocations
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER disbursements_no_truncate BEFORE TRUNCATE ON disbursements
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE TRIGGER ledger_totals_no_truncate BEFORE TRUNCATE ON ledger_totals
    FOR EACH STATEMENT EXECUTE FUNCTION baove_append_only();
--bun:split
CREATE FUNCTION baove_ledger_totals_truth() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    total BIGINT;
    n BIGINT;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'ledger_totals rows are never deleted' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'UPDATE' AND (NEW.province_code, NEW.year, NEW.line_lineage, NEW.funding_source, NEW.task_area)
        IS DISTINCT FROM (OLD.province_code, OLD.year, OLD.line_lineage, OLD.funding_source, OLD.task_area) THEN
        RAISE EXCEPTION 'the key of a ledger_totals row never changes' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM ledger_totals AS t WHERE t.province_code = NEW.province_code
        AND t.year = NEW.year AND t.line_lineage = NEW.line_lineage AND t.funding_source = NEW.funding_source
        AND t.task_area = NEW.task_area) THEN
        RETURN NEW;
    END IF;
    SELECT coalesce(sum(d.amount), 0), count(*) INTO total, n FROM disbursements AS d
    WHERE d.province_code = NEW.province_code AND d.year = NEW.year AND d.line_lineage = NEW.line_lineage
        AND d.funding_source = NEW.funding_source AND d.task_area = NEW.task_area;
    IF NEW.amount <> total OR NEW.entries <> n THEN
        RAISE EXCEPTION 'ledger_totals must equal the ledger: % in % entries, not % in %', total, n, NEW.amount, NEW.entries
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
--bun:split
CREATE TRIGGER ledger_totals_truth BEFORE INSERT OR UPDATE OR DELETE ON ledger_totals
    FOR EACH ROW EXECUTE FUNCTION baove_ledger_totals_truth();
{{else}}
CREATE TRIGGER ledger_totals_insert_truth BEFORE INSERT ON ledger_totals
WHEN NOT EXISTS (SELECT 1 FROM ledger_totals AS t WHERE t.province_code = NEW.province_code AND t.year = NEW.year
        AND t.line_lineage = NEW.line_lineage AND t.funding_source = NEW.funding_source AND t.task_area = NEW.task_area)
    AND (NEW.amount, NEW.entries) IS NOT (SELECT coalesce(sum(d.amount), 0), count(*) FROM disbursements AS d
        WHERE d.province_code = NEW.province_code AND d.year = NEW.year AND d.line_lineage = NEW.line_lineage
        AND d.funding_source = NEW.funding_source AND d.task_area = NEW.task_area)
BEGIN SELECT RAISE(ABORT, 'ledger_totals must equal the ledger'); END;
--bun:split
CREATE TRIGGER ledger_totals_update_truth BEFORE UPDATE ON ledger_totals
WHEN NEW.province_code IS NOT OLD.province_code OR NEW.year IS NOT OLD.year OR NEW.line_lineage IS NOT OLD.line_lineage
    OR NEW.funding_source IS NOT OLD.funding_source OR NEW.task_area IS NOT OLD.task_area
    OR (NEW.amount, NEW.entries) IS NOT (SELECT coalesce(sum(d.amount), 0), count(*) FROM disbursements AS d
        WHERE d.province_code = NEW.province_code AND d.year = NEW.year AND d.line_lineage = NEW.line_lineage
        AND d.funding_source = NEW.funding_source AND d.task_area = NEW.task_area)
BEGIN SELECT RAISE(ABORT, 'ledger_totals must equal the ledger'); END;
--bun:split
CREATE TRIGGER ledger_totals_no_delete BEFORE DELETE ON ledger_totals
BEGIN SELECT RAISE(ABORT, 'ledger_totals rows are never deleted'); END;
{{end}}
