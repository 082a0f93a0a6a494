package units_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"
	"time"

	"baove"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
	"baove/units"
)

// modified returns the shipped list with one commune renamed, one gone
// (with its successions) and one new, coming into force on 2026-07-01,
// as a file; and the three communes.
func modified(t *testing.T) (file []byte, renamed, gone, added units.ListEntry) {
	t.Helper()
	l, err := units.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	l.ValidFrom = baove.NewDate(2026, 7, 1)
	l.Communes = slices.Clone(l.Communes)
	l.Communes[1].Name = "Phường Đổi Tên"
	renamed, gone = l.Communes[1], l.Communes[2]
	l.Communes = slices.Delete(l.Communes, 2, 3)
	added = units.ListEntry{Code: "99999", ProvinceCode: "01", Name: "Xã Thử Nghiệm", Kind: units.Xa}
	l.Communes = append(l.Communes, added)
	l.Successions = slices.DeleteFunc(slices.Clone(l.Successions),
		func(s units.Succession) bool { return string(s.NewCode) == gone.Code })
	if file, err = json.Marshal(l); err != nil {
		t.Fatal(err)
	}
	return file, renamed, gone, added
}

var admin = importer{Name: "admin"}

func TestHold_PreviewsExactlyWhatChangesAndRecordsNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := units.NewStore(db, dbtest.Clock)
		file, renamed, gone, added := modified(t)
		h, err := s.Hold(ctx, admin, file)
		if err != nil {
			t.Fatal(err)
		}
		c := h.Diff.Communes
		if len(c.Added) != 1 || c.Added[0] != added || len(c.Closed) != 1 || c.Closed[0].Code != gone.Code ||
			len(c.Changed) != 1 || c.Changed[0].Now != renamed || !c.Changed[0].Renamed() {
			t.Fatalf("the preview of communes: %+v", c)
		}
		p := h.Diff.Provinces
		if len(p.Added)+len(p.Changed)+len(p.Closed) != 0 || len(h.Diff.SuccessionsAdded) != 0 || len(h.Diff.SuccessionsRemoved) == 0 {
			t.Errorf("the preview changes provinces %+v or successions +%d -%d, want only the gone commune's successions removed",
				p, len(h.Diff.SuccessionsAdded), len(h.Diff.SuccessionsRemoved))
		}
		if _, err := s.Commune(ctx, "99999"); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("the new commune exists after the preview: %v", err)
		}
		again, err := s.Preview(ctx, admin, h.List)
		if err != nil || again.Result() != h.Diff.Result() {
			t.Errorf("a second preview: %v (%v), want %v: the first recorded something", again.Result(), err, h.Diff.Result())
		}
	})
}

func TestImportHeld_RecordsThePreviewOnceAndAuditsIt(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		s := units.NewStore(db, dbtest.Clock)
		file, renamed, gone, _ := modified(t)
		h, err := s.Hold(ctx, admin, file)
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.ImportHeld(ctx, admin, h.SHA256)
		if err != nil || res.Result() != h.Diff.Result() {
			t.Fatalf("import: %v (%v), want what the preview said: %v", res, err, h.Diff.Result())
		}
		if got, _ := s.Commune(ctx, units.CommuneCode(renamed.Code)); got.Commune.Name != renamed.Name {
			t.Errorf("renamed commune is %q, want %q", got.Commune.Name, renamed.Name)
		}
		if got, _ := s.Commune(ctx, units.CommuneCode(gone.Code)); got.Commune.ValidTo != baove.NewDate(2026, 6, 30) {
			t.Errorf("the gone commune ends %v, want 2026-06-30", got.Commune.ValidTo)
		}
		res, err = s.ImportHeld(ctx, admin, h.SHA256)
		if err != nil || res.Changed() {
			t.Errorf("the same file again: %v (%v), want nothing changed", res, err)
		}
		trail, err := audit.NewStore(db).List(ctx, everything{}, audit.Filter{Entity: "unit_list", Actor: "admin"})
		if err != nil || len(trail) != 1 || trail[0].Action != "units.import" {
			t.Fatalf("the trail of the admin's imports: %+v (%v), want one entry", trail, err)
		}
	})
}

func TestImportHeld_RefusesAFileNotHeldOrHeldOverADay(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx := context.Background()
		now := dbtest.Clock.Now()
		s := units.NewStore(db, baove.NewClock(func() time.Time { return now }, nil))
		file, _, _, _ := modified(t)
		h, err := s.Hold(ctx, admin, file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportHeld(ctx, admin, "00"+h.SHA256[2:]); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("another hash: %v, want ENOTFOUND", err)
		}
		now = now.Add(25 * time.Hour)
		if _, err := s.ImportHeld(ctx, admin, h.SHA256); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("a day later: %v, want ENOTFOUND", err)
		}
	})
}

func TestHold_RefusesABadFileNamingEachProblem(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s := units.NewStore(db, dbtest.Clock)
		for name, c := range map[string]struct {
			file string
			keys []string
		}{
			"not JSON":      {`{"source": x}`, []string{"units.list.not_json"}},
			"cut short":     {`{"source": `, []string{"units.list.cut_short"}},
			"empty":         {``, []string{"units.list.empty"}},
			"unknown field": {`{"source":"x","colour":1}`, []string{"units.list.unknown_field"}},
			"bad entries": {`{"source":"x","provinces":[{"code":"1","name":"A","kind":"huyen"}]}`,
				[]string{"units.list.valid_from_required", "units.list.malformed_code", "units.list.province_kind"}},
		} {
			_, err := s.Hold(context.Background(), admin, []byte(c.file))
			var e *baove.Error
			if !asError(err, &e) || e.Code != baove.EINVALID {
				t.Errorf("%s: %v, want EINVALID", name, err)
				continue
			}
			var keys []string
			for _, f := range e.Fields {
				keys = append(keys, f.Key)
			}
			if !slices.Equal(keys, c.keys) {
				t.Errorf("%s: problems %v, want %v", name, keys, c.keys)
			}
		}
	})
}

// everything reads the whole trail.
type everything struct{}

func (everything) AuditScope() (audit.Scope, error) { return audit.Scope{}, nil }
