package attachments_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"baove"
	"baove/access"
	"baove/app"
	"baove/attachments"
	"baove/audit"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/i18n"
	"baove/plans"
	"baove/units"
)

var ctx = context.Background()

func caller(role access.Role, p units.ProvinceCode) access.Caller {
	return access.Caller{Username: string(role) + "." + string(p), Role: role, Province: p}
}

var (
	plannerHN  = caller(access.Planner, "01")
	financeHN  = caller(access.Finance, "01")
	plannerDB  = caller(access.Planner, "11")
	approverHN = caller(access.Approver, "01")
	approverDB = caller(access.Approver, "11")
	reviewer   = access.Caller{Username: "reviewer", Role: access.Reviewer}
	admin      = access.Caller{Username: "admin", Role: access.Admin}
	hanoiCheck = attachments.CheckOwner(attachments.CheckRef{Province: "01", Year: 2026, Code: "ABUSE_DATA"})
)

// scan returns a PDF-looking file of n bytes whose every byte depends on
// its place, so that a chunk out of order shows.
func scan(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + i/251)
	}
	copy(b, "%PDF-1.7\n")
	return b
}

// draft returns the services over db and Hà Nội's draft plan of 2026.
func draft(t *testing.T, db *database.DB) (*app.Services, plans.Plan) {
	t.Helper()
	s := app.MustNew(db, app.Config{Clock: dbtest.Clock})
	p, err := s.Plans.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2026, Title: "Kế hoạch 2026"})
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

// download returns the bytes of attachment id as c reads them.
func download(t *testing.T, s *app.Services, c access.Caller, id int64) []byte {
	t.Helper()
	f, err := s.Attachments.Open(ctx, c, id)
	if err != nil {
		t.Fatalf("open %d as %s: %v", id, c.Username, err)
	}
	var buf bytes.Buffer
	if n, err := f.Copy(ctx, &buf); err != nil || n != f.Size {
		t.Fatalf("copy %d: %d of %d bytes (%v)", id, n, f.Size, err)
	}
	return buf.Bytes()
}

func TestAttachment_IsReadBackByteIdenticalWithItsHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		for _, n := range []int{9, 1 << 20, 3<<20 + 12345, attachments.MaxSize} { // one chunk, exactly one, several, the cap
			file := scan(n)
			a, err := s.Attachments.Add(ctx, plannerHN, attachments.Upload{Owner: attachments.PlanOwner(plan.ID),
				FileName: "KH-99.pdf", Content: file})
			if err != nil {
				t.Fatalf("%d bytes: %v", n, err)
			}
			sum := sha256.Sum256(file)
			if a.SHA256 != hex.EncodeToString(sum[:]) || a.Size != int64(n) || a.ContentType != attachments.PDF ||
				a.Province != "01" || a.UploadedBy != plannerHN.Username || !a.UploadedAt.Equal(dbtest.Now()) {
				t.Errorf("%d bytes stored as %+v", n, a)
			}
			for _, c := range []access.Caller{reviewer, financeHN} {
				if got := download(t, s, c, a.ID); !bytes.Equal(got, file) {
					t.Errorf("%d bytes read back by %s: %d bytes, not the same", n, c.Username, len(got))
				}
			}
		}
	})
}

func TestAttachment_DownloadFailsWhenTheBytesDoNotMatchTheirHash(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		a, err := s.Attachments.Add(ctx, plannerHN, attachments.Upload{Owner: attachments.PlanOwner(plan.ID), Content: scan(100)})
		if err != nil {
			t.Fatal(err)
		}
		f, err := s.Attachments.Open(ctx, reviewer, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		f.SHA256 = strings.Repeat("0", 64) // as if the stored bytes had changed since
		if _, err := f.Copy(ctx, &bytes.Buffer{}); err == nil {
			t.Error("bytes that do not match their hash were copied without an error")
		}
	})
}

