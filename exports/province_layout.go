package exports

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"baove/units"
)

// Document lays the report out as an official document (Decree 30/2020):
// the province's People's Committee issues it, the sections follow the
// directive's areas, and three signature blocks close it.
func (r ProvinceReport) Document() Document {
	l := r.Lang
	d := Document{Lang: l, Issuer: []string{"ỦY BAN NHÂN DÂN", provinceHeader(r.Province)}, Place: r.Province.ShortName(),
		Date: r.Date, Title: l.pick(fmt.Sprintf("Báo cáo kết quả thực hiện công tác bảo vệ trẻ em năm %d", r.Year),
			fmt.Sprintf("Report on child-protection work in %d", r.Year)),
		Subtitle: l.pick("(Theo Chỉ thị năm 2017 về tăng cường giải pháp phòng, chống bạo lực, xâm hại trẻ em)",
			"(Under the 2017 directive on preventing violence against and abuse of children)"),
		Signatures: []Signature{{Title: l.pick("Người lập biểu", "Prepared by")}, {Title: l.pick("Kế toán trưởng", "Chief accountant")},
			{Title: l.pick("Thủ trưởng đơn vị", "Head of agency")}}}
	d.Blocks = append(d.Blocks, r.planBlocks()...)
	d.Blocks = append(d.Blocks, r.budgetBlocks()...)
	d.Blocks = append(d.Blocks, r.centralBlocks()...)
	d.Blocks = append(d.Blocks, r.staffingBlocks()...)
	d.Blocks = append(d.Blocks, r.progressBlocks()...)
	d.Blocks = append(d.Blocks, r.complianceBlocks()...)
	return d
}

// provinceHeader is the province as the issuer line names it: "TỈNH ĐIỆN
// BIÊN", "THÀNH PHỐ HÀ NỘI".
func provinceHeader(p units.Province) string {
	if p.Kind == units.Tinh && !strings.HasPrefix(p.Name, "Tỉnh") {
		return "Tỉnh " + p.Name
	}
	return p.Name
}

func (r ProvinceReport) planBlocks() []Block {
	l := r.Lang
	blocks := []Block{Heading{l.pick("I. KẾ HOẠCH NĂM", "I. ANNUAL PLAN")}}
	if r.Plan == nil {
		return append(blocks, Paragraph{l.pick(fmt.Sprintf("Tỉnh chưa có kế hoạch năm %d.", r.Year), fmt.Sprintf("The province has no plan for %d.", r.Year))})
	}
	blocks = append(blocks, append(KeyValues{{l.pick("Tên kế hoạch", "Title"), r.Plan.Title},
		{l.pick("Phiên bản", "Version"), fmt.Sprint(r.Plan.Version)}, {l.pick("Tình trạng", "Status"), r.Plan.Status}},
		r.Plan.Issuance.keyValues(l)...))
	acts := Table{Columns: []Column{{Title: l.pick("Mục", "Item"), Width: 1}, {Title: l.pick("Nhiệm vụ", "Task area"), Width: 7},
		{Title: l.pick("Số hoạt động", "Activities"), Kind: Count, Width: 1.6}}, Unit: l.pick("hoạt động", "activities")}
	for _, a := range r.Plan.Activities {
		acts.Rows = append(acts.Rows, []any{a.Code, a.Label, a.Count})
	}
	hist := Table{Columns: []Column{{Title: l.pick("Ngày", "Date"), Kind: Date, Width: 1.6}, {Title: l.pick("Bước", "Step"), Width: 1.6},
		{Title: l.pick("Người thực hiện", "By"), Width: 2}, {Title: l.pick("Tình trạng", "Status"), Width: 2},
		{Title: l.pick("Lý do", "Reason"), Width: 3.5}}}
	for _, h := range r.Plan.History {
		reason := h.Reason
		if h.Document != "" {
			reason = l.pick("Số: ", "No. ") + h.Document
		}
		hist.Rows = append(hist.Rows, []any{h.Date, h.Step, h.Actor, h.Status, reason})
	}
	return append(blocks, acts, Paragraph{l.pick("Quá trình trình, ban hành:", "Submission and issuance:")}, hist)
}

// keyValues prints the document that issued the plan: its number and date
// ("Số 45/KH-UBND ngày 25/02/2026"), and its signer when recorded; nothing
// before the plan is issued.
func (is *IssuanceRow) keyValues(l Lang) KeyValues {
	if is == nil {
		return nil
	}
	date := is.IssuedOn.Localize(l.i18n())
	doc := l.pick("Số "+is.DocumentNo+" ngày "+date, "No. "+is.DocumentNo+" of "+date)
	kv := KeyValues{{l.pick("Văn bản ban hành", "Issued by"), doc}}
	if is.SignerName != "" {
		kv = append(kv, KeyValue{l.pick("Người ký", "Signed by"), is.SignerTitle + " " + is.SignerName})
	}
	return kv
}

