package indicators_test

import (
	"context"
	"slices"
	"testing"

	"baove"
	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
)

func TestCatalogue_IsSeededWithTheNationalTargets(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		cat, err := newStore(db).Catalogue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(cat) != 18 || cat[0].Code != indicators.CommuneWorker || !cat[0].Computed {
			t.Fatalf("catalogue has %d entries starting %+v; want 18 starting with the computed %s", len(cat), cat[0], indicators.CommuneWorker)
		}
		for _, ind := range cat {
			if ind.Code == "CP_CSS_RATE" {
				if ind.Direction != indicators.Lower || len(ind.Targets) != 3 || ind.Targets[1].Value.String() != "6.5" {
					t.Fatalf("CP_CSS_RATE = %+v; want lower-is-better with targets 5 (2020), 6.5 (2025), 6 (2030)", ind)
				}
			}
		}
	})
}

func TestAddIndicator_AppendsToTheCatalogueForAnAdministratorOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		n := indicators.NewIndicator{Code: "CP_SCHOOL_COUNSEL", NameVI: "Tỷ lệ trường học có điểm tham vấn", NameEN: "Schools with a counselling point",
			Unit: indicators.Percent, Direction: indicators.Higher,
			Targets: []indicators.NationalTarget{{Year: 2030, Comparator: ">=", Value: d("80"), Source: "baove (design)"}}}
		if _, err := s.AddIndicator(ctx, plannerOf("01"), n); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Fatalf("planner: %v, want EFORBIDDEN", err)
		}
		if _, err := s.AddIndicator(ctx, access.System("test"), n); err != nil {
			t.Fatal(err)
		}
		cat, _ := s.Catalogue(ctx)
		last := cat[len(cat)-1]
		if last.Code != n.Code || last.Computed || len(last.Targets) != 1 || !last.Targets[0].Value.Equal(d("80")) {
			t.Errorf("catalogue ends with %+v", last)
		}
		if _, err := s.AddIndicator(ctx, access.System("test"), n); baove.ErrorCode(err) != baove.ECONFLICT {
			t.Errorf("same code again: %v, want ECONFLICT", err)
		}
		if es := auditOf(t, db, "indicator"); len(es) != 1 || es[0].EntityID != "CP_SCHOOL_COUNSEL" {
			t.Errorf("trail %+v, want one indicator.create", es)
		}
		bad := indicators.NewIndicator{Code: "cp bad", Unit: "litre", Direction: "up",
			Targets: []indicators.NationalTarget{{Year: 1990, Comparator: "~", Value: d("-1")}}}
		_, err := s.AddIndicator(ctx, access.System("test"), bad)
		want := []string{"code", "name_vi", "name_en", "unit", "direction", "national_targets[0].year",
			"national_targets[0].comparator", "national_targets[0].value", "national_targets[0].source"}
		if got := fields(t, err); !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
	})
}
