package indicators_test

import (
	"context"
	"testing"

	"baove/database"
	"baove/database/dbtest"
	"baove/indicators"
)

func TestCatalogue_IsSeededWithTheNationalTargets(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		cat, err := indicators.NewStore(db).Catalogue(context.Background())
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
