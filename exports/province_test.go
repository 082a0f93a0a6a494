package exports_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"baove"
	"baove/access"
	"baove/database"
	"baove/database/dbtest"
	"baove/exports"
	"baove/reports"
	"baove/units"
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

// signedBy sets the report settings of province code as its People's
// Committee has them: a vice-chair signs, numbered …/BC-UBND.
func signedBy(t *testing.T, src exports.Sources, code units.ProvinceCode, name string) reports.Province {
	t.Helper()
	ctx := context.Background()
	set, err := src.Settings.Province(ctx, admin, code)
	if err != nil {
		t.Fatal(err)
	}
	set.SignerName = name
	set.Recipients = []string{"Bộ Y tế", "TT Tỉnh ủy, TT HĐND tỉnh", "Sở Y tế", "Lưu: VT, KGVX"}
	if set, err = src.Settings.SetProvince(ctx, admin, code, set); err != nil {
		t.Fatal(err)
	}
	return set
}

var admin = access.Caller{Username: "admin", Role: access.Admin}

// A province's report and a centrally-run city's read as a People's
// Committee's report under Decree 30/2020: every element where the decree
// puts it, in its size and face, TP Hồ Chí Minh dated from "Thành phố Hồ
// Chí Minh".
func TestProvinceReport_LaysOutEveryDecree30Element(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	cases := []struct {
		code             units.ProvinceCode
		issuer, place    string
		number, numbered string
	}{
		{"11", "TỈNH ĐIỆN BIÊN", "Điện Biên", "", "BC-UBND"},
		{"79", "THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh", "7", "07/BC-UBND"},
	}
	for _, c := range cases {
		t.Run(string(c.code), func(t *testing.T) {
			signedBy(t, src, c.code, "Nguyễn Thị Thanh Hà")
			req := exports.Request{Caller: reviewer, Province: c.code, Year: 2026, Lang: exports.Vietnamese}
			if c.number != "" {
				req.Number = 7
			}
			r, err := exports.BuildProvinceReport(context.Background(), src, req)
			if err != nil {
				t.Fatal(err)
			}
			pdf := renderPDF(t, r.Document())
			checkDecree30(t, pdf, decree{issuer: []string{"ỦY BAN NHÂN DÂN", c.issuer}, number: c.numbered,
				placeDate: c.place + ", ngày 28 tháng 11 năm 2026", kind: "BÁO CÁO",
				subject: "Kết quả thực hiện công tác bảo vệ trẻ em năm 2026",
				signer:  []string{"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}, name: "Nguyễn Thị Thanh Hà",
				recipients: []string{"- Bộ Y tế;", "- Lưu: VT, KGVX."}})
			checkParagraphs(t, layoutOf(t, pdf), "Thực hiện Công văn năm 2017", "I. KẾ HOẠCH NĂM 2026")
		})
	}
}

func TestNationalReport_LaysOutEveryDecree30Element(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	set, err := src.Settings.National(ctx, reviewer)
	if err != nil {
		t.Fatal(err)
	}
	set.Department, set.SignerName, set.NumberSuffix = "Cục Bà mẹ và Trẻ em", "Trần Văn Bình", "BC-BMTE"
	set.SignerTitle = []string{"KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"}
	if _, err := src.Settings.SetNational(ctx, reviewer, set); err != nil {
		t.Fatal(err)
	}
	r, err := exports.BuildNationalReport(ctx, src, exports.Request{Caller: reviewer, Year: 2026, Lang: exports.Vietnamese, Number: 12})
	if err != nil {
		t.Fatal(err)
	}
	checkDecree30(t, renderPDF(t, r.Document()), decree{superior: []string{"BỘ Y TẾ"}, issuer: []string{"CỤC BÀ MẸ VÀ TRẺ EM"},
		number: "12/BC-BMTE", placeDate: "Hà Nội, ngày 28 tháng 11 năm 2026", kind: "BÁO CÁO", subject: "Tình hình thực hiện công tác",
		signer: []string{"KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"}, name: "Trần Văn Bình", landscape: true,
		recipients: []string{"- Bộ trưởng (để báo cáo);", "- Lưu: VT."}})
}

// vietnameseFaults are what the Vietnamese report must never print: a
// number in the English way, an English workflow or status word, an empty
// bracket, a quarter written "Q3", a login name.
var vietnameseFaults = []*regexp.Regexp{
	regexp.MustCompile(`[0-9]\.[0-9]{2} ?%`), regexp.MustCompile(`\(\s*\)`), regexp.MustCompile(`Q[1-4]`),
	regexp.MustCompile(`(?i)\b(draft|submitted|approved|returned|superseded|submit|approve|revise|` +
		`on_track|at_risk|in_progress|no_data|not_achieved|not_applicable)\b`),
	regexp.MustCompile(`(planner|finance|approver)\.[a-z]+`), regexp.MustCompile(`[0-9],[0-9]{3}\b`),
}

// englishFaults are what the English report must never print: a number in
// the Vietnamese way, "1 activities".
var englishFaults = []*regexp.Regexp{
	regexp.MustCompile(`[0-9]\.[0-9]{3}\b`), regexp.MustCompile(`[0-9],[0-9]{1,2}\b`),
	regexp.MustCompile(`\b1 (activities|communes|indicators|provinces)\b`),
	regexp.MustCompile(`(planner|finance|approver)\.[a-z]+`), regexp.MustCompile(`\(\s*\)`),
}

// Every text of the reports is written the way its language writes it,
// for every demo province and year, and the national summary.
func TestReports_WriteEachLanguageTheWayItIsWritten(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	for _, lang := range []exports.Lang{exports.Vietnamese, exports.English} {
		faults := vietnameseFaults
		if lang == exports.English {
			faults = englishFaults
		}
		var docs []exports.Document
		for _, code := range []units.ProvinceCode{"01", "11", "79"} {
			for _, year := range []int{2025, 2026} {
				r, err := exports.BuildProvinceReport(ctx, src, exports.Request{Caller: reviewer, Province: code, Year: year, Lang: lang})
				if err != nil {
					t.Fatal(err)
				}
				docs = append(docs, r.Document())
			}
		}
		n, err := exports.BuildNationalReport(ctx, src, exports.Request{Caller: reviewer, Year: 2026, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		for i, d := range append(docs, n.Document()) {
			text := strings.Join(pdfPages(t, d), "\n")
			for _, f := range faults {
				if m := f.FindString(text); m != "" {
					t.Errorf("%s report %d prints %q (%s):\n%s", lang, i, m, f, around(text, m))
				}
			}
		}
	}
}

// around returns the line of text holding m.
func around(text, m string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, m) {
			return l
		}
	}
	return ""
}

func TestProvinceReport_PDFReadsAsTheOfficialReport(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	ctx := context.Background()
	r, err := exports.BuildProvinceReport(ctx, src, exports.Request{Caller: reviewer, Province: "11", Year: 2026, Lang: exports.Vietnamese})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(pdfPages(t, r.Document()), "\n")
	sum, _ := src.Budget.Summary(ctx, reviewer, "11", 2026)
	cov, _ := src.Indicators.Coverage(ctx, reviewer, "11", 2026)
	want := []string{"TỈNH ĐIỆN BIÊN", "Điện Biên, ngày 28 tháng 11 năm 2026", "Số: /BC-UBND", "BÁO CÁO",
		"Công văn năm 2017 của Bộ Lao động - Thương binh và Xã hội về việc tăng cường công tác bảo vệ trẻ em",
		"PHỤ LỤC", "(Kèm theo Báo cáo số /BC-UBND ngày 28 tháng 11 năm 2026 của Ủy ban", "Lò Thị Hoa", "quý III/2026 (hạn 15/10/2026",
		"tiến độ dự kiến", "NGƯỜI LẬP BIỂU", vn.Int(int64(sum.Total.Planned)), vn.Int(int64(sum.Total.Allocated)),
		vn.Int(int64(sum.Total.Remaining)), "Số 45/KH-UBND ngày 25/02/2026", "Phó Chủ tịch Lường Văn Thắng"}
	for _, u := range cov.Uncovered() {
		want = append(want, u.Name)
	}
	if len(cov.Uncovered()) == 0 {
		t.Fatal("the demo leaves no commune of Điện Biên uncovered; the test would prove nothing")
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), w) {
			t.Errorf("the report's text lacks %q", w)
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
	text := strings.Join(strings.Fields(strings.Join(pdfPages(t, r.Document()), "\n")), " ")
	for _, w := range []string{"REPORT", "Child-protection work in 2025", "carried over to the next year", "No.: /BC-UBND",
		"Pursuant to the official letter of 2017 of the Ministry of Labour, Invalids and Social Affairs on strengthening",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"ANNEX", "Recipients:", "No. 210/KH-UBND of 15 July 2025"} {
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

// The national summary lists the provinces in the order of their codes
// (Resolution 202/2025/QH15), "Thành phố" deciding nothing.
func TestNationalReport_ListsProvincesInTheOfficialOrder(t *testing.T) {
	db := dbtest.MustOpenDB(t, database.SQLite)
	src := demoSources(t, db)
	r, err := exports.BuildNationalReport(context.Background(), src, exports.Request{Caller: reviewer, Year: 2026, Lang: exports.Vietnamese})
	if err != nil {
		t.Fatal(err)
	}
	if r.Rows[0].Code != "01" || r.Rows[0].Province != "Thành phố Hà Nội" || r.Rows[1].Code != "04" || r.Rows[33].Code != "96" {
		t.Errorf("rows start %s %s, %s and end %s", r.Rows[0].Code, r.Rows[0].Province, r.Rows[1].Code, r.Rows[33].Code)
	}
	for i := 1; i < len(r.Rows); i++ {
		if r.Rows[i-1].Code >= r.Rows[i].Code {
			t.Errorf("%s comes before %s", r.Rows[i-1].Code, r.Rows[i].Code)
		}
	}
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
	text := strings.Join(strings.Fields(strings.Join(pdfPages(t, r.Document()), "\n")), " ")
	for _, want := range []string{"Tỉnh chưa báo cáo nhân lực làm công tác bảo vệ trẻ em của 168 xã, phường, đặc khu năm 2026",
		"Chưa có số liệu", "(muộn 18 ngày so với hạn 15/10/2026)"} {
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
		if strings.Contains(l, "Thành phố Hồ Chí Minh") && strings.Contains(l, "Trả lại") {
			line = l
		}
	}
	flat := strings.Join(strings.Fields(text), " ")
	if !strings.Contains(line, "chưa báo cáo") || !strings.Contains(flat, "tính trên 2/34 tỉnh, thành phố đã báo cáo") {
		t.Errorf("national row of TP Hồ Chí Minh %q, want its coverage not reported, and the total over 2/34", line)
	}
	if n.Total.Reporting != 2 || n.Total.Coverage.Decimal.String() != "95.32" {
		t.Errorf("national total %+v, want coverage over the 2 provinces that reported", n.Total)
	}
	q3 := "Quý III/2026: 1/34 tỉnh báo cáo đúng hạn"
	if words := strings.Join(strings.Fields(text), " "); len(n.Reporting) != 4 || n.Reporting[2].Late != 1 || !strings.Contains(words, q3) {
		t.Errorf("national reporting %+v, want the four quarters and %q", n.Reporting, q3)
	}
}