// moneyColumns are the columns of a budget table; allocated names what
// the allocation column holds.
func (l Lang) moneyColumns(first, allocated string) []Column {
	return []Column{{Title: first, Width: 3.4}, {Title: l.pick("Kế hoạch", "Planned"), Kind: Money, Width: 1.5},
		{Title: allocated, Kind: Money, Width: 1.5}, {Title: l.pick("Đã giải ngân", "Disbursed"), Kind: Money, Width: 1.5},
		{Title: l.pick("Còn lại", "Remaining"), Kind: Money, Width: 1.5},
		{Title: l.pick("Tỷ lệ giải ngân (%)", "Disbursement rate (%)"), Kind: Decimal, Places: 2, Width: 1.1}}
}

func (r ProvinceReport) moneyTable(first string, rows []MoneyRow, total MoneyRow) Table {
	t := Table{Columns: r.Lang.moneyColumns(first, r.Lang.pick("Phân bổ", "Allocated")), Totals: moneyCells(total)}
	for _, m := range rows {
		t.Rows = append(t.Rows, moneyCells(m))
	}
	return t
}

// areaTable lists money by task area: planned and disbursed by row; the
// allocation, made per province and year, and what remains of it on the
// totals row only.
func (r ProvinceReport) areaTable(rows []AreaRow, total MoneyRow) Table {
	l := r.Lang
	t := Table{Columns: l.moneyColumns(l.pick("Nhiệm vụ", "Task area"), l.pick("Phân bổ (cả năm, không chia theo nhiệm vụ)",
		"Allocated (per year, not by task area)")), Totals: moneyCells(total)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.Label, a.Planned, nil, a.Disbursed, nil, nil})
	}
	return t
}

func moneyCells(m MoneyRow) []any {
	return []any{m.Label, m.Planned, m.Allocated, m.Disbursed, m.Remaining, nullable(m.Rate)}
}

func (r ProvinceReport) budgetBlocks() []Block {
	l := r.Lang
	blocks := []Block{Heading{l.pick("II. KINH PHÍ THỰC HIỆN", "II. BUDGET")},
		Paragraph{l.pick("1. Theo nguồn kinh phí", "1. By funding source")},
		r.moneyTable(l.pick("Nguồn kinh phí", "Funding source"), r.Budget.BySource, r.Budget.Total)}
	if !r.Budget.InForce {
		blocks = append(blocks, Paragraph{l.pick(
			"Kế hoạch năm chưa được tỉnh ban hành: các dòng kinh phí chưa được tính là phân bổ.",
			"The year's plan is not issued by the province: its lines are not counted as allocated.")})
	}
	return append(blocks,
		Paragraph{l.pick("2. Theo nhiệm vụ của Chỉ thị (mọi nguồn)", "2. By task area of the directive (every source)")},
		r.areaTable(r.Budget.ByTaskArea, r.Budget.Total),
		Paragraph{l.pick("3. Kinh phí trung ương theo nhiệm vụ", "3. Central funds by task area")},
		r.areaTable(r.Budget.CentralByTaskArea, r.Budget.CentralTotal),
		Paragraph{l.pick("Kinh phí được phân bổ theo tỉnh và năm, không chia theo nhiệm vụ: cột Phân bổ và Còn lại chỉ có ở dòng Tổng cộng.",
			"Funds are allocated per province and year, not by task area: Allocated and Remaining are on the Total row only.")})
}

func (r ProvinceReport) centralBlocks() []Block {
	l, c := r.Lang, r.Budget.Central
	kv := KeyValues{
		{l.pick("Dự toán trung ương được giao (kể cả điều chỉnh)", "Central allocations (with corrections)"), l.money(int64(c.Allocated))},
		{l.pick("Kinh phí năm trước chuyển sang", "Carried in from the year before"), l.money(int64(c.CarriedIn))},
		{l.pick("Đã giải ngân", "Disbursed"), l.money(int64(c.Disbursed))},
		{l.pick("Còn lại", "Remaining"), l.money(int64(c.Remaining))},
	}
	switch {
	case c.Closed && c.Disposition == "carry_over":
		kv = append(kv, KeyValue{l.pick("Khóa sổ cuối năm", "Year-end close"), l.name("carry_over") + ": " + l.money(int64(c.Unspent))})
	case c.Closed:
		kv = append(kv, KeyValue{l.pick("Khóa sổ cuối năm", "Year-end close"), fmt.Sprintf("%s: %s (%s %s)", l.name("return_funds"),
			l.money(int64(c.Unspent)), l.pick("hạn nộp trả", "due by"), l.date(c.ReturnDeadline))})
	default:
		kv = append(kv, KeyValue{l.pick("Khóa sổ cuối năm", "Year-end close"), l.pick("Chưa khóa sổ", "Not closed yet")})
	}
	return []Block{Heading{l.pick("III. KINH PHÍ TRUNG ƯƠNG HỖ TRỢ", "III. CENTRAL SUPPORT FUNDS")}, kv}
}

