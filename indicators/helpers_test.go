package indicators_test

import (
	"context"
	"testing"

	"github.com/shopspring/decimal"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
	"baove/units"
)

var ctx = context.Background()

func newStore(db *database.DB) *indicators.Store {
	s, err := indicators.NewStore(db, dbtest.Clock, units.NewStore(db, dbtest.Clock), budget.ClosedYears{})
	if err != nil {
		panic(err)
	}
	return s
}

func plannerOf(p units.ProvinceCode) access.Caller {
	return access.Caller{Username: "planner." + string(p), Role: access.Planner, Province: p}
}

var reviewer = access.Caller{Username: "reviewer", Role: access.Reviewer}

func ptr(n int64) *int64 { return &n }

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// auditOf returns the trail of entity, newest first.
func auditOf(t *testing.T, db *database.DB, entity string) []audit.Entry {
	t.Helper()
	es, err := audit.NewStore(db).List(ctx, reviewer, audit.Filter{Entity: entity})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// fields returns the fields an EINVALID error names, failing otherwise.
func fields(t *testing.T, err error) []string {
	t.Helper()
	e, ok := err.(*baove.Error)
	if !ok || e.Code != baove.EINVALID {
		t.Fatalf("%v, want EINVALID", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

// communes returns the codes of province's communes in force in year.
func communes(t *testing.T, db *database.DB, p units.ProvinceCode, year int) []units.Commune {
	t.Helper()
	cs, err := units.NewStore(db, dbtest.Clock).CommunesValidIn(ctx, p, year)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// staff records staffing for every commune of p in year: covered unless its
// index is in vacant.
func staff(t *testing.T, s *indicators.Store, db *database.DB, p units.ProvinceCode, year int, vacant ...int) []units.Commune {
	t.Helper()
	cs := communes(t, db, p, year)
	items := make([]indicators.Staffing, len(cs))
	for i, c := range cs {
		items[i] = indicators.Staffing{Commune: c.Code, FullTime: 1, Collaborators: 4, Villages: 10, VillagesWithCollaborator: 4}
		for _, v := range vacant {
			if v == i {
				items[i].FullTime = 0
			}
		}
	}
	if _, err := s.PutProvinceStaffing(ctx, plannerOf(p), indicators.ProvinceStaffing{Province: p, Year: year, Items: items}); err != nil {
		t.Fatal(err)
	}
	return cs
}

// report records a value, failing the test on error.
func report(t *testing.T, s *indicators.Store, p units.ProvinceCode, code indicators.Code, period string, e indicators.Entry) indicators.Value {
	t.Helper()
	per, err := indicators.ParsePeriod("period", period)
	if err != nil {
		t.Fatal(err)
	}
	v, err := s.PutValue(ctx, plannerOf(p), indicators.ValueKey{Province: p, Indicator: code, Period: per}, e)
	if err != nil {
		t.Fatalf("report %s %s: %v", code, period, err)
	}
	return v
}

func ratio(num, den int64) indicators.Entry {
	return indicators.Entry{Numerator: &num, Denominator: &den}
}

func count(n int64) indicators.Entry { return indicators.Entry{Count: &n} }

// withPlace returns st as the staffing of commune in year.
func withPlace(st indicators.Staffing, commune units.CommuneCode, year int) indicators.Staffing {
	st.Commune, st.Year = commune, year
	return st
}
