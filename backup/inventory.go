package backup

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/uptrace/bun"

	"baove/budget"
	"baove/database"
	"baove/database/catalog"
)

// Inventory is what a database holds at one moment, as a backup is checked
// against its source: the rows of every table its catalogue lists, and the
// ledger's sums per province and year.
type Inventory struct {
	Tables     []TableRows
	LedgerSums []budget.LedgerSum
}

// TableRows is a table's number of rows.
type TableRows struct {
	Name string
	Rows int64
}

// Take returns the inventory of the database db reaches (a snapshot, for
// an inventory of one moment). It fails when the database does.
func Take(ctx context.Context, db bun.IDB, engine database.Engine) (Inventory, error) {
	schema, err := catalog.Read(ctx, db, engine)
	if err != nil {
		return Inventory{}, err
	}
	var inv Inventory
	for _, t := range schema.Tables {
		n, err := catalog.Count(ctx, db, t.Name)
		if err != nil {
			return Inventory{}, err
		}
		inv.Tables = append(inv.Tables, TableRows{Name: t.Name, Rows: n})
	}
	inv.LedgerSums, err = budget.LedgerSums(ctx, db)
	return inv, err
}

// Rows returns the rows of every table together.
func (inv Inventory) Rows() int64 {
	var n int64
	for _, t := range inv.Tables {
		n += t.Rows
	}
	return n
}

// Compare returns nil when got holds what want does, else an error naming
// each difference.
func (want Inventory) Compare(got Inventory) error {
	var errs []error
	for _, w := range want.Tables {
		i := slices.IndexFunc(got.Tables, func(g TableRows) bool { return g.Name == w.Name })
		switch {
		case i < 0:
			errs = append(errs, fmt.Errorf("table %s is missing", w.Name))
		case got.Tables[i].Rows != w.Rows:
			errs = append(errs, fmt.Errorf("table %s has %d rows, not %d", w.Name, got.Tables[i].Rows, w.Rows))
		}
	}
	if len(got.Tables) != len(want.Tables) {
		errs = append(errs, fmt.Errorf("%d tables, not %d", len(got.Tables), len(want.Tables)))
	}
	if !slices.Equal(got.LedgerSums, want.LedgerSums) {
		errs = append(errs, errors.New("the ledger's sums per province and year differ"))
	}
	return errors.Join(errs...)
}
