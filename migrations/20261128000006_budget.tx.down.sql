DROP TABLE idempotency_keys;
--bun:split
DROP TABLE disbursements;
--bun:split
DROP TABLE allocations;
--bun:split
DROP TABLE budget_years;
--bun:split
DROP TABLE budget_lines;
