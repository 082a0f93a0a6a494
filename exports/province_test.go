package exports_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"baove"
	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/exports"
	"baove/vn"
)

func TestProvinceReport_ModelMatchesTheGoldenFile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		src := demoSources(t, db)
		r, err := exports.BuildProvinceReport(context.Background(), src, exports.Request{Caller: reviewer, Province: "11", Year: 2025, Lang: exports.Vietnamese})
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "province_11_2025.json", r)
	})
}

func TestProvinceReport_PDFReadsAsTheOfficialReport(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	r, err := exports.BuildProvinceReport(ctx, src, exports.Request{Caller: reviewer, Province: "11", Year: 2026, Lang: exports.Vietnamese})
	if err != nil {
		t.Fatal(err)
	}
	pages := pdfPages(t, r.Document())
	text := strings.Join(pages, "\n")
	sum, _ := src.Budget.Summary(ctx, reviewer, "11", 2026)
	cov, _ := src.Indicators.Coverage(ctx, reviewer, "11", 2026)
	want := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "TỈNH ĐIỆN BIÊN", "Điện Biên, ngày 28 tháng 11 năm 2026",
		vn.Int(int64(sum.Total.Planned)), vn.Int(int64(sum.Total.Allocated)), vn.Int(int64(sum.Total.Remaining)),
		"Đã ban hành", "Số 45/KH-UBND ngày 25/02/2026", "Phó Chủ tịch Lường Văn Thắng"}
	for _, u := range cov.Uncovered() {
		want = append(want, u.Name)
	}
	if len(cov.Uncovered()) == 0 {
		t.Fatal("the demo leaves no commune of Điện Biên uncovered; the test would prove nothing")
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the report's text lacks %q", w)
		}
	}
	for i, p := range pages {
		if footer := fmt.Sprintf("Trang %d/%d", i+1, len(pages)); !strings.Contains(p, footer) {
			t.Errorf("page %d lacks %q", i+1, footer)
		}
	}
}

func TestProvinceReport_InEnglish(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	r, err := exports.BuildProvinceReport(context.Background(), src, exports.Request{Caller: reviewer, Province: "01", Year: 2025, Lang: exports.English})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pdfPages(t, r.Document()), "\n")
	for _, w := range []string{"REPORT ON CHILD-PROTECTION WORK IN 2025", "Carried over to the next year", "Page 1/",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "No. 210/KH-UBND of 15 July 2025", "Issued"} {
		if !strings.Contains(text, w) {
			t.Errorf("the English report lacks %q", w)
		}
	}
}

func TestProvinceReport_RefusesAnotherProvincesPlanner(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	planner := access.Caller{Username: "planner.hanoi", Role: access.Planner, Province: "01"}
	_, err := exports.BuildProvinceReport(context.Background(), src, exports.Request{Caller: planner, Province: "11", Year: 2025, Lang: exports.Vietnamese})
	if baove.ErrorCode(err) != baove.EFORBIDDEN {
		t.Fatalf("planner of 01 building 11's report: %v, want EFORBIDDEN", err)
	}
}

func TestNationalReport_ModelMatchesTheGoldenFile(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, db *database.DB) {
		src := demoSources(t, db)
		r, err := exports.BuildNationalReport(context.Background(), src, exports.Request{Caller: reviewer, Year: 2025, Lang: exports.Vietnamese})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Rows) != 34 {
			t.Fatalf("%d rows, want the 34 provinces", len(r.Rows))
		}
		golden(t, "national_2025.json", r)
	})
}

// TestReports_ShowTheDemosMissingDataAsMissing: TP Hồ Chí Minh has not
// reported its 2026 staffing and reported the third quarter's abuse cases
// late; its report and the national one say so ("chưa báo cáo", "muộn"),
// never 0 %, and the national coverage is over the provinces that
// reported; the national summary says how many provinces reported each
// quarter on time.
func TestReports_ShowTheDemosMissingDataAsMissing(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	r, err := exports.BuildProvinceReport(ctx, src, exports.Request{Caller: reviewer, Province: "79", Year: 2026, Lang: exports.Vietnamese})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pdfPages(t, r.Document()), "\n")
	for _, want := range []string{"Tỉnh chưa báo cáo nhân lực làm công tác bảo vệ trẻ em cấp xã năm 2026", "Chưa có số liệu",
		"(muộn 18 ngày so với hạn 15/10/2026)"} {
		if !strings.Contains(text, want) {
			t.Errorf("TP Hồ Chí Minh's 2026 report lacks %q", want)
		}
	}
	if r.Staffing.CoveragePercent.Valid || len(r.Staffing.Uncovered) != 0 {
		t.Errorf("staffing not reported reads as %+v, want no percentage and no commune named uncovered", r.Staffing)
	}
	n, err := exports.BuildNationalReport(ctx, src, exports.Request{Caller: reviewer, Year: 2026, Lang: exports.Vietnamese})
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Join(pdfPages(t, n.Document()), "\n")
	line := ""
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "Thành phố Hồ Chí Minh") && strings.Contains(l, "Trả lại") {
			line = l
		}
	}
	if !strings.Contains(line, "chưa báo cáo") || !strings.Contains(text, "tính trên 2/34 tỉnh, thành phố đã báo cáo") {
		t.Errorf("national row of TP Hồ Chí Minh %q, want its coverage not reported, and the total over 2/34", line)
	}
	if n.Total.Reporting != 2 || n.Total.Communes >= 3321 {
		t.Errorf("national total %+v, want coverage over the 2 provinces that reported", n.Total)
	}
	q3 := "Quý III/2026: 1/34 tỉnh báo cáo đúng hạn"
	if words := strings.Join(strings.Fields(text), " "); len(n.Reporting) != 4 || n.Reporting[2].Late != 1 || !strings.Contains(words, q3) {
		t.Errorf("national reporting %+v, want the four quarters and %q", n.Reporting, q3)
	}
}
