-- A ledger entry's search text: its voucher number and description (a
-- reversal's: the voucher and description of its payment, and its reason), folded as the service
-- folds a search (budget.SearchText: vn.Key, then vn.Fold: lower case,
-- without Vietnamese marks, đ as d, runs of space as one), so that "chung tu"
-- finds "Chứng từ" with a LIKE on one column. The service writes it with
-- every new entry; entries written before this migration get it here, with
-- Vietnamese letters folded by the chain of replace() below (the 134
-- precomposed letters with marks and đ/Đ; budget's tests check the chain
-- against vn.Fold on both engines) and ASCII by lower(). The ledger is
-- append-only: its trigger is lifted for this one update and restored, as
-- 20261204000006 did.
--
-- disbursements_paid_on serves the ledger's pages: a province's entries
-- of a year newest first by payment date.
ALTER TABLE disbursements ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
--bun:split
{{if .Postgres}}
ALTER TABLE disbursements DISABLE TRIGGER disbursements_append_only;
{{else}}
DROP TRIGGER disbursements_no_update;
{{end}}
--bun:split
-- fold:begin
UPDATE disbursements SET search_text = lower(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
replace(replace(replace(replace(replace(replace(
    trim(replace(replace(replace(replace(replace(replace(
        coalesce(voucher_key,
            (SELECT coalesce(o.voucher_key, '') || ' ' || o.description FROM disbursements AS o WHERE o.id = disbursements.reverses_id), '')
        || ' ' || description,
        '{{"\r"}}', ' '), '{{"\n"}}', ' '), '{{"\t"}}', ' '), '  ', ' '), '  ', ' '), '  ', ' '))
, 'à', 'a'), 'á', 'a'), 'ả', 'a'), 'ã', 'a'), 'ạ', 'a'), 'ă', 'a'), 'ằ', 'a'), 'ắ', 'a'), 'ẳ', 'a'), 'ẵ', 'a')
, 'ặ', 'a'), 'â', 'a'), 'ầ', 'a'), 'ấ', 'a'), 'ẩ', 'a'), 'ẫ', 'a'), 'ậ', 'a'), 'è', 'e'), 'é', 'e'), 'ẻ', 'e')
, 'ẽ', 'e'), 'ẹ', 'e'), 'ê', 'e'), 'ề', 'e'), 'ế', 'e'), 'ể', 'e'), 'ễ', 'e'), 'ệ', 'e'), 'ì', 'i'), 'í', 'i')
, 'ỉ', 'i'), 'ĩ', 'i'), 'ị', 'i'), 'ò', 'o'), 'ó', 'o'), 'ỏ', 'o'), 'õ', 'o'), 'ọ', 'o'), 'ô', 'o'), 'ồ', 'o')
, 'ố', 'o'), 'ổ', 'o'), 'ỗ', 'o'), 'ộ', 'o'), 'ơ', 'o'), 'ờ', 'o'), 'ớ', 'o'), 'ở', 'o'), 'ỡ', 'o'), 'ợ', 'o')
, 'ù', 'u'), 'ú', 'u'), 'ủ', 'u'), 'ũ', 'u'), 'ụ', 'u'), 'ư', 'u'), 'ừ', 'u'), 'ứ', 'u'), 'ử', 'u'), 'ữ', 'u')
, 'ự', 'u'), 'ỳ', 'y'), 'ý', 'y'), 'ỷ', 'y'), 'ỹ', 'y'), 'ỵ', 'y'), 'À', 'a'), 'Á', 'a'), 'Ả', 'a'), 'Ã', 'a')
, 'Ạ', 'a'), 'Ă', 'a'), 'Ằ', 'a'), 'Ắ', 'a'), 'Ẳ', 'a'), 'Ẵ', 'a'), 'Ặ', 'a'), 'Â', 'a'), 'Ầ', 'a'), 'Ấ', 'a')
, 'Ẩ', 'a'), 'Ẫ', 'a'), 'Ậ', 'a'), 'È', 'e'), 'É', 'e'), 'Ẻ', 'e'), 'Ẽ', 'e'), 'Ẹ', 'e'), 'Ê', 'e'), 'Ề', 'e')
, 'Ế', 'e'), 'Ể', 'e'), 'Ễ', 'e'), 'Ệ', 'e'), 'Ì', 'i'), 'Í', 'i'), 'Ỉ', 'i'), 'Ĩ', 'i'), 'Ị', 'i'), 'Ò', 'o')
, 'Ó', 'o'), 'Ỏ', 'o'), 'Õ', 'o'), 'Ọ', 'o'), 'Ô', 'o'), 'Ồ', 'o'), 'Ố', 'o'), 'Ổ', 'o'), 'Ỗ', 'o'), 'Ộ', 'o')
, 'Ơ', 'o'), 'Ờ', 'o'), 'Ớ', 'o'), 'Ở', 'o'), 'Ỡ', 'o'), 'Ợ', 'o'), 'Ù', 'u'), 'Ú', 'u'), 'Ủ', 'u'), 'Ũ', 'u')
, 'Ụ', 'u'), 'Ư', 'u'), 'Ừ', 'u'), 'Ứ', 'u'), 'Ử', 'u'), 'Ữ', 'u'), 'Ự', 'u'), 'Ỳ', 'y'), 'Ý', 'y'), 'Ỷ', 'y')
, 'Ỹ', 'y'), 'Ỵ', 'y'), 'đ', 'd'), 'Đ', 'd'));
-- fold:end
--bun:split
{{if .Postgres}}
ALTER TABLE disbursements ENABLE TRIGGER disbursements_append_only;
{{else}}
CREATE TRIGGER disbursements_no_update BEFORE UPDATE ON disbursements
BEGIN SELECT RAISE(ABORT, 'table disbursements is append-only'); END;
{{end}}
--bun:split
CREATE INDEX disbursements_paid_on ON disbursements (province_code, year, paid_on, id);
