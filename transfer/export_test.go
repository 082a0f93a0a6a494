package transfer

// SetBulkRows makes tables of n rows or more load as big ones do (without
// their plain indexes, built again after), until the returned func runs.
func SetBulkRows(n int64) func() {
	old := bulkRows
	bulkRows = n
	return func() { bulkRows = old }
}
