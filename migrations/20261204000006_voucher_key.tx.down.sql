DROP INDEX disbursements_voucher_key;
--bun:split
ALTER TABLE disbursements DROP COLUMN voucher_key;
