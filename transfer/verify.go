package transfer

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"baove/access"
	"baove/app"
	"baove/budget"
	"baove/database"
	"baove/database/catalog"
	"baove/exports"
)

// Check is one comparison Verify made.
type Check struct {
	Name   string
	Detail string // what was compared, e.g. "1,000,001 rows, digest 3f2a…"
	Err    error  // nil when both sides agree
}

// Verification is every comparison Verify made.
type Verification struct {
	Checks []Check
}

// Err returns the failed checks joined, or nil when every check passed.
func (v Verification) Err() error {
	var errs []error
	for _, c := range v.Checks {
		if c.Err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.Name, c.Err))
		}
	}
	return errors.Join(errs...)
}

func (v *Verification) add(name, detail string, err error) {
	v.Checks = append(v.Checks, Check{Name: name, Detail: detail, Err: err})
}

// Verify compares the target dst.DB with what Copy carried (rep): every
// table's rows and their digest, the ledger's sums per province and year,
// the sequences; then what the services answer on both sides: every
// province-year's budget summary and every year's national report, which
// holds only while the source has not changed since the copy (the service
// stopped, as a move wants it). It fails only when a side cannot be read;
// differences are failed checks (Verification.Err).
func Verify(ctx context.Context, rep Report, src, dst *app.Services) (Verification, error) {
	var v Verification
	if err := v.tables(ctx, rep, dst.DB); err != nil {
		return v, err
	}
	if err := v.ledger(ctx, rep, dst.DB); err != nil {
		return v, err
	}
	if err := v.sequences(ctx, rep, dst.DB); err != nil {
		return v, err
	}
	years, err := v.provinceYears(ctx, src.DB, dst.DB)
	if err != nil {
		return v, err
	}
	if err := v.summaries(ctx, years, src, dst); err != nil {
		return v, err
	}
	return v, v.reports(ctx, years, src, dst)
}

// tables compares every table's rows and digest with the source's.
func (v *Verification) tables(ctx context.Context, rep Report, db *database.DB) error {
	for i, t := range rep.schema.Tables {
		want := rep.Tables[i]
		n, sum, err := catalog.TableDigest(ctx, db, t)
		if err != nil {
			return err
		}
		var diff error
		if n != want.Rows || sum != want.Digest {
			diff = fmt.Errorf("the target has %d rows (digest %.12s), the source had %d (digest %.12s)",
				n, sum, want.Rows, want.Digest)
		}
		order := "every row"
		if t.IntegerKey() {
			order = "every row in " + t.Key[0] + " order"
		}
		v.add("table "+t.Name, fmt.Sprintf("%d rows; digest of %s %.12s", n, order, sum), diff)
	}
	return nil
}

// ledger compares the ledger's sums per province and year.
func (v *Verification) ledger(ctx context.Context, rep Report, db *database.DB) error {
	got, err := budget.LedgerSums(ctx, db)
	if err != nil {
		return err
	}
	var total budget.VND
	var entries int64
	for _, s := range got {
		total += s.Amount
		entries += s.Entries
	}
	var diff error
	if !slices.Equal(got, rep.LedgerSums) {
		diff = fmt.Errorf("the target's sums differ from the source's (%d province-years against %d)", len(got), len(rep.LedgerSums))
	}
	v.add("ledger sums per province and year", fmt.Sprintf("%d province-years, %d entries, %d đồng in all",
		len(got), entries, total), diff)
	return nil
}

// sequences checks every sequence of the target is past its keys and at
// least where the source's was.
func (v *Verification) sequences(ctx context.Context, rep Report, db *database.DB) error {
	var errs []error
	n := 0
	for i, t := range rep.schema.Tables {
		if t.Serial == "" {
			continue
		}
		n++
		seq, err := catalog.Sequence(ctx, db, db.Engine, t)
		if err != nil {
			return err
		}
		var top int64
		if err := db.NewRaw(fmt.Sprintf("SELECT coalesce(max(%s), 0) FROM %s", catalog.Quote(t.Serial),
			catalog.Quote(t.Name))).Scan(ctx, &top); err != nil {
			return err
		}
		if seq < top || seq < rep.Tables[i].Sequence {
			errs = append(errs, fmt.Errorf("%s's sequence is at %d, its largest key %d, the source's sequence %d",
				t.Name, seq, top, rep.Tables[i].Sequence))
		}
	}
	v.add("sequences", fmt.Sprintf("%d, each past its largest key and where the source's was", n), errors.Join(errs...))
	return nil
}

// provinceYears returns the province-years with money on either side.
func (v *Verification) provinceYears(ctx context.Context, src, dst *database.DB) ([]budget.ProvinceYear, error) {
	a, err := budget.ProvinceYears(ctx, src)
	if err != nil {
		return nil, err
	}
	b, err := budget.ProvinceYears(ctx, dst)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(a, b) {
		v.add("province-years with money", "", fmt.Errorf("%d in the source, %d in the target", len(a), len(b)))
	}
	return slices.Compact(slices.SortedFunc(slices.Values(append(a, b...)), compareYears)), nil
}

func compareYears(a, b budget.ProvinceYear) int {
	return cmp.Or(strings.Compare(string(a.Province), string(b.Province)), cmp.Compare(a.Year, b.Year))
}

// reader reads every province as the ministry does.
var reader = access.SystemAs("copy", access.Reviewer)

// summaries compares every province-year's budget summary, as the budget
// service computes it on each side.
func (v *Verification) summaries(ctx context.Context, years []budget.ProvinceYear, src, dst *app.Services) error {
	var errs []error
	for _, py := range years {
		a, err := src.Budget.Summary(ctx, reader, py.Province, py.Year)
		if err != nil {
			return err
		}
		b, err := dst.Budget.Summary(ctx, reader, py.Province, py.Year)
		if err != nil {
			return err
		}
		if summaryText(a) != summaryText(b) {
			errs = append(errs, fmt.Errorf("%s/%d differs", py.Province, py.Year))
		}
	}
	v.add("budget summaries", fmt.Sprintf("%d province-years, by the budget service on each side", len(years)),
		errors.Join(errs...))
	return nil
}

// summaryText is a summary as a reader sees it: its plan by id, version,
// status and revision (not by the instants each engine returns in its own
// zone), and every figure.
func summaryText(s budget.Summary) string {
	plan := "no plan"
	if p := s.Plan; p != nil {
		plan = fmt.Sprintf("plan %d v%d %s r%d", p.ID, p.Version, p.Status, p.Revision)
	}
	s.Plan = nil
	return fmt.Sprintf("%s %+v", plan, s)
}

// reports compares every year's national report, as the reports build it
// on each side.
func (v *Verification) reports(ctx context.Context, years []budget.ProvinceYear, src, dst *app.Services) error {
	var list []int
	for _, py := range years {
		list = append(list, py.Year)
	}
	slices.Sort(list)
	list = slices.Compact(list)
	var errs []error
	for _, year := range list {
		req := exports.Request{Caller: reader, Year: year, Lang: exports.Lang("vi")}
		a, err := exports.BuildNationalReport(ctx, src.Reports, req)
		if err != nil {
			return err
		}
		b, err := exports.BuildNationalReport(ctx, dst.Reports, req)
		if err != nil {
			return err
		}
		if fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
			errs = append(errs, fmt.Errorf("%d differs", year))
		}
	}
	v.add("national reports", fmt.Sprintf("%d years, built on each side", len(list)), errors.Join(errs...))
	return nil
}