func (l Lang) money(v int64) string {
	return l.integer(v) + l.pick(" đồng", " VND")
}

// notReported is what a figure without data reads as.
func (l Lang) notReported() string { return l.pick("chưa báo cáo", "not reported") }

func (r ProvinceReport) staffingBlocks() []Block {
	l, s := r.Lang, r.Staffing
	heading := Heading{l.pick("IV. NGƯỜI LÀM CÔNG TÁC BẢO VỆ TRẺ EM CẤP XÃ", "IV. COMMUNE CHILD-PROTECTION WORKERS")}
	kv := KeyValues{{l.pick("Số xã, phường, đặc khu", "Communes"), l.integer(int64(s.Total))},
		{l.pick("Đã báo cáo", "Reported"), l.integer(int64(s.Recorded))}}
	if s.Recorded == 0 {
		kv = append(kv, KeyValue{l.pick("Có người làm công tác bảo vệ trẻ em", "With a child-protection worker"), l.notReported()})
		return []Block{heading, kv, Paragraph{l.pick(fmt.Sprintf("Tỉnh chưa báo cáo nhân lực làm công tác bảo vệ trẻ em cấp xã năm %d.", r.Year),
			fmt.Sprintf("The province has not reported its commune child-protection staffing for %d.", r.Year))}}
	}
	kv = append(kv, KeyValue{l.pick("Có người làm công tác bảo vệ trẻ em", "With a child-protection worker"),
		fmt.Sprintf("%s (%s %%)", l.integer(int64(s.Covered)), l.decimal(s.CoveragePercent.Decimal, 2))})
	if s.CollaboratorPercent.Valid {
		kv = append(kv, KeyValue{l.pick("Thôn, tổ dân phố có cộng tác viên", "Villages with a collaborator"), l.decimal(s.CollaboratorPercent.Decimal, 2) + " %"})
	}
	blocks := []Block{heading, kv}
	if s.Recorded < s.Total {
		blocks = append(blocks, Paragraph{l.pick(fmt.Sprintf("%d xã, phường, đặc khu chưa được báo cáo, được tính là chưa có người.", s.Total-s.Recorded),
			fmt.Sprintf("%d communes are not reported and counted as without a worker.", s.Total-s.Recorded))})
	}
	if len(s.Uncovered) == 0 {
		return append(blocks, Paragraph{l.pick("Tất cả các xã, phường, đặc khu đều có người làm công tác bảo vệ trẻ em.", "Every commune has a child-protection worker.")})
	}
	t := Table{Columns: []Column{{Title: l.pick("Mã", "Code"), Width: 1}, {Title: l.pick("Xã, phường, đặc khu chưa bố trí người làm công tác bảo vệ trẻ em", "Communes without a child-protection worker"), Width: 6}},
		Unit: l.pick("xã", "communes")}
	for _, u := range s.Uncovered {
		t.Rows = append(t.Rows, []any{u.Code, u.Label})
	}
	return append(blocks, t)
}

func (r ProvinceReport) progressBlocks() []Block {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Chỉ tiêu", "Indicator"), Width: 5}, {Title: l.pick("Mục tiêu", "Target"), Kind: Decimal, Places: 2, Width: 1.2},
		{Title: l.pick("Nguồn mục tiêu", "Target from"), Width: 1.6}, {Title: l.pick("Thực hiện", "Actual"), Kind: Decimal, Places: 2, Width: 1.2},
		{Title: l.pick("Kỳ", "Period"), Width: 1}, {Title: l.pick("Đánh giá", "Status"), Width: 1.6}}, Unit: l.pick("% hoặc số lượng", "% or count")}
	for _, p := range r.Progress {
		var actual any = Note(l.notReported())
		if p.Actual.Valid {
			actual = p.Actual.Decimal
		}
		t.Rows = append(t.Rows, []any{p.Label, nullable(p.Target), p.TargetSource, actual, p.Period, p.Status})
	}
	return []Block{Heading{l.pick("V. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "V. INDICATORS AGAINST TARGETS")}, t}
}

func nullable(d decimal.NullDecimal) any {
	if !d.Valid {
		return nil
	}
	return d.Decimal
}

func (r ProvinceReport) complianceBlocks() []Block {
	l := r.Lang
	t := Table{Columns: []Column{{Title: l.pick("Mục", "Item"), Width: 0.8}, {Title: l.pick("Yêu cầu", "Requirement"), Width: 3},
		{Title: l.pick("Kết quả", "Result"), Width: 1.2}, {Title: l.pick("Căn cứ", "Evidence"), Width: 5}}}
	for _, c := range r.Compliance {
		t.Rows = append(t.Rows, []any{c.Item, c.Title, c.Status, c.Evidence})
	}
	return []Block{Heading{l.pick("VI. KIỂM TRA VIỆC THỰC HIỆN CHỈ THỊ", "VI. COMPLIANCE WITH THE DIRECTIVE")}, t}
}
