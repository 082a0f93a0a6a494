package indicators_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/indicators"
	"baove/units"
	"baove/vn"
)

func TestPutProvinceStaffing_IsAllOrNothingAndNamesEachBadItem(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		cs := communes(t, db, "11", 2026)
		ok := indicators.Staffing{FullTime: 1, Villages: 10, Collaborators: 5, VillagesWithCollaborator: 5}
		items := []indicators.Staffing{ok, ok, ok, ok, ok}
		items[0].Commune, items[1].Commune, items[2].Commune = cs[0].Code, cs[1].Code, "00004" // 00004 is Hà Nội's
		items[3].Commune, items[3].VillagesWithCollaborator = cs[2].Code, 11
		items[4].Commune, items[4].PartTime = cs[0].Code, -1
		_, err := s.PutProvinceStaffing(ctx, plannerOf("11"), indicators.ProvinceStaffing{Province: "11", Year: 2026, Items: items})
		want := []string{"items[2].commune_code", "items[3].villages_with_collaborator", "items[4].commune_code", "items[4].part_time"}
		if got := fields(t, err); !slices.Equal(got, want) {
			t.Errorf("fields %v, want %v", got, want)
		}
		if cov, _ := s.Coverage(ctx, reviewer, "11", 2026); cov.Recorded != 0 {
			t.Errorf("%d communes recorded although the request was refused", cov.Recorded)
		}
	})
}

func TestCoverage_CountsCommunesWithoutARecordAsUncovered(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		cs := communes(t, db, "11", 2026)
		items := []indicators.Staffing{
			{Commune: cs[0].Code, FullTime: 1, Villages: 10, Collaborators: 4, VillagesWithCollaborator: 4},
			{Commune: cs[1].Code, PartTime: 1, Villages: 10, Collaborators: 9, VillagesWithCollaborator: 9},
			{Commune: cs[2].Code, Villages: 5},
		}
		if n, err := s.PutProvinceStaffing(ctx, plannerOf("11"), indicators.ProvinceStaffing{Province: "11", Year: 2026, Items: items}); err != nil || n != 3 {
			t.Fatalf("put: %d, %v", n, err)
		}
		cov, err := s.Coverage(ctx, plannerOf("11"), "11", 2026)
		if err != nil {
			t.Fatal(err)
		}
		if cov.Total != len(cs) || cov.Recorded != 3 || cov.Covered != 2 {
			t.Fatalf("total %d recorded %d covered %d, want %d, 3, 2", cov.Total, cov.Recorded, cov.Covered, len(cs))
		}
		uncovered := cov.Uncovered()
		if len(uncovered) != len(cs)-2 || slices.ContainsFunc(uncovered, func(c units.Commune) bool { return c.Code == cs[1].Code }) ||
			!slices.ContainsFunc(uncovered, func(c units.Commune) bool { return c.Code == cs[2].Code }) {
			t.Errorf("uncovered %d communes; want all but the full-time and the part-time one", len(uncovered))
		}
		if !slices.IsSortedFunc(uncovered, func(a, b units.Commune) int { return vn.Compare(a.Name, b.Name) }) {
			t.Error("uncovered communes are not in Vietnamese order")
		}
		if share, _ := cov.Collaborators().Rounded(2); share.StringFixed(2) != "52.00" {
			t.Errorf("collaborator share %s, want 13 of 25 villages = 52.00", share.StringFixed(2))
		}
		// What compliance reads in one statement says the same.
		quick, err := s.Uncovered(ctx, "11", 2026)
		names := func(cs []indicators.CommuneStaffing) (out []units.CommuneCode) {
			for _, c := range cs {
				out = append(out, c.Commune.Code)
			}
			return out
		}
		var want []units.CommuneCode
		for _, c := range uncovered {
			want = append(want, c.Code)
		}
		if err != nil || quick.Total != cov.Total || quick.Recorded != 3 || quick.Covered != 2 || quick.Villages != 25 ||
			quick.VillagesWithCollaborator != 13 || !slices.Equal(names(quick.Communes), want) {
			t.Errorf("uncovered read %+v (%v), want the counts of Coverage and its uncovered communes in its order", quick, err)
		}
	})
}

