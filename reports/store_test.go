package reports_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/audit"
	"baove/database"
	"baove/database/dbtest"
	"baove/reports"
	"baove/units"
)

var (
	admin    = access.Caller{Username: "admin", Role: access.Admin}
	reviewer = access.Caller{Username: "reviewer", Role: access.Reviewer}
	planner  = access.Caller{Username: "planner.dienbien", Role: access.Planner, Province: "11"}
	stranger = access.Caller{Username: "planner.hanoi", Role: access.Planner, Province: "01"}
	approver = access.Caller{Username: "approver.dienbien", Role: access.Approver, Province: "11"}
)

func newStore(t *testing.T, db *database.DB) *reports.Store {
	t.Helper()
	s, err := reports.NewStore(db, dbtest.Clock, units.NewStore(db, dbtest.Clock), "Bộ Y tế")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func code(err error) baove.Code {
	var e *baove.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// An administrator's settings replace the defaults, normalised (the dash
// and semicolon of a recipient are the report's), with who set them and
// when, in the audit trail with what they replaced; the province's
// readers read them, another province's planner may not, nor set them;
// the province's approver may, another province's may not.
func TestSetProvince_ReplacesTheDefaultsAndIsAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx, s := context.Background(), newStore(t, db)
		set, err := s.Province(ctx, planner, "11")
		if err != nil || set.SignerName != "" || !set.UpdatedAt.IsZero() {
			t.Fatalf("defaults %+v, %v", set, err)
		}
		set.SignerName, set.Recipients = "Lò Văn Mừng", []string{"- Bộ Y tế;", "Lưu: VT."}
		if _, err := s.SetProvince(ctx, planner, "11", set); code(err) != baove.EFORBIDDEN {
			t.Errorf("a planner sets the settings: %v", err)
		}
		if _, err := s.SetProvince(ctx, admin, "11", set); err != nil {
			t.Fatal(err)
		}
		got, err := s.Province(ctx, reviewer, "11")
		if err != nil || got.SignerName != "Lò Văn Mừng" || strings.Join(got.Recipients, "|") != "Bộ Y tế|Lưu: VT" ||
			got.UpdatedBy != "admin" || !got.UpdatedAt.Equal(dbtest.Clock.Now()) {
			t.Errorf("stored %+v, %v", got, err)
		}
		if _, err := s.Province(ctx, stranger, "11"); code(err) != baove.EFORBIDDEN {
			t.Errorf("another province's planner reads them: %v", err)
		}
		es, err := audit.NewStore(db).List(ctx, reviewer, audit.Filter{Entity: "report_settings", EntityID: "11"})
		if err != nil || len(es) != 1 || es[0].Action != "report_settings.update" ||
			!strings.Contains(string(es[0].After), "Lò Văn Mừng") || strings.Contains(string(es[0].Before), "Lò Văn Mừng") {
			t.Errorf("audit %+v, %v", es, err)
		}
		if _, err := s.SetProvince(ctx, approver, "11", set); err != nil {
			t.Errorf("the province's approver may not set them: %v", err)
		}
		if _, err := s.SetProvince(ctx, approver, "01", set); code(err) != baove.EFORBIDDEN {
			t.Errorf("Điện Biên's approver sets Hà Nội's: %v", err)
		}
		if _, err := s.SetProvince(ctx, admin, "99", set); code(err) != baove.ENOTFOUND {
			t.Errorf("an unknown province: %v", err)
		}
	})
}

// The national settings are set by the ministry's reviewer (or an
// administrator), read by everyone signed in; a wrong letter is refused.
func TestSetNational_ByTheReviewer(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx, s := context.Background(), newStore(t, db)
		set, err := s.National(ctx, planner)
		if err != nil || set.Ministry != "Bộ Y tế" {
			t.Fatalf("defaults %+v, %v", set, err)
		}
		set.Department, set.Letter.Number = "Cục Bà mẹ và Trẻ em", "1234/LĐTBXH-BVCSTE"
		if _, err := s.SetNational(ctx, planner, set); code(err) != baove.EFORBIDDEN {
			t.Errorf("a planner sets them: %v", err)
		}
		if _, err := s.SetNational(ctx, reviewer, set); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.National(ctx, planner); got.Department != "Cục Bà mẹ và Trẻ em" || got.Letter.Number != "1234/LĐTBXH-BVCSTE" {
			t.Errorf("stored %+v", got)
		}
		set.Letter.Year = 3000
		if _, err := s.SetNational(ctx, admin, set); code(err) != baove.EINVALID {
			t.Errorf("a letter of 3000: %v", err)
		}
	})
}

// The register recognises a file by either hash, in either case, the
// first registration when a file was served twice; an unknown hash is
// not an error, a malformed one is, and the register is append-only.
func TestRegister_VerifiesByEitherHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		ctx, s := context.Background(), newStore(t, db)
		g := reports.Generated{Kind: reports.ProvincePDF, Province: "11", Year: 2026, Lang: "vi", SHA256: strings.Repeat("ab", 32),
			ContentSHA256: strings.Repeat("cd", 32), Size: 1234, GeneratedAt: time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)}
		first, err := s.Register(ctx, planner, g)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(ctx, reviewer, g); err != nil {
			t.Fatal(err)
		}
		for _, sha := range []string{g.SHA256, strings.ToUpper(g.ContentSHA256)} {
			got, ok, err := s.Verify(ctx, stranger, sha)
			if err != nil || !ok || got.ID != first.ID || got.Actor != "planner.dienbien" || !got.GeneratedAt.Equal(g.GeneratedAt) ||
				got.Province != "11" || got.Kind != reports.ProvincePDF {
				t.Errorf("verify %s: %+v %v %v", sha, got, ok, err)
			}
		}
		if _, ok, err := s.Verify(ctx, stranger, strings.Repeat("ef", 32)); ok || err != nil {
			t.Errorf("an unknown hash: %v %v", ok, err)
		}
		if _, _, err := s.Verify(ctx, stranger, "xyz"); code(err) != baove.EINVALID {
			t.Errorf("a malformed hash: %v", err)
		}
		if _, _, err := s.Verify(ctx, access.Caller{}, g.SHA256); code(err) != baove.EFORBIDDEN {
			t.Errorf("nobody signed in: %v", err)
		}
		if _, err := db.NewDelete().Table("generated_reports").Where("id = ?", first.ID).Exec(ctx); err == nil {
			t.Error("a registered report was deleted")
		}
	})
}