func TestAttachment_IsHiddenFromAnotherProvinceAndRefusedToWhoCannotChangeItsOwner(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		owner := attachments.PlanOwner(plan.ID)
		a, err := s.Attachments.Add(ctx, plannerHN, attachments.Upload{Owner: owner, Content: scan(100)})
		if err != nil {
			t.Fatal(err)
		}
		before := dbtest.Snapshot(t, db)
		for _, c := range []struct {
			who  access.Caller
			code baove.Code
		}{{plannerDB, baove.ENOTFOUND}, {admin, baove.EFORBIDDEN}} {
			_, err := s.Attachments.Open(ctx, c.who, a.ID)
			if baove.ErrorCode(err) != c.code || strings.Contains(err.Error(), "plan") {
				t.Errorf("open as %s: %v, want %s naming the attachment only", c.who.Username, err, c.code)
			}
			if _, err := s.Attachments.List(ctx, c.who, owner); baove.ErrorCode(err) != c.code {
				t.Errorf("list as %s: %v, want %s", c.who.Username, err, c.code)
			}
		}
		for _, c := range []struct {
			who  access.Caller
			code baove.Code
		}{{plannerDB, baove.ENOTFOUND}, {approverDB, baove.ENOTFOUND}, {financeHN, baove.EFORBIDDEN},
			{reviewer, baove.EFORBIDDEN}, {admin, baove.EFORBIDDEN}} {
			_, err := s.Attachments.Add(ctx, c.who, attachments.Upload{Owner: owner, Content: scan(100)})
			if baove.ErrorCode(err) != c.code {
				t.Errorf("add as %s: %v, want %s", c.who.Username, err, c.code)
			}
		}
		if _, err := s.Attachments.Open(ctx, reviewer, a.ID+1000); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("no such attachment: %v, want ENOTFOUND", err)
		}
		if dbtest.Snapshot(t, db) != before {
			t.Error("a refused caller changed the database")
		}
	})
}

func TestAttachment_OverTheCapOrNotAScanIsRefusedAndNothingIsStored(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		owner := attachments.PlanOwner(plan.ID)
		before := dbtest.Snapshot(t, db)
		exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), bytes.Repeat([]byte{0}, 500)...)
		for _, c := range []struct {
			name    string
			content []byte
			code    baove.Code
		}{{"21 MiB", scan(21 << 20), baove.ETOOLARGE}, {"20 MiB and a byte", scan(attachments.MaxSize + 1), baove.ETOOLARGE},
			{"an executable named .pdf", exe, baove.EUNSUPPORTED}} {
			u := attachments.Upload{Owner: owner, FileName: "ke-hoach.pdf", Content: c.content}
			_, err := s.Attachments.Add(ctx, plannerHN, u)
			if baove.ErrorCode(err) != c.code {
				t.Errorf("%s: %v, want %s", c.name, err, c.code)
			}
		}
		if dbtest.Snapshot(t, db) != before {
			t.Error("a refused file changed the database")
		}
	})
}

func TestAttachment_SupersedingKeepsBothAndIsAudited(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		owner := attachments.PlanOwner(plan.ID)
		old, err := s.Attachments.Add(ctx, plannerHN, attachments.Upload{Owner: owner, Content: scan(900)})
		if err != nil {
			t.Fatal(err)
		}
		u := attachments.Upload{Owner: owner, Supersedes: old.ID, Content: scan(1200)}
		rescan, err := s.Attachments.Add(ctx, approverHN, u) // the province's approver scans the plan as issued
		if err != nil || rescan.Supersedes != old.ID || rescan.UploadedBy != approverHN.Username {
			t.Fatalf("rescan %+v: %v", rescan, err)
		}
		list, err := s.Attachments.List(ctx, reviewer, owner)
		if err != nil || len(list) != 2 || list[0].SupersededBy != rescan.ID || list[0].Current() || !list[1].Current() {
			t.Fatalf("list %+v (%v), want the old scan superseded by the new, both kept", list, err)
		}
		if !bytes.Equal(download(t, s, reviewer, old.ID), scan(900)) {
			t.Error("the superseded scan no longer reads back")
		}
		again := attachments.Upload{Owner: owner, Supersedes: old.ID, Content: scan(100)}
		if _, err := s.Attachments.Add(ctx, plannerHN, again); baove.ErrorCode(err) != baove.ECONFLICT {
			t.Errorf("superseding twice: %v, want ECONFLICT", err)
		}
		other, err := s.Plans.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2025, Title: "Kế hoạch 2025"})
		if err != nil {
			t.Fatal(err)
		}
		elsewhere := attachments.Upload{Owner: attachments.PlanOwner(other.ID), Supersedes: rescan.ID, Content: scan(100)}
		if _, err := s.Attachments.Add(ctx, plannerHN, elsewhere); baove.ErrorCode(err) != baove.EINVALID {
			t.Errorf("superseding another plan's scan: %v, want EINVALID", err)
		}
		trail, err := audit.NewStore(db).List(ctx, reviewer, audit.Filter{Entity: "attachment"})
		if err != nil || len(trail) != 2 || trail[0].Action != "attachment.add" ||
			bytes.Contains(trail[0].After, []byte("%PDF")) || !bytes.Contains(trail[0].After, []byte(rescan.SHA256)) {
			t.Errorf("trail %+v (%v), want two additions with their hash and without their bytes", trail, err)
		}
	})
}

