package upload

// readXLSX reads the first sheet of an XLSX file of at most maxBytes bytes,
// with raw cell values, and reports whether the workbook counts dates from
// 1904. The file is read as a stream of XML, part by part, within the
// limits (see limits.go): no part is unpacked whole into memory, and only
// the workbook, its relationships, the shared strings and the first sheet
// are read at all.
func readXLSX(data []byte, maxBytes int64) ([]rawRow, bool, error) {
	a, err := openArchive(data, unzipLimit(maxBytes))
	if err != nil {
		return nil, false, err
	}
	b, err := a.book()
	if err != nil {
		return nil, false, err
	}
	var t tally
	shared, err := a.sharedStrings(b.sharedStrings, &t)
	if err != nil {
		return nil, false, err
	}
	rows, err := a.sheetRows(b.sheet, shared, &t)
	return rows, b.date1904, err
}
