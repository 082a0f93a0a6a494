package backup_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"baove"
	"baove/access"
	"baove/app"
	"baove/backup"
	"baove/budget"
	"baove/database"
	"baove/database/dbtest"
	"baove/demo"
)

var ctx = context.Background()

func demoServices(t *testing.T) *app.Services {
	t.Helper()
	svc := app.MustNew(dbtest.MustOpenDB(t, database.SQLite), app.Config{Clock: dbtest.Clock, Ministry: "Bộ Y tế"})
	if err := demo.Load(ctx, svc, io.Discard); err != nil {
		t.Fatal(err)
	}
	return svc
}

// payer pays small sums from one of Hà Nội's 2026 lines until stopped,
// remembering every payment that was recorded.
type payer struct {
	svc    *app.Services
	caller access.Caller
	line   budget.LineID
	mu     sync.Mutex
	paid   map[int64]budget.VND // by ledger id
	failed []error
}

func newPayer(t *testing.T, svc *app.Services) *payer {
	t.Helper()
	p := &payer{svc: svc, paid: map[int64]budget.VND{}}
	p.caller = access.Caller{Username: "finance.hanoi", Role: access.Finance, Province: "01"}
	if err := svc.DB.NewRaw("SELECT id FROM users WHERE username = 'finance.hanoi'").Scan(ctx, &p.caller.UserID); err != nil {
		t.Fatal(err)
	}
	err := svc.DB.NewRaw(`SELECT l.id FROM budget_lines AS l JOIN plans AS p ON p.id = l.plan_id
		WHERE p.province_code = '01' AND p.year = 2026 AND p.status = 'approved' ORDER BY l.amount DESC LIMIT 1`).
		Scan(ctx, &p.line)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// run pays until stop is closed, from n goroutines.
func (p *payer) run(n int, stop <-chan struct{}) *sync.WaitGroup {
	var wg sync.WaitGroup
	for g := range n {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				p.pay(fmt.Sprintf("BK-%d-%d", g, i), budget.VND(1000+i%7))
			}
		})
	}
	return &wg
}

func (p *payer) pay(voucher string, amount budget.VND) {
	d, _, err := p.svc.Budget.Disburse(ctx, p.caller, budget.NewDisbursement{Line: p.line, Amount: amount,
		PaidOn: baove.NewDate(2026, time.November, 2), VoucherNo: voucher}, "")
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.failed = append(p.failed, err)
		return
	}
	p.paid[d.ID] = amount
}

func (p *payer) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.paid)
}

func TestBackup_TakenUnderPaymentsRestoresTheSummariesOfItsMoment(t *testing.T) {
	svc := demoServices(t)
	reviewer := access.SystemAs("test", access.Reviewer)
	before, err := svc.Budget.Summary(ctx, reviewer, "01", 2026)
	if err != nil {
		t.Fatal(err)
	}
	var maxBefore int64
	svc.DB.NewRaw("SELECT max(id) FROM disbursements").Scan(ctx, &maxBefore)

	p := newPayer(t, svc)
	stop := make(chan struct{})
	wg := p.run(3, stop)
	for p.count() < 20 {
		time.Sleep(5 * time.Millisecond)
	}
	out := filepath.Join(t.TempDir(), "backup.db")
	rep, err := backup.Write(ctx, svc.DB, out, nil)
	for n := p.count(); p.count() < n+20; { // payments go on after the backup's moment
		time.Sleep(5 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if len(p.failed) > 0 {
		t.Fatalf("payments failed during the backup: %v", p.failed[0])
	}

	dir := filepath.Join(t.TempDir(), "data")
	if _, err := backup.Restore(ctx, out, dir); err != nil {
		t.Fatal(err)
	}
	db, err := database.Open(ctx, "", dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	restored := app.MustNew(db, app.Config{Clock: dbtest.Clock})

	var last int64
	if err := db.NewRaw("SELECT max(id) FROM disbursements").Scan(ctx, &last); err != nil {
		t.Fatal(err)
	}
	want := before.Total.Disbursed
	in, after := 0, 0
	for id, amount := range p.paid {
		if id <= last {
			want += amount
			in++
		} else {
			after++
		}
	}
	if in == 0 || after == 0 {
		t.Fatalf("%d payments before the backup's moment and %d after: the backup was not taken under load", in, after)
	}
	var entries int64
	db.NewRaw("SELECT count(*) FROM disbursements WHERE id > ?", maxBefore).Scan(ctx, &entries)
	if entries != int64(in) {
		t.Errorf("the backup holds %d of the payments, not the %d recorded up to its last entry", entries, in)
	}
	got, err := restored.Budget.Summary(ctx, reviewer, "01", 2026)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total.Disbursed != want {
		t.Errorf("restored Hà Nội 2026 disbursed %d, want %d (before %d + %d payments)", got.Total.Disbursed, want,
			before.Total.Disbursed, in)
	}
	for _, py := range []budget.ProvinceYear{{Province: "11", Year: 2026}, {Province: "79", Year: 2026},
		{Province: "01", Year: 2025}, {Province: "11", Year: 2025}} {
		a, _ := svc.Budget.Summary(ctx, reviewer, py.Province, py.Year)
		b, _ := restored.Budget.Summary(ctx, reviewer, py.Province, py.Year)
		if fmt.Sprintf("%+v %+v", a.Total, a.Central) != fmt.Sprintf("%+v %+v", b.Total, b.Central) {
			t.Errorf("%v: restored summary %+v, source %+v", py, b.Total, a.Total)
		}
	}
	if inv, _ := backup.Take(ctx, db, database.SQLite); rep.Inventory.Compare(inv) != nil {
		t.Errorf("the restored database is not the backup's inventory: %v", rep.Inventory.Compare(inv))
	}
}

func TestBackup_RefusesToOverwriteAndRestoreRefusesADatabase(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	out := filepath.Join(t.TempDir(), "b.db")
	if _, err := backup.Write(ctx, db, out, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := backup.Write(ctx, db, out, nil); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a second backup into the same file: %v, want a refusal", err)
	}
	dir := t.TempDir()
	if _, err := backup.Restore(ctx, out, dir); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(dir, backup.FileName))
	if _, err := backup.Restore(ctx, out, dir); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("restore over a database: %v, want a refusal", err)
	}
	if after, _ := os.ReadFile(filepath.Join(dir, backup.FileName)); string(after) != string(before) {
		t.Error("the refused restore changed the database")
	}
}

func TestRestore_RefusesAFileThatIsNotABaoveDatabase(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(bad, []byte("not a database"), 0o600)
	if _, err := backup.Restore(ctx, bad, t.TempDir()); err == nil {
		t.Error("restored a text file")
	}
}

func TestBackup_RefusesPostgreSQLNamingItsTools(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.Postgres)
	_, err := backup.Write(ctx, db, filepath.Join(t.TempDir(), "b.db"), nil)
	if err != backup.ErrPostgres || !strings.Contains(err.Error(), "pg_dump") {
		t.Errorf("backup of PostgreSQL: %v, want ErrPostgres naming pg_dump", err)
	}
}