func TestAttachment_CannotBeChangedOrDeletedInTheDatabase(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		a, err := s.Attachments.Add(ctx, plannerHN, attachments.Upload{Owner: attachments.PlanOwner(plan.ID), Content: scan(100)})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"UPDATE attachments SET file_name = 'x.pdf' WHERE id = ?",
			"DELETE FROM attachments WHERE id = ?", "UPDATE attachment_chunks SET data = data WHERE attachment_id = ?",
			"DELETE FROM attachment_chunks WHERE attachment_id = ?"} {
			if _, err := db.NewRaw(q, a.ID).Exec(ctx); err == nil {
				t.Errorf("%s: done, want refused", q)
			}
		}
		if !bytes.Equal(download(t, s, reviewer, a.ID), scan(100)) {
			t.Error("the scan changed")
		}
	})
}

func TestAttachment_OnAnAllocationIsTheReviewersAndOnACheckTheProvinces(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, _ := draft(t, db)
		al, _, err := s.Budget.Allocate(ctx, reviewer, budget.NewAllocation{Province: "01", Year: 2026, Amount: 500_000_000,
			DecisionNo: "1/QĐ-BYT", DecidedOn: baove.NewDate(2026, 1, 15)}, "")
		if err != nil {
			t.Fatal(err)
		}
		decision := attachments.Upload{Owner: attachments.AllocationOwner(al.ID), Content: scan(300)}
		if _, err := s.Attachments.Add(ctx, plannerHN, decision); baove.ErrorCode(err) != baove.EFORBIDDEN {
			t.Errorf("a planner adds to an allocation: %v, want EFORBIDDEN", err)
		}
		a, err := s.Attachments.Add(ctx, reviewer, decision)
		if err != nil || a.Kind != attachments.AllocationDecision || a.Province != "01" {
			t.Fatalf("the reviewer's decision: %+v (%v)", a, err)
		}
		if list, err := s.Attachments.List(ctx, financeHN, decision.Owner); err != nil || len(list) != 1 {
			t.Errorf("Hà Nội's finance officer lists %d (%v), want the decision", len(list), err)
		}
		if _, err := s.Attachments.List(ctx, plannerDB, decision.Owner); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("Điện Biên's planner lists Hà Nội's allocation: %v, want ENOTFOUND", err)
		}
		_, err = s.Attachments.List(ctx, reviewer, attachments.AllocationOwner(al.ID+999))
		if e, ok := err.(*baove.Error); !ok || e.Code != baove.ENOTFOUND ||
			!strings.Contains(e.Text(i18n.VI), "Không tìm thấy khoản phân bổ") {
			t.Errorf("no such allocation: %v, want ENOTFOUND saying so in Vietnamese", err)
		}
		evidence := attachments.Upload{Owner: hanoiCheck, Content: scan(200)}
		if a, err := s.Attachments.Add(ctx, financeHN, evidence); err != nil || a.Kind != attachments.Evidence {
			t.Errorf("the finance officer's evidence: %+v (%v)", a, err)
		}
		if _, err := s.Attachments.Add(ctx, plannerDB, evidence); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("Điện Biên's planner adds to Hà Nội's check: %v, want ENOTFOUND", err)
		}
		unknown := attachments.CheckOwner(attachments.CheckRef{Province: "01", Year: 2026, Code: "NO_SUCH_CHECK"})
		if _, err := s.Attachments.List(ctx, reviewer, unknown); baove.ErrorCode(err) != baove.ENOTFOUND {
			t.Errorf("a check that does not exist: %v, want ENOTFOUND", err)
		}
	})
}

func TestSigned_NamesThePlanVersionsWithACurrentSignedScan(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		s, plan := draft(t, db)
		other, err := s.Plans.Create(ctx, plannerHN, plans.NewPlan{Province: "01", Year: 2025, Title: "Kế hoạch 2025"})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []attachments.Upload{{Owner: attachments.PlanOwner(plan.ID), Content: scan(100)},
			{Owner: attachments.PlanOwner(other.ID), Kind: attachments.Other, Content: scan(100)}} {
			if _, err := s.Attachments.Add(ctx, plannerHN, u); err != nil {
				t.Fatal(err)
			}
		}
		got, err := s.Attachments.Signed(ctx, []plans.ID{plan.ID, other.ID})
		if err != nil || len(got) != 1 || !got[plan.ID] {
			t.Errorf("signed %v (%v), want only the plan with a signed_plan scan", got, err)
		}
	})
}
