package units_test

import (
	"context"
	"slices"
	"testing"

	"baove"
	"baove/database"
	"baove/database/dbtest"
	"baove/units"
)

func TestStore_LoadsTheOfficialList(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := units.NewStore(db, dbtest.Clock)
		provinces, err := s.Provinces(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(provinces) != 34 {
			t.Fatalf("provinces = %d, want 34", len(provinces))
		}
		total := 0
		byCode := map[units.ProvinceCode]int{}
		for _, p := range provinces {
			total += p.Communes
			byCode[p.Code] = p.Communes
		}
		if total != 3321 {
			t.Errorf("communes of all provinces = %d, want 3321", total)
		}
		for code, want := range map[units.ProvinceCode]int{"79": 168, "12": 38, "01": 126} {
			if byCode[code] != want {
				t.Errorf("province %s has %d communes, want %d", code, byCode[code], want)
			}
		}
		if provinces[0].Name != "An Giang" || provinces[1].Name != "Bắc Ninh" {
			t.Errorf("not in Vietnamese order: %s, %s, …", provinces[0].Name, provinces[1].Name)
		}
	})
}

func TestStore_ProvinceNamesAreTheProvincesInForceInTheirOrder(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := units.NewStore(db, dbtest.Clock)
		provinces, err := s.Provinces(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.ProvinceNames(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(provinces) {
			t.Fatalf("%d province names, want %d", len(got), len(provinces))
		}
		for i, p := range provinces {
			if want := (units.ProvinceName{Code: p.Code, Name: p.Name}); got[i] != want {
				t.Errorf("name %d = %+v, want %+v", i, got[i], want)
			}
		}
	})
}

func TestStore_CommunesMatchWithoutDiacritics(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := units.NewStore(db, dbtest.Clock)
		got, err := s.Communes(context.Background(), units.CommuneFilter{Province: "01", Query: "ba dinh"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Name != "Phường Ba Đình" || got[0].Kind != units.Phuong {
			t.Fatalf("ba dinh found %+v, want Phường Ba Đình alone", got)
		}
		none, err := s.Communes(context.Background(), units.CommuneFilter{Province: "01", Query: "100%_"})
		if err != nil || len(none) != 0 {
			t.Fatalf("LIKE wildcards in the query must match literally: %d results, %v", len(none), err)
		}
	})
}

func TestStore_CommuneResolvesAnOldCodeToItsSuccessor(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := units.NewStore(db, dbtest.Clock)
		got, err := s.Commune(context.Background(), "26881") // Phường 12, Quận Gò Vấp
		if err != nil {
			t.Fatal(err)
		}
		if got.Replaced == nil || got.Replaced.OldName != "Phường 12" || got.Commune.Code != "26882" {
			t.Fatalf("26881 → %+v (replaced %+v), want successor 26882", got.Commune, got.Replaced)
		}
		if !slices.ContainsFunc(got.Predecessors, func(p units.Succession) bool { return p.OldCode == "26881" }) {
			t.Errorf("successor's predecessors lack 26881: %+v", got.Predecessors)
		}
		if until := got.ReplacedUntil().String(); until != "2025-06-30" {
			t.Errorf("the old unit was in force until %s, want 2025-06-30, the day before its successor", until)
		}
		current, err := s.Commune(context.Background(), "26882")
		if err != nil || !current.ReplacedUntil().IsZero() {
			t.Errorf("a current code is replaced until %v (%v), want never", current.ReplacedUntil(), err)
		}
		_, err = s.Commune(context.Background(), "99999")
		if baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Fatalf("unknown code: err = %v, want ENOTFOUND", err)
		}
	})
}

func TestStore_ImportIsIdempotentAndClosesMissingUnits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := units.NewStore(db, dbtest.Clock)
		list, err := units.Embedded()
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Import(ctx, importer{Name: "test"}, list)
		if err != nil || res.Changed() {
			t.Fatalf("re-importing the loaded list changed %v (err %v)", res, err)
		}

		newer := list
		newer.ValidFrom = baove.NewDate(2026, 7, 1)
		removed := newer.Communes[0]
		newer.Communes = slices.Clone(newer.Communes[1:])
		newer.Successions = slices.DeleteFunc(slices.Clone(newer.Successions),
			func(s units.Succession) bool { return string(s.NewCode) == removed.Code })
		res, err = s.Import(ctx, importer{Name: "test"}, newer)
		if err != nil {
			t.Fatal(err)
		}
		if r := res.Result(); r.CommunesClosed != 1 || r.CommunesAdded != 0 || r.CommunesUpdated != 0 {
			t.Fatalf("import without %s: %v, want exactly one commune closed", removed.Code, res)
		}
		got, err := s.Commune(ctx, units.CommuneCode(removed.Code))
		if err != nil {
			t.Fatalf("closed commune must stay readable: %v", err)
		}
		if want := baove.NewDate(2026, 6, 30); got.Commune.ValidTo != want {
			t.Errorf("closed commune valid to %v, want %v", got.Commune.ValidTo, want)
		}
		if removed.ProvinceCode != "01" {
			t.Fatalf("test assumes the list starts with a commune of Hà Nội, got %s", removed.ProvinceCode)
		}
		if p, _ := s.Province(ctx, "01"); p.Communes != 125 {
			t.Errorf("Hà Nội counts %d communes in force, want 125", p.Communes)
		}

		res, err = s.Import(ctx, importer{Name: "test"}, list)
		if err != nil || res.Result().CommunesUpdated != 1 {
			t.Fatalf("importing the old list again: %v (err %v), want the commune reopened", res, err)
		}
	})
}

func TestReadList_ReportsEveryBadEntry(t *testing.T) {
	bad := `{"source":"x","valid_from":"2026-01-01",
	 "provinces":[{"code":"1","name":"A","kind":"tinh"}],
	 "communes":[{"code":"00001","province_code":"02","name":"Làng 1"}],
	 "successions":[]}`
	_, err := units.ReadList(stringsReader(bad))
	var e *baove.Error
	if !asError(err, &e) || len(e.Fields) != 3 {
		t.Fatalf("err = %v, want three field problems (code, province_code, kind)", err)
	}
}
