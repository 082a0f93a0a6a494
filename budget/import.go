package budget

import (
	"context"
	"errors"

	"github.com/uptrace/bun"

	"baove/access"
	"baove/audit"
	"baove/i18n"
	"baove/notify"
	"baove/units"
)

// ImportRow is one payment of an uploaded file.
type ImportRow struct {
	Row int // the row's number in the file, for error messages
	NewDisbursement
}

// Import is a file of payments for a province: its rows and the key that
// identifies it (a hash of its bytes).
type Import struct {
	Province units.ProvinceCode
	Rows     []ImportRow
	Key      string
	// Skipped counts the file's rows that hold no payment (a line of the
	// prefilled template left unpaid); they are not in Rows.
	Skipped int
	// DryRun checks the file as the import would and records nothing.
	DryRun bool
}

// ImportResult says what an import recorded or, in a dry run, would record.
type ImportResult struct {
	Recorded int         `json:"recorded"`
	Total    VND         `json:"total"`
	ByLine   []LineTotal `json:"by_line,omitempty"`
	Skipped  int         `json:"skipped,omitempty"`
}

// errDryRun ends a dry run's transaction, so that nothing it did is kept.
var errDryRun = errors.New("budget: dry run")

// ImportDisbursements records the payments of an uploaded file against the
// lines of province p, all or nothing, with the controls, audit entries and
// idempotency of Disburse: each row is checked as a single payment would be
// (Books.Pay), seeing the rows before it, and any bad row — malformed, of
// another province, on a line not in force, over a limit, a voucher used
// before or twice — refuses the whole file, naming every bad row
// ("rows[12].amount") with the message a single payment would get, and
// nothing is recorded. The file's code is EINVALID when any row is
// malformed, else ECONFLICT. The file's key identifies it: uploading the
// same file again records nothing and returns the first result with
// replayed set.
//
// A dry run (f.DryRun) does all of it, under the same lock, and answers
// the same, but writes nothing: not the entries, not the audit, not the
// key. Its result is what the import would record now.
func (s *Store) ImportDisbursements(ctx context.Context, c access.Caller, f Import) (res ImportResult, replayed bool, err error) {
	if err := c.CanAct(f.Province, access.Finance); err != nil {
		return res, false, err
	}
	for i := range f.Rows {
		f.Rows[i].normalize()
	}
	err = s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		res, replayed, err = s.importIn(ctx, tx, c, f)
		if err == nil && f.DryRun {
			return errDryRun // even a replay: the lock's upsert of the year is undone
		}
		return err
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, replayed, translate(err, "import disbursements")
}

// importIn runs the import of f in tx, writing only when f is not a dry
// run.
func (s *Store) importIn(ctx context.Context, tx bun.Tx, c access.Caller, f Import) (ImportResult, bool, error) {
	var res ImportResult
	k := idempotency{user: c.UserID, key: f.Key, hash: "import:" + f.Key}
	books, err := loadBooks(ctx, tx, f.Province, s.clock.Today(), f.Rows)
	if err != nil {
		return res, false, err
	}
	first, err := k.read(ctx, tx)
	if err != nil {
		return res, false, err
	}
	if replayed, err := k.replay(first, &res); replayed || err != nil {
		return res, replayed, err
	}
	entries, err := books.payAll(f.Rows)
	if err != nil {
		return res, false, err
	}
	res = books.result(entries)
	res.Skipped = f.Skipped
	if f.DryRun {
		return res, false, nil
	}
	if entries, err = s.write(ctx, tx, c, entries); err != nil {
		return res, false, err
	}
	if err := audit.Record(ctx, tx, s.importChange(c, f, res, entries)); err != nil {
		return res, false, err
	}
	if err := notify.Record(ctx, tx, notify.Event{Kind: notify.DisbursementsIn, Province: f.Province, User: c.UserID,
		Actor: c.UserID, Args: i18n.Args{"n": int64(res.Recorded), "amount": res.Total}, At: s.clock.Now()}); err != nil {
		return res, false, err
	}
	return res, false, k.store(ctx, tx, s.clock.Now(), res)
}

// payAll checks every row in order and returns the entries to record, or
// the file's error naming every bad row.
func (b *Books) payAll(rows []ImportRow) ([]Disbursement, error) {
	var bad fileProblems
	entries := make([]Disbursement, 0, len(rows))
	for _, r := range rows {
		e, problems := b.Pay(r.NewDisbursement)
		bad.add(r.Row, problems)
		if len(problems) == 0 {
			entries = append(entries, e)
		}
	}
	return entries, bad.err()
}

// importRecord is what the audit trail keeps of an import: the file, what
// it recorded and the ledger entries it made (each keeps its actor and
// time in the ledger, which is append-only).
type importRecord struct {
	File     string  `json:"file_sha256"`
	Recorded int     `json:"recorded"`
	Total    VND     `json:"total"`
	Entries  []int64 `json:"entry_ids"`
}

// importChange is the audit entry of the import of file f: one entry for
// the file rather than one per row, so that an import of 10,000 payments
// writes its ledger, not a second ledger.
func (s *Store) importChange(c access.Caller, f Import, res ImportResult, entries []Disbursement) audit.Change {
	r := importRecord{File: f.Key, Recorded: res.Recorded, Total: res.Total, Entries: make([]int64, len(entries))}
	for i, e := range entries {
		r.Entries[i] = e.ID
	}
	return audit.Change{At: s.clock.Now(), Actor: c.Actor(), Action: "disbursement.import", Entity: "import", EntityID: f.Key,
		ProvinceCode: string(f.Province), AfterState: r}
}
