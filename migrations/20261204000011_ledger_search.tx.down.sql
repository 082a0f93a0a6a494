DROP INDEX disbursements_paid_on;
--bun:split
ALTER TABLE disbursements DROP COLUMN search_text;