func TestPutStaffing_RecordsOneCommuneOnceAndOnlyInAYearItWasInForce(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		st := indicators.Staffing{PartTime: 1, Villages: 7, Collaborators: 3, VillagesWithCollaborator: 3, Note: " Kiêm nhiệm "}
		got, err := s.PutStaffing(ctx, plannerOf("01"), withPlace(st, "00004", 2026))
		if err != nil || got.Commune != "00004" || got.Year != 2026 || got.Note != "Kiêm nhiệm" || got.UpdatedBy != "planner.01" {
			t.Fatalf("put: %+v, %v", got, err)
		}
		s.PutStaffing(ctx, plannerOf("01"), withPlace(st, "00004", 2026))
		if es := auditOf(t, db, "staffing"); len(es) != 1 || es[0].EntityID != "00004/2026" || es[0].ProvinceCode != "01" {
			t.Errorf("trail %+v, want one entry for 00004/2026 (the repeat changes nothing)", es)
		}
		_, err = s.PutStaffing(ctx, plannerOf("01"), withPlace(st, "00004", 2024))
		if got := fields(t, err); !slices.Equal(got, []string{"year"}) {
			t.Errorf("2024, before the commune existed: %v", got)
		}
		_, err = s.PutStaffing(ctx, plannerOf("01"), withPlace(st, "00004", baove.FirstYear-1))
		if got := fields(t, err); !slices.Equal(got, []string{"year"}) {
			t.Errorf("%d, before the directive: %v", baove.FirstYear-1, got)
		}
		if cov, _ := s.Coverage(ctx, reviewer, "01", 2024); cov.Total != 0 {
			t.Errorf("2024 counts %d communes; the current ones came into force in July 2025", cov.Total)
		}
	})
}

func TestPutStaffing_RefusesOtherProvincesAndOldCodes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		bad := indicators.Staffing{FullTime: -5}
		if _, err := s.PutStaffing(ctx, plannerOf("11"), withPlace(bad, "00004", 2026)); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("planner of 11 on a commune of 01: %v, want EFORBIDDEN", err)
		}
		if _, err := s.PutStaffing(ctx, reviewer, withPlace(bad, "00004", 2026)); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("reviewer: %v, want EFORBIDDEN", err)
		}
		if _, err := s.PutStaffing(ctx, plannerOf("79"), indicators.Staffing{Commune: "26881", Year: 2026, FullTime: 1}); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("pre-2025 code: %v, want ENOTFOUND", err)
		}
		if _, err := s.PutProvinceStaffing(ctx, plannerOf("11"), indicators.ProvinceStaffing{Province: "01", Year: 2026, Items: nil}); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("bulk on another province: %v, want EFORBIDDEN", err)
		}
	})
}

// TestImportStaffing_RefusesARowWhoseNameIsNotTheCodesCommune is issue 13's
// tenth case: the template's example row (03151, "Xã Mường Phăng")
// uploaded unchanged overwrote Phường Mường Lay, which is 03151.
func TestImportStaffing_RefusesARowWhoseNameIsNotTheCodesCommune(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := newStore(db)
		header := "commune_code,commune_name,full_time,part_time,collaborators,villages,villages_with_collaborator,note\n"
		file := header + "03151,Xã Mường Phăng,1,0,12,15,12,\n"
		_, err := s.ImportStaffing(ctx, plannerOf("11"), indicators.StaffingFile{Province: "11", Year: 2026, File: []byte(file)})
		var e *baove.Error
		if !errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != "rows[2].commune_name" {
			t.Fatalf("the example row: %v, want 422 naming rows[2].commune_name", err)
		}
		if msg := e.Fields[0].Text(i18n.VI); !strings.Contains(msg, "Xã Mường Phăng") || !strings.Contains(msg, "Phường Mường Lay") {
			t.Errorf("message %q names not both communes", msg)
		}
		if cov, _ := s.Coverage(ctx, reviewer, "11", 2026); cov.Recorded != 0 {
			t.Errorf("%d communes recorded from a refused file", cov.Recorded)
		}
		for _, name := range []string{"", "phuong muong lay", "Mường Lay", "PHƯỜNG MƯỜNG LAY", "Phường Mươ\u0300ng Lay"} {
			file := header + "03151," + name + ",1,0,12,15,12,\n"
			if _, err := s.ImportStaffing(ctx, plannerOf("11"), indicators.StaffingFile{Province: "11", Year: 2026, File: []byte(file)}); err != nil {
				t.Errorf("name %q: %v, want it taken as 03151's", name, err)
			}
		}
	})
}
