-- Running totals of the disbursement ledger by province, year, budget line
-- (lineage), funding source and task area, kept in the same transaction as
-- every ledger write (budget/totals.go). Summaries, limits and the national
-- report read these few rows instead of aggregating the ledger, which grows
-- by a million entries in ten years. They stay exact: whole đồng, added as
-- the entries are written; a test compares them with the ledger.
CREATE TABLE ledger_totals (
    province_code  TEXT NOT NULL,
    year           INTEGER NOT NULL,
    line_lineage   TEXT NOT NULL,
    funding_source TEXT NOT NULL,
    task_area      TEXT NOT NULL,
    amount         BIGINT NOT NULL,
    entries        BIGINT NOT NULL,
    PRIMARY KEY (province_code, year, line_lineage, funding_source, task_area)
);
--bun:split
INSERT INTO ledger_totals (province_code, year, line_lineage, funding_source, task_area, amount, entries)
SELECT province_code, year, line_lineage, funding_source, task_area, sum(amount), count(*)
FROM disbursements GROUP BY province_code, year, line_lineage, funding_source, task_area;
